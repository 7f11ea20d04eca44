import Testing
@testable import TextAnalysis

/// The terms documents put in the index, with byte offsets into the original text.
@Suite struct IndexTermsTests {
    struct Term: Equatable, CustomStringConvertible {
        var text: String
        var start: Int
        var end: Int
        var colocated: Bool
        var description: String { "\(text.debugDescription)@\(start)..<\(end)\(colocated ? "+" : "")" }
    }

    func terms(_ text: String) -> [Term] {
        var text = text
        var result: [Term] = []
        text.withUTF8 { utf8 in
            IndexTerms().generate(utf8: utf8) { term, start, end, colocated in
                result.append(Term(text: String(decoding: term, as: UTF8.self), start: start, end: end, colocated: colocated))
            }
        }
        return result
    }

    @Test func stemsAreColocatedBehindAMarker() {
        let all = terms("قرأت الكتاب")
        #expect(all.first == Term(text: "قرات", start: 0, end: 8, colocated: false))
        #expect(all.contains(Term(text: "الكتاب", start: 9, end: 21, colocated: false)))
        #expect(all.contains(Term(text: "\u{1}كتاب", start: 9, end: 21, colocated: true)))
        // Every word starts with a surface term; stems never come first.
        #expect(all.filter { !$0.colocated }.map(\.text) == ["قرات", "الكتاب"])
    }

    @Test func persianStemsUseTheirOwnMarker() {
        let all = terms("این کتاب‌ها را خواندم")
        #expect(all.contains { $0.text == "\u{2}كتاب" && $0.colocated })
        #expect(!all.contains { $0.text.hasPrefix("\u{1}") })
    }

    @Test func spacedPersianWordsAlsoGiveTheJoinedTerm() {
        let text = "این کتاب ها را می خواهم"
        let all = terms(text)
        let utf8 = Array(text.utf8)
        func span(_ term: Term) -> String { String(decoding: utf8[term.start..<term.end], as: UTF8.self) }
        let joinedPlural = all.first { $0.text == "كتابها" }
        #expect(joinedPlural?.colocated == true)
        #expect(joinedPlural.map(span) == "کتاب ها")
        let joinedVerb = all.first { $0.text == "ميخواهم" }
        #expect(joinedVerb.map(span) == "می خواهم")
        // The joined plural also carries the stem.
        #expect(all.contains { $0.text == "\u{2}كتاب" })
    }

    /// Issue 20: pairs only were joined, so «کتاب ها ی» gave no كتابهاي for the query that reads it so.
    @Test func aRunOfSpacedWordsGivesEveryJoinedSpellingThatEndsAtEachWord() {
        let text = "این کتاب ها ی من"
        let utf8 = Array(text.utf8)
        func spans(of term: String) -> [String] {
            terms(text).filter { $0.text == term }.map { String(decoding: utf8[$0.start..<$0.end], as: UTF8.self) }
        }
        #expect(spans(of: "كتابها") == ["کتاب ها"])
        #expect(spans(of: "كتابهاي") == ["کتاب ها ی"])
        #expect(spans(of: "هاي") == ["ها ی"])
        // A verb prefix does not take another after it; a run is at most four words.
        #expect(!terms("نمی می خواهم").contains { $0.text == "نميمي" })
        #expect(terms("نمی می خواهم").contains { $0.text == "ميخواهم" })
        #expect(terms("کتاب ها ی ام اش").contains { $0.text == "هاياماش" })
        #expect(!terms("کتاب ها ی ام اش").contains { $0.text == "كتابهاياماش" })
    }

    @Test func arabicTextIsNotJoined() {
        #expect(!terms("قال لي ها هو الكتاب").contains { $0.text == "ليها" })
    }

    @Test func surfaceTermsAreTheAnalyzerTerms() {
        let text = "وَالكِتَابُ کتاب‌ها ١٢٣ Covid-19"
        let surface = terms(text).filter { !$0.colocated }.map(\.text)
        #expect(surface == Analyzer().tokens(in: text).map(\.term))
    }
}
