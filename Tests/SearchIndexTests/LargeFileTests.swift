import Foundation
import GRDB
import Ingest
import SearchCore
import Synchronization
import Testing
@testable import SearchIndex

/// Files larger than a piece (`DocumentFile.pieceSize`) are read as a stream and their passages
/// written in parts, yet each is indexed as a whole: the same passages as the whole text, moved
/// without being read again, and never half-written when a run stops in the middle of one.
@Suite struct LargeFileTests {
    let folder: TemporaryFolder
    let store: IndexStore

    init() throws {
        folder = try TemporaryFolder()
        store = try IndexStore.openForIndexing(at: folder.file("index.db"))
    }

    /// About 1.3 MB (two pieces): paragraphs, lines without a blank line between them, one
    /// over-long line.
    static func text(version: Int) -> String {
        var paragraphs: [String] = []
        for number in 0..<1_200 {
            let words = String(repeating: "كتاب والمكتبة قلم ", count: 20 + number % 30)
            paragraphs.append("فقرة\(number) نسخة\(version) " + words + (number % 7 == 0 ? "\nسطر تال بلا فاصل" : ""))
        }
        let longLine = String(repeating: "جملة طويلة في سطر واحد. ", count: 4_000)
        return paragraphs.joined(separator: "\n\n") + "\n" + longLine + "\nالخاتمة"
    }

    func run(isCancelled: @escaping () -> Bool = { false }) throws -> IndexSummary {
        try Indexer(store: store, observer: IndexObserver(warning: { _ in }, isCancelled: isCancelled))
            .run(roots: [folder.file("docs")])
    }

    func storedPassages(_ name: String) throws -> [Passage] {
        try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.text, p.start_line, p.end_line FROM passages p JOIN files f ON f.id = p.file_id
                WHERE f.path = ? ORDER BY p.id
                """, arguments: [folder.file(name)]).map {
                Passage(text: $0["text"], startLine: $0["start_line"], endLine: $0["end_line"])
            }
        }
    }

    func fileRow(_ name: String) throws -> Row? {
        try store.read { db in
            try Row.fetchOne(db, sql: "SELECT content_hash, passage_count FROM files WHERE path = ?", arguments: [folder.file(name)])
        }
    }

    @Test func aLargeFileGivesThePassagesOfItsWholeText() throws {
        let text = Self.text(version: 0)
        #expect(text.utf8.count > DocumentFile.pieceSize)
        try folder.write("docs/large.txt", text)
        let summary = try run()
        #expect(summary.newFiles == 1)
        let expected = PassageSplitter().passages(of: text)
        let stored = try storedPassages("docs/large.txt")
        #expect(stored.count == expected.count)
        #expect(stored == expected)
        let row = try #require(try fileRow("docs/large.txt"))
        #expect(row["passage_count"] as Int == expected.count)
        #expect(row["content_hash"] as String == ContentHash.of(Array(text.utf8)))
        // Searchable, to the last passage.
        var hits = 0
        try Searcher(store: store).search(try QueryParser().parse("الخاتمة"), limit: 0) { _ in hits += 1 }
        #expect(hits == 1)
    }

    /// `words` as the run left it and as FTS5 counts it (see `WordTableTests`).
    func expectWordsInStep(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try store.read { db in
            let table = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT term, passages FROM words")
                .map { ($0["term"] as String, $0["passages"] as Int) })
            let fullText = try Dictionary(uniqueKeysWithValues: Row.fetchAll(
                db, sql: "SELECT term, doc FROM passages_vocab WHERE term > ' '").map { ($0["term"] as String, $0["doc"] as Int) })
            #expect(!table.isEmpty, sourceLocation: sourceLocation)
            let differing = Set(table.keys).union(fullText.keys).filter { table[$0] != fullText[$0] }.sorted()
            #expect(differing.isEmpty, "counts differ for \(differing.prefix(10))", sourceLocation: sourceLocation)
        }
    }

    /// A changed large file is counted part by part into `words`, as a small file is whole.
    @Test func aChangedLargeFileKeepsTheWordsInStep() throws {
        try folder.write("docs/large.txt", Self.text(version: 0))
        _ = try run()
        try folder.write("docs/large.txt", Self.text(version: 1))
        let summary = try run()
        #expect(summary.changedFiles == 1)
        try expectWordsInStep()
    }

    @Test func aLargeFileThatMovedIsNotReadAgain() throws {
        try folder.write("docs/large.txt", Self.text(version: 0))
        _ = try run()
        let before = try storedPassages("docs/large.txt")
        try FileManager.default.moveItem(atPath: folder.file("docs/large.txt"), toPath: folder.file("docs/moved.txt"))
        try folder.write("docs/after.txt", "ملف بعده")
        let summary = try run()
        #expect(summary.renamedFiles == 1 && summary.newFiles == 1 && summary.removedFiles == 0)
        #expect(try storedPassages("docs/moved.txt") == before)
        // The file after it was read, not confused with the rest of the moved one.
        #expect(try storedPassages("docs/after.txt").map(\.text) == ["ملف بعده"])
    }

    /// A run stopped while a large file is half written leaves that file as it was.
    @Test func aRunStoppedInsideALargeFileLeavesItWhole() throws {
        try folder.write("docs/large.txt", Self.text(version: 0))
        _ = try run()
        let before = try storedPassages("docs/large.txt")
        try folder.write("docs/large.txt", Self.text(version: 1))
        // Stop once the writer has taken a few parts of the file.
        let checks = Mutex(0)
        #expect(throws: IndexError.self) {
            try run(isCancelled: { checks.withLock { $0 += 1; return $0 > 3 } })
        }
        #expect(try storedPassages("docs/large.txt") == before)
        #expect(try fileRow("docs/large.txt")?["passage_count"] as Int? == before.count)
        try store.write { db in
            try db.execute(sql: "INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)")
        }
        // What was counted of the half-written file went back with it.
        try expectWordsInStep()
        // The next run finishes it.
        _ = try run()
        #expect(try storedPassages("docs/large.txt") == PassageSplitter().passages(of: Self.text(version: 1)))
        try expectWordsInStep()
    }
}
