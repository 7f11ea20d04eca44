import Foundation
import SearchCore
import SearchIndex
import SearchOutput
import SearchStatus
import Testing
@testable import SearchWeb

@Suite struct SearchAPITests {
    let fixture: SiteFixture

    init() throws {
        fixture = try SiteFixture()
    }

    func json(_ response: WebResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func answersTheQueryTheCountAndTheHitsAsSearchJSONPrintsThem() throws {
        let response = fixture.get(SiteFixture.searchTarget("/api/search", "أستانا"))
        #expect(response.status == .ok)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        let object = try json(response)
        #expect(object["query"] as? String == "أستانا")
        #expect(object["count"] as? Int == 3)
        #expect((object["corrections"] as? [Any])?.isEmpty == true)
        // Each hit is the object of a `search --json` line, field for field, byte for byte.
        let hits = try Searcher(store: fixture.store).search(try QueryParser().parse("أستانا"), options: SearchOptions()).hits
        let paths = DisplayPath(relativeTo: fixture.folder)
        let expected = "\"hits\":[" + hits.map { HitJSON.object($0, path: paths.of($0.path)).finished }.joined(separator: ",") + "]}"
        #expect(response.text.hasSuffix(expected + "\n"))
        #expect(response.text.contains("\"path\":\"seeds/000_d0ff0c257c8734f8.txt\""))
    }

    @Test func pagesWithLimitAndOffset() throws {
        let all = try json(fixture.get(SiteFixture.searchTarget("/api/search", "روسيا", "&limit=6")))
        let first = try json(fixture.get(SiteFixture.searchTarget("/api/search", "روسيا", "&limit=3")))
        let second = try json(fixture.get(SiteFixture.searchTarget("/api/search", "روسيا", "&limit=3&offset=3")))
        func places(_ object: [String: Any]) -> [String] {
            (object["hits"] as? [[String: Any]] ?? []).map { "\($0["path"] ?? ""):\($0["line"] ?? "")" }
        }
        #expect(places(all).count == 6)
        #expect(places(first) + places(second) == places(all))
        #expect((second["hits"] as? [[String: Any]])?.first?["rank"] as? Int == 4)
        #expect(first["count"] as? Int == all["count"] as? Int)
    }

    @Test func listsTheCorrections() throws {
        let object = try json(fixture.get(SiteFixture.searchTarget("/api/search", "بوطين")))
        let correction = try #require((object["corrections"] as? [[String: Any]])?.first)
        #expect(correction["typed"] as? String == "بوطين")
        #expect(correction["spellings"] as? [String] == ["بوتين"])
        #expect(correction["message"] as? String == "no exact match for بوطين; showing بوتين")
    }

    @Test func aMalformedQueryIsA400WithTheCLIMessage() throws {
        let response = fixture.get(SiteFixture.searchTarget("/api/search", "أستانا OR"))
        #expect(response.status == .badRequest)
        let expected = QueryError.missingOperand(operator: "OR", column: 8).description
        #expect(try json(response)["error"] as? String == expected)
    }

    @Test(arguments: ["", "?q=", "?q=%20", "?q=x&limit=0", "?q=x&limit=101", "?q=x&limit=ten", "?q=x&offset=-5",
                      "?q=%ZZ", "?q=%C3%28", "?q=a%00b"])
    func badRequestsAreA400WithAMessage(_ query: String) throws {
        let response = fixture.get("/api/search" + query)
        #expect(response.status == .badRequest)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        let message = try #require(try json(response)["error"] as? String)
        #expect(!message.isEmpty && !message.contains("\n"))
    }

    @Test func statusIsWhatSearchStatusJSONPrints() throws {
        let response = fixture.get("/api/status")
        #expect(response.status == .ok)
        #expect(response.text == StatusReport.json(try fixture.store.status()) + "\n")
        #expect(try json(response)["passages"] as? Int == 68)
    }

    @Test func unknownPagesAndMethods() throws {
        let missing = fixture.get("/api/nothing")
        #expect(missing.status == .notFound)
        #expect(try json(missing)["error"] != nil)
        #expect(fixture.get("/nothing").status == .notFound)
        let post = fixture.get("/api/search?q=x", method: "POST")
        #expect(post.status == .methodNotAllowed)
        #expect(post.header("Allow") == "GET, HEAD")
        #expect(fixture.get("/", method: "DELETE").status == .methodNotAllowed)
        #expect(fixture.get("/", method: "HEAD").status == .ok)
    }

    @Test func everyAnswerCarriesTheSecurityHeadersAndNoCORS() {
        for target in ["/", "/?q=%22", "/api/search?q=x", "/api/status", "/nothing", "/assets/search.css", "/passage"] {
            let response = fixture.get(target)
            #expect(response.header("Content-Security-Policy")?.hasPrefix("default-src 'none'; script-src 'self'; style-src 'self'") == true)
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("Access-Control-Allow-Origin") == nil)
        }
    }
}
