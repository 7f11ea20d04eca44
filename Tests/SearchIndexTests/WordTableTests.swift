import Foundation
import GRDB
import Ingest
import Testing
@testable import SearchIndex
@testable import TextAnalysis

/// `words` stays what FTS5 itself counts, through every kind of run, and catches up after a
/// killed one.
@Suite struct WordTableTests {
    let folder: TemporaryFolder
    let store: IndexStore

    init() throws {
        folder = try TemporaryFolder()
        store = try IndexStore.openForIndexing(at: folder.file("index.db"))
    }

    @discardableResult
    func index(_ options: IndexRunOptions = IndexRunOptions(), stopAfter: Int? = nil) throws(IndexError) -> IndexSummary {
        var files = 0
        let observer = IndexObserver(warning: { _ in }, progress: { _ in files += 1 },
                                     isCancelled: { stopAfter.map { files > $0 } ?? false })
        return try Indexer(store: store, observer: observer).run(roots: [folder.file("docs")], options: options)
    }

    /// The surface words with their passage counts, as `words` has them and as FTS5 counts them.
    func words() throws -> (table: [String: Int], fullText: [String: Int]) {
        try store.read { db in
            var table: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT skeleton, term, letters, passages FROM words") {
                let term: String = row["term"]
                #expect(row["skeleton"] as String == TypoSkeleton.of(term))
                #expect(row["letters"] as Int == term.unicodeScalars.count)
                table[term] = row["passages"]
            }
            var fullText: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT term, doc FROM passages_vocab WHERE term > ' '") {
                fullText[row["term"]] = row["doc"]
            }
            return (table, fullText)
        }
    }

    func expectInStep(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (table, fullText) = try words()
        #expect(!table.isEmpty, sourceLocation: sourceLocation)
        #expect(table == fullText, sourceLocation: sourceLocation)
        #expect(try behindMark() == nil, sourceLocation: sourceLocation)
    }

    func behindMark() throws -> String? {
        try store.read { db in try IndexStore.metaValue(WordTable.behindKey, db) }
    }

    func write(_ count: Int, from start: Int = 0) throws {
        for number in start..<(start + count) {
            try folder.write("docs/\(number).txt", """
                الكتاب رقم \(number) في المكتبة، وكتابه الثاني كتاب آخر.

                کتاب‌ها و کتاب ها در کتابخانه \(number)
                """)
        }
    }

    @Test func aFirstBuildFillsTheTable() throws {
        try write(5)
        try index()
        try expectInStep()
        let (table, _) = try words()
        // Surface words only, each counted once per passage: no stems, no repeats.
        #expect(table["الكتاب"] == 5)
        #expect(table["كتاب"] == 10)
        #expect(table.keys.allSatisfy { !IndexTerms.isStemMarker($0.utf8.first!) })
    }

    @Test func incrementalRunsCountWhatTheyWriteAndDelete() throws {
        try write(5)
        try folder.write("docs/unique.txt", "كلمة فريدة لا تتكرر")
        try index()
        // Changed, new, removed and moved files.
        try folder.write("docs/0.txt", "نص جديد تماما")
        try write(2, from: 10)
        try FileManager.default.removeItem(atPath: folder.file("docs/unique.txt"))
        try FileManager.default.moveItem(atPath: folder.file("docs/1.txt"), toPath: folder.file("docs/moved.txt"))
        let run = try index()
        #expect(run.changedFiles == 1 && run.newFiles == 2 && run.removedFiles == 1 && run.renamedFiles == 1)
        try expectInStep()
        let (table, _) = try words()
        #expect(table["فريده"] == nil)   // its only passage is gone
        #expect(table["الكتاب"] == 6)
    }

    @Test func rebuildsAndInterruptedRunsLeaveItInStep() throws {
        try write(6)
        try index()
        try write(6, from: 6)
        #expect(throws: IndexError.interrupted(keptFiles: 3, rolledBack: false)) { try index(stopAfter: 3) }
        try expectInStep()
        try index()
        try expectInStep()
        var full = IndexRunOptions()
        full.full = true
        #expect(throws: IndexError.interrupted(keptFiles: 0, rolledBack: true)) { try index(full, stopAfter: 3) }
        try expectInStep()
        try index(full)
        try expectInStep()
    }

    @Test func forgettingARootCountsOffItsWords() throws {
        try write(3)
        try folder.write("other/only.txt", "كلمة لا توجد إلا في هذا الجذر")
        _ = try Indexer(store: store, warn: { _ in }).run(roots: [folder.file("docs"), folder.file("other")])
        #expect(try words().table["توجد"] == 1)
        _ = try Indexer(store: store, warn: { _ in }).forget(roots: [folder.file("other")])
        try expectInStep()
        #expect(try words().table["توجد"] == nil)
    }

    @Test func theRunAfterAKilledOneFillsTheTableAgain() throws {
        try write(4)
        try index()
        // What a run killed after a batch commit leaves: the mark, and counts behind.
        try store.write { db in
            try IndexStore.setMetaValue(WordTable.behindKey, "1", db)
            try db.execute(sql: "DELETE FROM words WHERE term = 'الكتاب'")
            try db.execute(sql: "UPDATE words SET passages = 99 WHERE term = 'كتاب'")
        }
        try index()
        try expectInStep()
    }

    @Test func batchCommitsMarkTheTableBehindUntilTheLastOne() throws {
        try write(2)
        try index()
        let passage = PreparedPassage(passage: Passage(text: "كلمات لم تكتب", startLine: 1, endLine: 1), terms: nil)
        try store.write { db in
            let counts = WordCounts()
            try counts.begin(db)
            counts.add([passage])
            try counts.willCommit(db, final: false)
            #expect(try IndexStore.metaValue(WordTable.behindKey, db) == WordTable.countingMark)
            // Counted, so written: the passage was never inserted, which is what shows it.
            try counts.willCommit(db, final: true)
            #expect(try IndexStore.metaValue(WordTable.behindKey, db) == nil)
            #expect(try Int.fetchOne(db, sql: "SELECT passages FROM words WHERE term = 'تكتب'") == 1)
        }
    }

    @Test func tooManyChangesFillTheTableInsteadOfCounting() throws {
        try write(2)
        try index()
        let passage = PreparedPassage(passage: Passage(text: "كلمات لم تكتب", startLine: 1, endLine: 1), terms: nil)
        try store.write { db in
            let counts = WordCounts(pendingLimit: 2)
            try counts.begin(db)
            counts.add([passage])
            try counts.willCommit(db, final: true)
        }
        // Filled from the full-text index, which never had the passage.
        try expectInStep()
    }

    @Test func anOlderIndexGetsTheTableFilledByTheMigration() throws {
        try write(3)
        try index()
        try store.write { db in
            try db.execute(sql: "DROP TABLE words; DELETE FROM grdb_migrations WHERE identifier = 'v3: words'")
        }
        let reopened = try IndexStore.openForIndexing(at: folder.file("index.db"))
        let table = try reopened.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM words") }
        #expect(table ?? 0 > 0)
        try expectInStep()
    }
}
