import Foundation
import Testing
@testable import SearchIndex
import TextAnalysis

/// Terms computed ahead on the preparing thread must be exactly what the tokenizer would emit.
@Suite struct PreparedTermsTests {
    typealias Term = (term: [UInt8], start: Int, end: Int, colocated: Bool)

    func generated(_ text: String) -> [Term] {
        var terms: [Term] = []
        var text = text
        text.withUTF8 { utf8 in
            IndexTerms().generate(utf8: utf8) { term, start, end, colocated in
                terms.append((Array(term), start, end, colocated))
            }
        }
        return terms
    }

    @Test(arguments: [
        "وَالْكِتَابُ بالعراق، کتاب‌ها و کتاب ها؛ می خواهم میخواهم ١٩٤٤ covid-19",
        "",
        "ﻛﺘﺎﺏ ـــ 🙂 \u{200C}",
    ])
    func replayEqualsGeneration(text: String) throws {
        let prepared = try #require(PreparedTerms(text: text))
        var replayed: [Term] = []
        prepared.replay { term, start, end, colocated in replayed.append((Array(term), start, end, colocated)) }
        let expected = generated(text)
        #expect(replayed.count == expected.count)
        for (got, want) in zip(replayed, expected) {
            #expect(got.term == want.term && got.start == want.start && got.end == want.end && got.colocated == want.colocated)
        }
    }

    @Test func handedOverOnlyForTheSameBytes() throws {
        // The slot is shared by the process, and other tests index in parallel: a hand-over they
        // overwrite is retried (the product then simply analyzes the text itself).
        var text = "نص الاختبار الفريد ١٢٣ للتسليم"
        var other = "نص آخر"
        let prepared = try #require(PreparedTerms(text: text))
        var handedOver = false
        for _ in 0..<100 where !handedOver {
            PreparedTerms.next.withLock { $0 = prepared }
            #expect(other.withUTF8 { PreparedTerms.take(for: $0) } == nil)
            handedOver = text.withUTF8 { PreparedTerms.take(for: $0) } != nil
        }
        #expect(handedOver)
        // Taken once: a second tokenization of the same text analyzes it again.
        #expect(text.withUTF8 { PreparedTerms.take(for: $0) } == nil)
    }

    @Test func wordCountFollowsSpacesAndPunctuation() {
        var text = "قال: «الكتاب» في 2024، hello-world!"
        #expect(text.withUTF8 { Searcher.wordCount($0) } == 6)
    }
}
