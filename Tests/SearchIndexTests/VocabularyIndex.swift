import Foundation
import SearchCore
@testable import SearchIndex

/// An index of passages generated (the same on every run) from a vocabulary shaped like a real
/// one: hundreds of two-letter words, words whose halves are words too, compounds written three
/// ways, words that start with و or ف as their own letter beside attached conjunctions, Persian
/// words with their suffixes and verb prefixes written apart. The index readers (compounds,
/// spacing, conjunctions) read queries against the index's vocabulary, and on `seeds/` or a
/// handful of sentences their readings rarely kick in; here they do on almost every query.
struct VocabularyIndex: Sendable {
    /// The letters of the generated two-letter words (و and ف left out: they start conjunctions).
    static let letters = Array("ابتدرسعلمنهي").map(String.init)
    /// Every pair of those letters: 144 two-letter words, as a real vocabulary has many.
    static let twoLetterWords = letters.flatMap { first in letters.map { first + $0 } }
    /// Words made of two two-letter words: each can be cut into two indexed words.
    static let wordsOfTwoHalves: [String] = {
        var generator = SeededGenerator(seed: 20)
        return (0..<120).map { _ in twoLetterWords.randomElement(using: &generator)! + twoLetterWords.randomElement(using: &generator)! }
    }()
    static let arabicWords = [
        "روسيا", "سوريا", "وزير", "وزراء", "وسائل", "الوسائل", "فكرة", "الفكرة", "كتاب", "الكتاب", "والكتاب",
        "بالكتاب", "كتابهم", "مفاوضات", "المفاوضات", "أستانا", "استانا", "حكومة", "الحكومة", "اليوم", "العاصمة",
        "مدرسة", "المدرسة", "رئيس", "الرئيس", "قال", "في", "من", "على", "إلى", "أن", "هذا", "التي", "وروسيا",
        "وسوريا", "فالحكومة", "والحكومة", "روح", "الله", "عبد", "عبدالله", "ثم", "و", "ف",
    ]
    /// Persian words and spellings, a spaced spelling as the words it is written as.
    static let persianWords = [
        "کتاب", "کتاب‌ها", "کتابها", "کتاب ها", "کتاب ها ی", "کتاب‌های", "خانه", "خانه‌ها", "خانه ها", "می‌خواهم",
        "میخواهم", "می خواهم", "نمی خواهم", "ثبت‌نام", "ثبتنام", "ثبت نام", "روح‌الله", "روح الله", "گزارش",
        "گزارش‌ها", "گزارش ها", "بزرگ", "بزرگ تر", "بزرگتر", "بزرگ‌ترین", "را", "است", "از", "در", "که", "با",
        "این", "آن", "ایران", "تهران", "شهر", "شهرها", "دانشجویان", "چه", "پس", "و",
    ]

    /// The passages, one per file: each a line of words.
    static let passages: [String] = {
        var generator = SeededGenerator(seed: 2_026)
        func passage(_ words: [String], _ count: Int) -> String {
            (0..<count).map { _ in
                switch Int.random(in: 0..<10, using: &generator) {
                case 0..<3: twoLetterWords.randomElement(using: &generator)!
                case 3..<5: wordsOfTwoHalves.randomElement(using: &generator)!
                default: words.randomElement(using: &generator)!
                }
            }.joined(separator: " ")
        }
        return (0..<250).map { _ in passage(arabicWords, 24) } + (0..<150).map { _ in passage(persianWords, 24) }
    }()

    /// The vocabulary's one-word entries.
    static let words = Array(Set((arabicWords + persianWords + twoLetterWords + wordsOfTwoHalves).filter { !$0.contains(" ") }))
        .sorted()

    let folder: TemporaryFolder
    let store: IndexStore

    init() throws {
        folder = try TemporaryFolder()
        for (number, text) in Self.passages.enumerated() { try folder.write("docs/\(number).txt", text) }
        store = try IndexStore.openForIndexing(at: folder.file("index.db"))
        _ = try Indexer(store: store, warn: { _ in }).run(roots: [folder.file("docs")])
    }

    /// The passages (by number) that `query` finds, best first.
    func search(_ query: String) throws -> [Int] {
        var found: [Int] = []
        try Searcher(store: store).search(try QueryParser().parse(query), limit: 0) {
            found.append(Int((($0.path as NSString).lastPathComponent as NSString).deletingPathExtension)!)
        }
        return found
    }

    func understand(_ query: String) throws -> ParsedQuery {
        try Searcher(store: store).understand(try QueryParser().parse(query), options: SearchOptions()).query
    }

    /// The passages with `words` side by side, exactly as written.
    static func passages(with words: [String]) -> Set<Int> {
        Set(passages.indices.filter { number in
            let written = passages[number].split(separator: " ").map(String.init)
            return written.count >= words.count
                && (0...(written.count - words.count)).contains { Array(written[$0..<($0 + words.count)]) == words }
        })
    }
}
