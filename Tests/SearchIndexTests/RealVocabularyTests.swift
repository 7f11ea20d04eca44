import Foundation
import SearchCore
import Testing
@testable import SearchIndex

/// Queries on an index with a vocabulary shaped like a real one (`VocabularyIndex`), where the
/// compound, spacing and conjunction readings kick in on almost every query: what is written
/// is still found, first.
@Suite struct RealVocabularyTests {
    static let index = Result { try VocabularyIndex() }

    @Test func theIndexReadersHaveSomethingToRead() throws {
        let index = try Self.index.get()
        // Most words of two halves get a spaced spelling; two words that make one are joined.
        let spaced = try VocabularyIndex.wordsOfTwoHalves.prefix(20).filter {
            try !index.understand($0).clauses[0].spacedSpellings.isEmpty
        }
        #expect(spaced.count == 20)
        let halves = VocabularyIndex.wordsOfTwoHalves[0]
        let split = String(halves.prefix(2)) + " " + String(halves.dropFirst(2))
        #expect(try index.understand(split).clauses.map(\.terms) == [[halves]])
        #expect(try index.understand("ثبت نام").clauses.map(\.terms) == [["ثبتنام"]])
        #expect(try index.understand("وروسيا").clauses[0].afterConjunction == "روسيا")
        #expect(try index.understand("وسائل").clauses[0].afterConjunction == nil)
    }

    /// Every word of the vocabulary finds every passage that has it, and those that have it as
    /// typed come first.
    @Test func everyWordFindsEveryPassageWithItAndThoseWithItAsTypedFirst() throws {
        let index = try Self.index.get()
        for word in VocabularyIndex.words where !StopWordsProbe.isStopWord(word) {
            let found = try index.search(word)
            let typed = VocabularyIndex.passages(with: [word])
            #expect(typed.isSubset(of: Set(found)), "\(word)")
            #expect(Set(found.prefix(typed.count)) == typed, "\(word)")
        }
    }

    /// Words side by side in a passage, typed as they are written, find it.
    @Test func wordsSideBySideInAPassageFindIt() throws {
        let index = try Self.index.get()
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let number = Int.random(in: VocabularyIndex.passages.indices, using: &generator)
            let written = VocabularyIndex.passages[number].split(separator: " ").map(String.init)
            let count = Int.random(in: 2...3, using: &generator)
            let start = Int.random(in: 0...(written.count - count), using: &generator)
            let query = written[start..<(start + count)].joined(separator: " ")
            #expect(try index.search(query).contains(number), "\(query) (passage \(number))")
        }
    }

    /// Every spelling of a spaced Persian word or of a compound finds the passages with the others.
    @Test func everySpellingFindsTheOthers() throws {
        let index = try Self.index.get()
        for spellings in [["کتاب‌ها", "کتابها", "کتاب ها"], ["می‌خواهم", "میخواهم", "می خواهم"], ["ثبت‌نام", "ثبتنام", "ثبت نام"],
                          ["روح‌الله", "روح الله"], ["کتاب‌های", "کتاب ها ی"]] {
            let written = spellings.map { VocabularyIndex.passages(with: $0.split(separator: " ").map(String.init)) }
            for spelling in spellings {
                let found = Set(try index.search(spelling))
                #expect(written.allSatisfy { $0.isSubset(of: found) }, "\(spelling)")
            }
        }
    }
}

/// Function words are not looked for alone in a plain query's ranking, so the exact-first rule
/// is checked on the other words.
enum StopWordsProbe {
    static func isStopWord(_ word: String) -> Bool {
        (try? QueryParser().parse(word).clauses.first?.isStopWord) ?? true
    }
}
