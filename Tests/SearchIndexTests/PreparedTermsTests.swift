import Foundation
import FullText
import GRDB
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

    /// Each connection has its own hand-over: an insert on one connection replays the terms
    /// prepared for it, while another connection, or other bytes, are analyzed as usual.
    @Test func handedOverOnlyOnItsConnectionAndForTheSameBytes() throws {
        let text = "نص الاختبار الفريد ١٢٣ للتسليم"
        let prepared = try #require(PreparedTerms(text: text))
        let fullText = FullTextConnections()
        let first = try DatabaseQueue(configuration: IndexStore.configuration(readOnly: false, fullText: fullText))
        let second = try DatabaseQueue(configuration: IndexStore.configuration(readOnly: false, fullText: fullText))
        for queue in [first, second] {
            try queue.write { db in try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='arfa')") }
        }
        var handedTo: FullTextConnection?
        try first.write { db in
            handedTo = fullText.state(of: db)
            handedTo?.nextDocumentTerms = prepared
        }
        try second.write { db in
            #expect(fullText.state(of: db) !== handedTo)
            #expect(fullText.state(of: db)?.nextDocumentTerms == nil)
        }
        try first.write { db in
            try db.execute(sql: "INSERT INTO t (x) VALUES (?)", arguments: ["نص آخر"])
            #expect(handedTo?.nextDocumentTerms != nil, "other bytes must not take the terms")
            try db.execute(sql: "INSERT INTO t (x) VALUES (?)", arguments: [text])
            #expect(handedTo?.nextDocumentTerms == nil, "the same bytes take them, once")
        }
    }

    @Test func wordCountFollowsSpacesAndPunctuation() {
        var text = "قال: «الكتاب» في 2024، hello-world!"
        #expect(text.withUTF8 { Searcher.wordCount($0) } == 6)
    }
}
