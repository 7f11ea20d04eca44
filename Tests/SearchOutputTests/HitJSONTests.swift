import SearchCore
import SearchOutput
import Testing

/// The JSON contract of a hit (README, "JSON output"), snippets and displayed paths, as every
/// front end prints them.
@Suite struct HitJSONTests {
    static let text = "مفاوضات «أستانا»\n\"quoted\" \\ tab\tend"

    static var hit: Hit {
        let start = text.utf8.count - text.drop(while: { $0 != "أ" }).utf8.count
        let end = start + "أستانا".utf8.count
        let scalarStart = text.unicodeScalars.prefix { $0 != "أ" }.count
        var highlight = Highlight(
            byteStart: start, byteEnd: end, scalarStart: scalarStart, scalarEnd: scalarStart + "أستانا".unicodeScalars.count)
        highlight.kind = .exact
        return Hit(rank: 1, path: "/home/me/news/a.txt", startLine: 3, endLine: 4, score: 2.12345678, text: text,
                   highlights: [highlight])
    }

    @Test func theObjectHasTheDocumentedFieldsInTheDocumentedOrderEscapedAsJSON() {
        let json = HitJSON.object(Self.hit, path: "news/a.txt").finished
        let start = Self.hit.highlights[0]
        #expect(json == """
            {"type":"match","rank":1,"path":"news/a.txt","line":3,"end_line":4,"score":2.123457,\
            "text":"مفاوضات «أستانا»\\n\\"quoted\\" \\\\ tab\\tend",\
            "snippet":"مفاوضات «أستانا»\\n\\"quoted\\" \\\\ tab\\tend",\
            "highlights":[{"byte_start":\(start.byteStart),"byte_end":\(start.byteEnd),\
            "scalar_start":\(start.scalarStart),"scalar_end":\(start.scalarEnd),"match":"exact"}]}
            """)
    }

    @Test func pathsInsideTheFolderAreShownRelativeOthersAbsolute() {
        let paths = DisplayPath(relativeTo: "/home/me")
        #expect(paths.of("/home/me/news/a.txt") == "news/a.txt")
        #expect(paths.of("/home/mere/a.txt") == "/home/mere/a.txt")
        #expect(DisplayPath(relativeTo: "/").of("/a/b") == "a/b")
    }

    /// Lines go to whatever output the front end gives, and a failed write stops the printer.
    @Test func jsonLinesGoToTheGivenOutput() throws {
        final class Buffer: TextOutput {
            var text = ""
            var closedAfter = Int.max
            func write(_ text: String) throws {
                guard closedAfter > 0 else { throw Closed() }
                closedAfter -= 1
                self.text += text
            }
        }
        struct Closed: Error {}
        let buffer = Buffer()
        var printer = JSONLinesPrinter(to: buffer, paths: DisplayPath(relativeTo: "/home/me"))
        try printer.print(Self.hit)
        #expect(printer.printedAny)
        #expect(buffer.text == HitJSON.object(Self.hit, path: "news/a.txt").finished + "\n")
        buffer.closedAfter = 0
        #expect(throws: Closed.self) { try printer.print(Self.hit) }
    }

    @Test func aLongPassageIsWindowedAroundItsFirstHitAndAShortOneIsWhole() {
        let long = String(repeating: "كلمة ", count: 200) + "أستانا " + String(repeating: "نص ", count: 200)
        let start = long.utf8.count - long.drop(while: { $0 != "أ" }).utf8.count
        let scalar = long.unicodeScalars.prefix { $0 != "أ" }.count
        let highlight = Highlight(byteStart: start, byteEnd: start + "أستانا".utf8.count, scalarStart: scalar,
                                  scalarEnd: scalar + 6)
        let snippet = Snippet(text: long, highlights: [highlight])
        #expect(snippet.text.hasPrefix(Snippet.ellipsis) && snippet.text.hasSuffix(Snippet.ellipsis))
        #expect(snippet.text.unicodeScalars.count < Snippet.width + 40)
        let shown = Array(snippet.text.utf8)
        #expect(snippet.highlights.map { String(decoding: shown[$0], as: UTF8.self) } == ["أستانا"])
        #expect(Snippet(text: Self.text, highlights: Self.hit.highlights).text == Self.text)
    }
}
