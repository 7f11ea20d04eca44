import Foundation
import Testing
@testable import SearchWeb

/// Text from the index (passages, file names) and from the query is shown as text wherever it
/// is inserted: no tag, attribute, script URL or reordering of its own.
@Suite struct EscapingTests {
    static let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "<a href=\"javascript:alert(3)\">رابط</a>",
        "' onmouseover='alert(4)",
        "\u{202E}txt.exe",
    ]

    let fixture: SiteFixture

    init() throws {
        let passages = Self.hostile.map { "أستانا " + $0 }.joined(separator: "\n\n") + "\n"
        fixture = try SiteFixture(files: [
            "more/hostile.txt": passages,
            "more/x\"><img src=x onerror=alert(5)>.txt": "أستانا في الاسم\n",
            "more/\u{202E}gnp.txt": "أستانا في اسم معكوس\n",
        ])
    }

    static let tags: Set<String> = [
        "!DOCTYPE", "html", "head", "meta", "title", "link", "script", "body", "header", "form", "input", "button", "main",
        "p", "ol", "li", "a", "bdi", "mark", "span", "nav", "h1", "section",
    ]
    static let attributes: Set<String> = [
        "lang", "charset", "name", "content", "rel", "href", "src", "defer", "class", "action", "method", "role", "type",
        "value", "dir", "autofocus", "autocomplete", "aria-label", "aria-live", "placeholder", "start", "title", "id", "html",
    ]

    /// Every `<` opens one of the site's own tags, with the site's own attributes, quoted; every
    /// link stays on the site; the only script is the site's.
    func expectOnlyOwnMarkup(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(html.occurrences(of: "<") == html.matches(of: /<\/?[!A-Za-z0-9]+[^<>]*>/).count, sourceLocation: sourceLocation)
        for tag in html.matches(of: /<(\/?)([!A-Za-z0-9]+)([^<>]*)>/) {
            #expect(Self.tags.contains(String(tag.2)), "tag \(tag.0)", sourceLocation: sourceLocation)
            var rest = Substring(tag.3)
            while let attribute = rest.prefixMatch(of: /\s+([a-z-]+)(="[^"]*")?/) {
                #expect(Self.attributes.contains(String(attribute.1)), "attribute in \(tag.0)", sourceLocation: sourceLocation)
                if attribute.1 == "href" || attribute.1 == "src" || attribute.1 == "action" {
                    #expect(attribute.2?.hasPrefix("=\"/") == true, "link in \(tag.0)", sourceLocation: sourceLocation)
                }
                rest = rest[attribute.range.upperBound...]
            }
            let onlySpaces = rest.allSatisfy { $0.isWhitespace }
            #expect(onlySpaces, "leftover in \(tag.0)", sourceLocation: sourceLocation)
        }
        #expect(html.occurrences(of: "<script") == 1, sourceLocation: sourceLocation)
        #expect(!html.lowercased().contains("=\"javascript:"), sourceLocation: sourceLocation)
    }

    @Test func passagesAndPathsAreShownAsText() {
        let html = fixture.get(SiteFixture.searchTarget("/", "أستانا")).text
        expectOnlyOwnMarkup(html)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("&lt;a href=&quot;javascript:alert(3)&quot;&gt;"))
        #expect(html.contains("&#39; onmouseover=&#39;alert(4)"))
        #expect(html.contains("more/x&quot;&gt;&lt;img src=x onerror=alert(5)&gt;.txt"))
    }

    @Test func directionalOverridesAreShownNotObeyed() {
        let html = fixture.get(SiteFixture.searchTarget("/", "أستانا")).text
        #expect(!html.unicodeScalars.contains { HTML.isDirectionalFormatting($0) })
        #expect(html.contains("<span class=\"control\" title=\"a directional formatting character\">[U+202E]</span>txt.exe"))
        #expect(html.contains("more/<span class=\"control\" title=\"a directional formatting character\">[U+202E]</span>gnp.txt"))
    }

    @Test(arguments: hostile)
    func theQueryIsShownAsText(_ query: String) {
        let response = fixture.get(SiteFixture.searchTarget("/", "أستانا OR \"" + query.replacingOccurrences(of: "\"", with: "") + "\""))
        expectOnlyOwnMarkup(response.text)
        let malformed = fixture.get(SiteFixture.searchTarget("/", query + " OR"))
        #expect(malformed.status == .badRequest)
        expectOnlyOwnMarkup(malformed.text)
        let plain = fixture.get(SiteFixture.searchTarget("/", query))
        expectOnlyOwnMarkup(plain.text)
        #expect(!plain.text.contains("<title>" + query))
    }

    @Test func thePassagePageShowsTextToo() throws {
        for (path, line) in [("more/hostile.txt", 1), ("more/hostile.txt", 5), ("more/x\"><img src=x onerror=alert(5)>.txt", 1),
                             ("more/\u{202E}gnp.txt", 1)] {
            let response = fixture.get("/passage?path=" + SiteLink.encoded(path) + "&line=\(line)&q=" + SiteLink.encoded("\"><script>"))
            #expect(response.status == .ok, "\(path)")
            expectOnlyOwnMarkup(response.text)
            #expect(!response.text.unicodeScalars.contains { HTML.isDirectionalFormatting($0) })
        }
    }

    @Test func jsonEscapesWhatJSONMust() throws {
        let response = fixture.get(SiteFixture.searchTarget("/api/search", "أستانا", "&limit=100"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let texts = (object["hits"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        for text in Self.hostile.map({ "أستانا " + $0 }) {
            #expect(texts.contains(text))
        }
        let error = fixture.get(SiteFixture.searchTarget("/api/search", "\"<script>\\\u{202E}"))
        #expect(error.status == .badRequest)
        #expect(try JSONSerialization.jsonObject(with: Data(error.body)) is [String: Any])
    }
}
