import SearchCore
import Testing
@testable import SearchIndex

/// End to end on the seed documents: index them, query them, check passages and highlights.
@Suite struct SeedSearchTests {
    static let index = Result { try SeedIndex() }

    func search(_ query: String) throws -> [Hit] {
        try Self.index.get().search(query)
    }

    @Test func seedsAreIndexed() throws {
        let summary = try Self.index.get().summary
        #expect(summary.newFiles == 5)
        #expect(summary.totalPassages > 50)
    }

    @Test(arguments: ["أستانا", "استانا", "آستانا", "إستانا"])
    func astanaFindsTheThreePassagesOfTheFirstArticle(query: String) throws {
        let hits = try search(query)
        #expect(hits.map(\.location).sorted() == [
            "000_d0ff0c257c8734f8.txt:13", "000_d0ff0c257c8734f8.txt:3", "000_d0ff0c257c8734f8.txt:7",
        ])
        for hit in hits { #expect(hit.highlightedTexts == ["أستانا"]) }
    }

    @Test func vocalisedWordIsFoundAndHighlightedWhole() throws {
        let hits = try search("مسيسا")
        #expect(hits.count == 1)
        #expect(hits.first?.highlightedTexts == ["مسيَّساً"])
    }

    @Test(arguments: ["می\u{200C}گذاریم", "میگذاریم", "ميگذاريم"])
    func zwnjAndJoinedSpellingsMatch(query: String) throws {
        let hits = try search(query)
        #expect(hits.map(\.location) == ["003_ddbe7e93f1f104fd.txt:13"])
        #expect(hits.first?.highlightedTexts == ["میگذاریم"])
    }

    @Test func zwnjQueryFindsBothJoinedPassages() throws {
        let hits = try search("عقب\u{200C}نشینی")
        #expect(hits.count == 2)
        for hit in hits { #expect(hit.highlightedTexts == ["عقبنشینی"]) }
    }

    @Test func tatweelIsIgnored() throws {
        let hits = try search("عاجل")
        #expect(hits.contains { $0.highlightedTexts == ["عاجــــــل"] })
    }

    @Test(arguments: ["١٩٤٤", "۱۹۴۴", "1944"])
    func digitsOfEveryScriptMatch(query: String) throws {
        let hits = try search(query)
        #expect(hits.map(\.location) == ["002_ce81c0b2699a3f96.txt:10"])
        #expect(hits.first?.highlightedTexts == ["1944"])
    }

    @Test func persianAndArabicYehFindTheSameWord() throws {
        // روسیه and روسيه are one word: each finds it in either spelling. Typed with ی (at a
        // Persian keyboard) the query takes Persian affixes only; with ي it could be Arabic, and
        // also finds the Arabic clitic forms (الروسية): the only passages it adds.
        let persian = Set(try search("روسیه").map(\.location))
        let arabic = try search("روسيه")
        #expect(!persian.isEmpty && persian.isSubset(of: Set(arabic.map(\.location))))
        for hit in arabic where !persian.contains(hit.location) {
            #expect(hit.highlights.allSatisfy { $0.kind == .stem }, "\(hit.location)")
        }
        #expect(try search("روسیه").first?.highlights.first?.kind == .exact)
    }

    @Test func phraseMatchesAdjacentWordsOnly() throws {
        let hits = try search("\"مفاوضات أستانا\"")
        #expect(hits.map(\.location) == ["000_d0ff0c257c8734f8.txt:3"])
        #expect(hits.first?.highlightedTexts == ["مفاوضات أستانا"])
        // The same words in the other order are not the phrase.
        #expect(try search("\"أستانا مفاوضات\"").isEmpty)
    }

    @Test func allWordsAreRequired() throws {
        let both = try search("أستانا بغداد")
        #expect(both.map(\.location) == ["000_d0ff0c257c8734f8.txt:3"])
        #expect(try search("أستانا zzzz").isEmpty)
    }

    @Test func hitsAreRankedWithPositiveScores() throws {
        let hits = try search("روسيا")
        #expect(hits.count > 3)
        #expect(hits.map(\.rank) == Array(1...hits.count))
        #expect(hits.allSatisfy { $0.score > 0 })
    }

    @Test func exactFormsRankAboveFoldedFormsAboveStems() throws {
        // روسيا itself first, then words that only contain it with clitics (وروسيا, لروسيا).
        let hits = try search("روسيا")
        let kinds = hits.map { hit in hit.highlights.map(\.kind).min { $0.order < $1.order } ?? .stem }
        #expect(kinds.first == .exact)
        #expect(kinds == kinds.sorted { $0.order < $1.order })
        #expect(kinds.contains(.stem))
        // Within a tier, BM25 decides.
        for (better, worse) in zip(hits, hits.dropFirst()) where better.highlights.map(\.kind) == worse.highlights.map(\.kind) {
            #expect(better.score >= worse.score)
        }
    }

    @Test func stemMatchesFindCliticForms() throws {
        // The seeds have للعراق and وللعراق; a search for العراق finds them, marked as stems,
        // and عراق finds العراق too.
        func stemTexts(_ query: String) throws -> Set<String> {
            Set(try search(query).flatMap { zip($0.highlightedTexts, $0.highlights.map(\.kind)).filter { $0.1 == .stem }.map(\.0) })
        }
        #expect(try stemTexts("العراق").isSuperset(of: ["للعراق", "وللعراق"]))
        #expect(try stemTexts("عراق").contains("العراق"))
        // The adjective العراقي is another word.
        #expect(try !stemTexts("عراق").contains("العراقي"))
    }

    @Test func limitCapsTheHits() throws {
        let index = try Self.index.get()
        #expect(try index.search("روسيا", limit: 2).count == 2)
        #expect(try index.search("روسيا", limit: 0).count == index.search("روسيا", limit: 1000).count)
    }

    @Test func highlightOffsetsAgreeInBytesAndScalars() throws {
        for hit in try search("العراق") {
            let scalars = Array(hit.text.unicodeScalars)
            for (range, text) in zip(hit.highlights, hit.highlightedTexts) {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[range.scalarStart..<range.scalarEnd])
                #expect(String(view) == text)
            }
        }
    }
}
