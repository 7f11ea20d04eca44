import Testing
@testable import SearchWeb

/// A server on loopback answers only requests addressed to loopback: a page elsewhere whose
/// domain was pointed at 127.0.0.1 (DNS rebinding) cannot read the index through it.
@Suite struct HostPolicyTests {
    @Test(arguments: ["localhost", "localhost:8080", "127.0.0.1", "127.0.0.1:8080", "127.1.2.3:80", "[::1]", "[::1]:8080",
                      "LOCALHOST:8080", "app.localhost:8080"])
    func loopbackNamesAreAnswered(_ host: String) {
        #expect(HostPolicy.isLoopback(host))
    }

    @Test(arguments: ["example.com", "example.com:8080", "127.0.0.1.example.com", "localhost.example.com", "10.0.0.1:8080",
                      "[::2]:8080", "[::1]x", "127.0.0.1:80x", "", "128.0.0.1"])
    func otherNamesAreNot(_ host: String) {
        #expect(!HostPolicy.isLoopback(host))
    }

    @Test func aRebindingRequestIsRefused() throws {
        let fixture = try SiteFixture()
        let refused = fixture.get("/api/status", host: "attacker.example:8080")
        #expect(refused.status == .forbidden)
        #expect(refused.text.contains("answers requests for localhost only"))
        #expect(fixture.get("/api/status", host: "localhost:8080").status == .ok)
        #expect(fixture.get("/api/status", host: nil).status == .ok)
        let open = try SiteFixture(hosts: .any)
        #expect(open.get("/api/status", host: "search.example.org").status == .ok)
    }
}
