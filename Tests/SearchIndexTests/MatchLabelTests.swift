import Foundation
import SearchCore
import Testing
import TextAnalysis
@testable import SearchIndex

/// Issue 19, item 17: every highlight names the query word it matched and how, whatever form,
/// prefix, stem, close spelling or question reading it matched through.
@Suite struct MatchLabelTests {
    static let seeds = Result { try SeedIndex() }

    /// (highlighted text, query word, kind) of every highlight of every hit.
    func labels(_ query: String, in store: IndexStore) throws -> [(text: String, word: String?, kind: MatchKind)] {
        var labels: [(String, String?, MatchKind)] = []
        try Searcher(store: store).search(try QueryParser().parse(query), limit: 0) { hit in
            for (highlight, text) in zip(hit.highlights, hit.highlightedTexts) {
                labels.append((text, highlight.queryWord, highlight.kind))
            }
        }
        return labels
    }

    @Test func eachKindNamesItsQueryWord() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "تقرر واستئناف المفاوضات في أستانا")
        try folder.write("docs/b.txt", "اجتمع وزراء الخارجية أمس")
        try folder.write("docs/c.txt", "قرأت الكتاب وكتابا آخر والكتاب")
        try folder.write("docs/d.txt", "رسالة من سوريا لروسيا وروسيا")
        try folder.write("docs/e.txt", "روسيا")
        let store = try IndexStore.openForIndexing(at: folder.file("index.db"))
        _ = try Indexer(store: store, warn: { _ in }).run(roots: [folder.file("docs")])

        let prefix = try labels("است*", in: store)
        #expect(prefix.contains { $0.text == "واستئناف" && $0.word == "است" && $0.kind == .prefix })
        #expect(prefix.contains { $0.text == "أستانا" && $0.word == "است" && $0.kind == .prefix })
        let question = try labels("ماذا قال الوزراء في الاجتماع؟", in: store)
        #expect(question.contains { $0.text == "وزراء" && $0.word == "الوزراء" && $0.kind == .stem })
        let book = try labels("الكتاب", in: store)
        #expect(book.contains { $0.text == "الكتاب" && $0.word == "الكتاب" && $0.kind == .exact })
        #expect(book.contains { $0.text == "والكتاب" && $0.word == "الكتاب" && $0.kind == .stem })
        let russia = try labels("وروسيا", in: store)
        #expect(russia.contains { $0.text == "وروسيا" && $0.word == "وروسيا" && $0.kind == .exact })
        #expect(russia.contains { $0.text == "لروسيا" && $0.word == "وروسيا" && $0.kind == .stem })
        #expect(russia.contains { $0.text == "روسيا" && $0.word == "وروسيا" && $0.kind == .stem })
    }

    /// Queries built from the seeds' own words, in every shape the syntax allows.
    @Test func noHighlightOfManyQueriesLacksItsQueryWord() throws {
        let index = try Self.seeds.get()
        var words: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: index.seeds).sorted() {
            let text = try String(contentsOfFile: index.seeds + "/" + name, encoding: .utf8)
            words += Analyzer().tokens(in: text).map { token in
                String(decoding: Array(text.utf8)[token.byteStart..<token.byteEnd], as: UTF8.self)
            }
        }
        words = words.filter { $0.unicodeScalars.count >= 3 }
        var generator = SeededGenerator(seed: 19)
        func word() -> String { words.randomElement(using: &generator)! }
        var unlabelled: [String] = []
        var highlights = 0
        for round in 0..<300 {
            let first = word(), second = word()
            let query = switch round % 10 {
            case 0: first
            case 1: String(first.prefix(3)) + "*"
            case 2: "و" + first
            case 3: "ما هو " + first + " و" + second + "؟"
            case 4: first + " OR " + second
            case 5: "\"" + first + " " + second + "\""
            case 6: "NEAR(" + first + " " + second + ", 20)"
            case 7: first + " -" + second
            case 8: first + " " + second + " " + word()
            default: "ال" + first
            }
            for label in try labels(query, in: index.store) {
                highlights += 1
                if label.word == nil || (label.kind == .exact && label.text != label.word) {
                    unlabelled.append("\(query): \(label.text) ← \(label.word ?? "?") (\(label.kind))")
                }
            }
        }
        #expect(highlights > 1_000)
        #expect(unlabelled.isEmpty, "\(unlabelled.prefix(20))")
    }
}
