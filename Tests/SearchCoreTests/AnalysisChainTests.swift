import Testing
import TextAnalysis
@testable import SearchCore

/// One analysis chain: every rule by which a document puts terms in the index (`IndexTerms`:
/// folded words, their stems, Persian spellings written with a space) is run through the query
/// side (`QueryParser`, `MatchExpression`) on the same text, and the two must meet: a query typed
/// as a passage is written finds it, by its surface form.
@Suite struct AnalysisChainTests {
    /// The terms a document indexes, by position.
    struct IndexedText {
        struct Term {
            var text: String
            /// Where the term's span starts: a joined term spans the words it joins.
            var byteStart: Int
        }

        var positions: [[Term]] = []
        /// Where each word (position) starts.
        var wordStarts: [Int] = []
        let language: TextLanguage

        init(_ text: String) {
            var text = text
            language = text.withUTF8 { TextLanguage.guess(utf8: $0) }
            var positions: [[Term]] = []
            var wordStarts: [Int] = []
            text.withUTF8 { utf8 in
                IndexTerms().generate(utf8: utf8) { term, start, _, colocated in
                    let term = Term(text: String(decoding: term, as: UTF8.self), byteStart: start)
                    if colocated {
                        positions[positions.count - 1].append(term)
                    } else {
                        positions.append([term])
                        wordStarts.append(start)
                    }
                }
            }
            self.positions = positions
            self.wordStarts = wordStarts
        }

        /// Whether FTS5 would match `phrase` here: its terms at consecutive positions.
        func has(_ phrase: MatchExpression.Phrase) -> Bool {
            guard !phrase.terms.isEmpty, phrase.terms.count <= positions.count else { return false }
            return (0...(positions.count - phrase.terms.count)).contains { start in
                phrase.terms.indices.allSatisfy { offset in
                    positions[start + offset].contains { $0.text == phrase.terms[offset] }
                }
            }
        }
    }

    /// A vocabulary where every rule applies: Persian words with the suffix and prefix words
    /// written apart, Arabic words with clitics, function words, words typed on the other
    /// language's keyboard.
    static let vocabulary = [
        "کتاب", "خانه", "دانشجو", "گزارش", "خواهم", "رفتند", "بزرگ", "شهر", "نامه", "دوست", "کار", "روز", "ایران",
        "ها", "های", "هایی", "هایش", "تر", "ترین", "ای", "ی", "ام", "اش", "ایم", "اند",
        "می", "نمی", "می‌خواهم", "کتاب‌ها", "را", "از", "در", "که", "با", "است", "و",
        "والكتاب", "بالمدرسة", "كتابهم", "المدرسون", "وزير", "فرنسا", "وروسيا", "الله", "في", "من", "كتاب", "ديار",
        "covid-19", "١٩٤٤", "أستانا",
    ]

    /// Texts of one to six words of the vocabulary, the same on every run.
    static func texts(count: Int) -> [String] {
        var generator = SplitMix(seed: 2_026)
        return (0..<count).map { _ in
            (0..<Int.random(in: 1...6, using: &generator))
                .map { _ in vocabulary.randomElement(using: &generator)! }
                .joined(separator: " ")
        }
    }

    @Test func aQueryTypedAsAPassageIsWrittenFindsItByItsSurfaceForm() throws {
        let parser = QueryParser()
        for text in Self.texts(count: 5_000) + ["کتاب ها ی", "این کتاب ها ی من", "می خواهم ها", "نمی می خواهم"] {
            let indexed = IndexedText(text)
            let query = try parser.parse(text)
            for (index, clause) in query.clauses.enumerated() {
                let surface = clause.phrases(clause: index, reach: .surfacePhrase)[0]
                let found = indexed.has(surface)
                #expect(found, "\(text): \(clause.literal) looks for \(surface.terms)")
            }
        }
    }

    @Test func everySpacedSpellingADocumentJoinsIsOneAQueryForms() {
        let parser = QueryParser()
        for text in Self.texts(count: 5_000) {
            let indexed = IndexedText(text)
            let words = parser.analyzedWords(text)
            for (position, terms) in indexed.positions.enumerated() {
                for joined in terms.dropFirst() where !IndexTerms.isStemMarker(joined.text.utf8.first!) {
                    // The document joined the words from the one starting there to this one.
                    let first = indexed.wordStarts.firstIndex(of: joined.byteStart)!
                    let read = parser.joinSpacedPersian(Array(words[first...position]), language: indexed.language).map(\.term)
                    #expect(read == [joined.text], "\(text): \(joined.text)")
                }
            }
        }
    }

    @Test func everyStemADocumentIndexesIsFoundByTheQueryForTheStem() {
        let parser = QueryParser()
        for text in Self.texts(count: 2_000) {
            let indexed = IndexedText(text)
            for terms in indexed.positions {
                for stem in terms where IndexTerms.isStemMarker(stem.text.utf8.first!) {
                    let word = String(stem.text.unicodeScalars.dropFirst())
                    // The query word, read with the document's language, looks for the stem term.
                    let clause = parser.wordClause(word, term: word, endsWithTehMarbuta: false, language: indexed.language)
                    let found = clause.phrases(clause: 0, reach: .word).contains { $0.terms == [stem.text] }
                    #expect(found, "\(text): \(stem.text.debugDescription)")
                }
            }
        }
    }
}

/// A deterministic generator, so that a failing text can be reproduced.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
