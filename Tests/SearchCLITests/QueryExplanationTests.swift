import SearchCore
import Testing
@testable import SearchCLI
@testable import SearchIndex

/// The `why:` line of `--explain`.
@Suite struct QueryExplanationTests {
    /// A hit on `text` with a highlight on each (byte start, byte end, kind).
    func hit(_ text: String, _ spans: [(Int, Int, MatchKind)]) -> Hit {
        Hit(rank: 1, path: "/a.txt", startLine: 1, endLine: 1, score: 1, text: text, highlights: spans.map {
            Highlight(byteStart: $0.0, byteEnd: $0.1, scalarStart: 0, scalarEnd: 0, kind: $0.2, queryWord: "كتاب")
        })
    }

    @Test func eachReasonIsNamedOnceWithHowOftenItOccurs() {
        // كتاب (8 bytes) three times, والكتاب (14 bytes) once, in that order of first appearance.
        let text = "كتاب والكتاب كتاب كتاب"
        let why = QueryExplanation.why(hit(text, [(0, 8, .exact), (9, 23, .stem), (24, 32, .exact), (33, 41, .exact)]))
        #expect(why == "why: كتاب ← كتاب (exact) ×3; والكتاب ← كتاب (stem)")
    }

    @Test func aHitWithoutHighlightsJustMatched() {
        #expect(QueryExplanation.why(hit("نص", [])) == "why: matched")
    }
}
