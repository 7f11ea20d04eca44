import Foundation
import GRDB
import SearchCore
import Testing
@testable import SearchIndex

/// Typo tolerance on generated documents with a real-looking vocabulary: which words are read as
/// close spellings, which are not, and where the spellings come from.
@Suite struct TypoToleranceTests {
    let folder: TemporaryFolder
    let store: IndexStore

    init() throws {
        folder = try TemporaryFolder()
        store = try IndexStore.openForIndexing(at: folder.file("index.db"))
    }

    /// News-like passages: بوتين in a dozen; بو and طين as words of their own, never side by side,
    /// as a real vocabulary has them (بو علي, بيت من طين), so that بوطين can be cut into two
    /// indexed words.
    static let news: [String: String] = [
        "putin1.txt": "قال الرئيس الروسي فلاديمير بوتين إن المحادثات كانت مثمرة",
        "putin2.txt": "التقى بوتين نظيره التركي في موسكو لبحث الأزمة السورية",
        "putin3.txt": "أكد بوتين أن روسيا ستواصل دعم الحل السياسي",
        "clay.txt": "بنى الفلاح بيتا من طين على ضفة النهر",
        "name.txt": "قال بو علي إن موسم الصيد كان جيدا هذا العام",
        "tree.txt": "زرع الفلاح شجرة تين في الحديقة",
        "vitamin.txt": "ویتامین دی برای استخوان‌ها لازم است و ویتامین ث برای پوست",
        "vitamin2.txt": "کمبود ویتامین در زمستان شایع است",
    ].merging((4...12).map { ("putin\($0).txt", "صرح بوتين في اليوم \($0) من الزيارة") }) { $1 }

    func index(_ files: [String: String] = news) throws {
        for (name, text) in files { try folder.write("docs/" + name, text) }
        _ = try Indexer(store: store, warn: { _ in }).run(roots: [folder.file("docs")])
    }

    func understand(_ query: String, _ typos: TypoTolerance = .automatic) throws -> [TypoCorrection] {
        var options = SearchOptions()
        options.typos = typos
        return try Searcher(store: store).understand(try QueryParser().parse(query), options: options).corrections
    }

    func search(_ query: String) throws -> [String] {
        var found: [String] = []
        try Searcher(store: store).search(try QueryParser().parse(query), limit: 0) {
            found.append(($0.path as NSString).lastPathComponent)
        }
        return found.sorted()
    }

    @Test func aWordThatCanBeCutInTwoIndexedWordsIsStillCorrected() throws {
        try index()
        // بو and طين are both words of the index, but «بو طين» is in no passage.
        let corrections = try understand("بوطين")
        #expect(corrections.map(\.spellings) == [["بوتين"]])
        #expect(corrections.first?.typedMatchedNothing == true)
        #expect(try search("بوطين") == (1...12).map { "putin\($0).txt" }.sorted())
        // The spaced spelling that matched nothing is not searched.
        let read = try Searcher(store: store).understand(try QueryParser().parse("بوطين"), options: SearchOptions()).query
        #expect(read.clauses[0].spacedSpellings.isEmpty)
    }

    @Test func aSpacedSpellingThatPassagesHaveIsAMatchNotATypo() throws {
        var files = Self.news
        files["spaced.txt"] = "قال بو طين كلاما"
        try index(files)
        #expect(try understand("بوطين").isEmpty)
        #expect(try search("بوطين") == ["spaced.txt"])
    }

    @Test func closeSpellingsComeFromTheWordTableNotFromFTS5Vocab() throws {
        try index()
        // fts5vocab walks every doclist; the typo path must not need it.
        try store.write { db in try db.execute(sql: "DROP TABLE \(Schema.vocabularyTable)") }
        #expect(try understand("بوتن").map(\.spellings) == [["بوتين"]])
    }

    @Test func aQuestionWhoseOtherWordsMatchOnlyReadsAWordAsASpellingOfItself() throws {
        try index()
        // بوتيس is one letter from بوتين (س for ن): another word. شجرة is in the index, so the
        // question is answered by it, and بوتيس is just a word its passages lack.
        #expect(try understand("شجرة بوتيس؟").isEmpty)
        #expect(try search("شجرة بوتيس؟") == ["tree.txt"])
        // A spelling variant (a dropped ي) is still read as the word.
        #expect(try understand("شجرة بوتن؟").map(\.spellings) == [["بوتين"]])
        // With no other word found, the unknown word is read as another word too.
        #expect(try understand("زيتونة بوتيس؟").map(\.spellings) == [["بوتين"]])
        // A plain query requires every word: there it is corrected.
        #expect(try understand("روسيا بوتيس").map(\.spellings) == [["بوتين"]])
    }

    @Test func anotherWordIsNotASpellingOfAShortWord() throws {
        try index(["thanks.txt": "أعرب عن شكره وتقديره", "other.txt": "كلام آخر"])
        // شجرة → شكره is one letter (ج/ك), another word: not offered for four letters.
        #expect(try understand("شجرة").isEmpty)
        #expect(try search("شجرة").isEmpty)
    }

    @Test func correctionsShowTheSpellingThePassagesUse() throws {
        try index()
        let corrections = try understand("ویتامن")
        #expect(corrections.map(\.spellings) == [["ويتامين"]])        // folded: Arabic yeh
        #expect(corrections.map(\.shownSpellings) == [["ویتامین"]])   // as written: Persian yeh
        #expect(try understand("بوطين").map(\.shownSpellings) == [["بوتين"]])
    }

    @Test func suggestionsAreNotSearched() throws {
        try index()
        let corrections = try understand("بوطين", .suggest)
        #expect(corrections.map(\.spellings) == [["بوتين"]] && corrections.allSatisfy { !$0.isSearched })
        var options = SearchOptions()
        options.typos = .suggest
        let found = try Searcher(store: store).search(try QueryParser().parse("بوطين"), options: options) { _ in }
        #expect(found == 0)
    }
}
