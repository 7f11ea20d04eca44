import Testing
@testable import SearchWeb

@Suite struct WebRequestTests {
    @Test func decodesPathAndParameters() throws {
        let request = try WebRequest(method: "GET", target: "/api/search?q=%D8%A3%D8%B3%D8%AA%D8%A7%D9%86%D8%A7&limit=2&path=a+b", host: nil)
        #expect(request.path == "/api/search")
        #expect(request.values("q") == ["أستانا"])
        #expect(request.values("limit") == ["2"])
        #expect(request.values("path") == ["a b"])
    }
}
