import Testing
import TextAnalysis

/// Words longer than `Analyzer.maximumTermBytes`: one token, truncated at a scalar boundary, the
/// span still covering the whole word.
@Suite struct LongWordTests {
    struct LongWord: Sendable, CustomTestStringConvertible {
        let label: String
        /// The word, written with the scalars a document may use.
        let word: String
        /// The same word as its folded letters (what the term is a prefix of).
        let folded: String
        var testDescription: String { label }
    }

    static func repeated(_ unit: String, _ count: Int) -> String {
        String(repeating: unit, count: count)
    }

    @Test(arguments: [
        LongWord(label: "1,000 Arabic letters (2 bytes)", word: repeated("ب", 1000), folded: repeated("ب", 1000)),
        LongWord(label: "1,000 ASCII letters", word: repeated("a", 1000), folded: repeated("a", 1000)),
        LongWord(label: "1,000 capital letters", word: repeated("A", 1000), folded: repeated("a", 1000)),
        LongWord(label: "1,000 CJK letters (3 bytes)", word: repeated("中", 1000), folded: repeated("中", 1000)),
        LongWord(label: "1,000 CJK Extension B letters (4 bytes)", word: repeated("\u{20000}", 1000), folded: repeated("\u{20000}", 1000)),
        LongWord(label: "mixed widths", word: repeated("aب中\u{20000}", 250), folded: repeated("aب中\u{20000}", 250)),
        LongWord(label: "1,000 letters with harakat", word: repeated("ب\u{064E}", 1000), folded: repeated("ب", 1000)),
        LongWord(label: "1,000 letters ending with tatweel", word: repeated("ب", 1000) + "\u{0640}", folded: repeated("ب", 1000)),
        LongWord(label: "1,000 letters joined by ZWNJ", word: repeated("ب\u{200C}", 999) + "ب", folded: repeated("ب", 1000)),
        LongWord(label: "1,000 hamza alefs", word: repeated("أ", 1000), folded: repeated("ا", 1000)),
        LongWord(label: "1,000 presentation forms", word: repeated("\u{FE91}", 1000), folded: repeated("ب", 1000)),
        LongWord(label: "500 lam alef ligatures", word: repeated("\u{FEFB}", 500), folded: repeated("لا", 500)),
        LongWord(label: "250 ASCII letters then a lam alef ligature", word: repeated("a", 250) + "\u{FEFB}", folded: repeated("a", 250) + "لا"),
    ])
    func veryLongWordGivesOneTruncatedTokenSpanningTheWholeWord(_ long: LongWord) {
        let tokens = analyzeChecked(long.word)
        #expect(tokens.count == 1)
        guard let token = tokens.first else { return }
        let term = Array(token.term.utf8)
        #expect(term.count <= Analyzer.maximumTermBytes)
        // Truncation loses at most one scalar's worth of room.
        #expect(term.count > Analyzer.maximumTermBytes - 4)
        #expect(isValidUTF8(rawTerms(of: Array(long.word.utf8)).first?.term ?? []))
        #expect(Array(long.folded.utf8).starts(with: term), "the term is a prefix of the folded word, cut between scalars")
        #expect(token.byteStart == 0)
        #expect(token.byteEnd == long.word.utf8.count)
        #expect(token.position == 0)
    }

    @Test func longWordIsFollowedByTheNextWordAtTheRightOffset() {
        let text = Self.repeated("ب", 1000) + " كتاب"
        let tokens = analyzeChecked(text)
        #expect(tokens.map(\.byteStart) == [0, 2001])
        #expect(tokens.map(\.byteEnd) == [2000, 2009])
        #expect(tokens.map(\.position) == [0, 1])
        #expect(tokens.last?.term == "كتاب")
    }

    /// A long query must give the same truncated term as the long document word it spells.
    @Test(arguments: [
        ("hamza alef", Self.repeated("أ", 1000), Self.repeated("ا", 1000)),
        ("harakat", Self.repeated("ب\u{064E}", 1000), Self.repeated("ب", 1000)),
        ("presentation forms", Self.repeated("\u{FE91}", 1000), Self.repeated("ب", 1000)),
        ("lam alef ligatures", Self.repeated("\u{FEFB}", 500), Self.repeated("لا", 500)),
        ("lam alef ligature at the limit", Self.repeated("a", 250) + "\u{FEFB}", Self.repeated("a", 250) + "لا"),
        ("odd-length ligature run", "ا" + Self.repeated("\u{FEFB}", 500), "ا" + Self.repeated("لا", 500)),
    ])
    func truncationIsTheSameForDocumentAndQuerySpellings(_ label: String, _ document: String, _ query: String) {
        let documentTerms = rawTerms(of: Array(document.utf8)).map(\.term)
        let queryTerms = rawTerms(of: Array(query.utf8)).map(\.term)
        #expect(documentTerms == queryTerms, "\(label)")
    }

    /// Bug (fixed): the letters of a ligature expansion were copied byte by byte up to
    /// `maximumTermBytes`, so a ligature that reached the limit left the first byte of a letter
    /// without its continuation byte — an ill-formed term, different from the query's.
    @Test func ligatureAtTheTermLengthLimitIsNotCutInsideALetter() {
        // 63 lam alefs fill 252 bytes; the 64th would end the term with [0xD9, 0x84, 0xD8].
        let raw = rawTerms(of: Array(Self.repeated("\u{FEFB}", 64).utf8))
        #expect(raw.count == 1)
        let term = raw.first?.term ?? []
        #expect(isValidUTF8(term))
        #expect(term == Array(Self.repeated("لا", 63).utf8))

        // A multi-word ligature reaching the limit: every term well formed, and the same as the
        // words spelled out.
        let document = rawTerms(of: Array((Self.repeated("ب", 126) + "\u{FDFA}").utf8)).map(\.term)
        let query = rawTerms(of: Array((Self.repeated("ب", 126) + "صلى الله عليه وسلم").utf8)).map(\.term)
        #expect(document.allSatisfy(isValidUTF8))
        #expect(document == query)
    }
}
