import Foundation
import GRDB
import SearchCore
import Testing
@testable import SearchIndex
import TextAnalysis

/// Indexing real files in temporary folders: updates, skips, failures, versions.
@Suite struct IndexerTests {
    let folder: TemporaryFolder
    let store: IndexStore
    var warnings: [String] { warningLog.lines }

    final class WarningLog: @unchecked Sendable {
        var lines: [String] = []
    }
    let warningLog = WarningLog()

    init() throws {
        folder = try TemporaryFolder()
        store = try IndexStore.openForIndexing(at: folder.file("db/index.db"))
    }

    func index(_ roots: [String]? = nil, full: Bool = false) throws -> IndexSummary {
        let log = warningLog
        return try Indexer(store: store, warn: { log.lines.append($0) })
            .run(roots: roots ?? [folder.file("docs")], full: full)
    }

    func search(_ query: String) throws -> [String] {
        var found: [String] = []
        try Searcher(store: store).search(try QueryParser().parse(query), limit: 0) {
            found.append(($0.path as NSString).lastPathComponent + ":\($0.startLine)")
        }
        return found.sorted()
    }

    @Test func rerunWithoutChangesReadsNothing() throws {
        try folder.write("docs/a.txt", "كتاب")
        try folder.write("docs/b.txt", "قلم")
        let first = try index()
        #expect(first.newFiles == 2 && first.filesRead == 2)
        let second = try index()
        #expect(second.unchangedFiles == 2)
        #expect(second.filesRead == 0)
        #expect(second.newFiles + second.changedFiles + second.removedFiles == 0)
    }

    @Test func editDeleteRenameAndAddAreReflected() throws {
        try folder.write("docs/edit.txt", "كلمة قديمة")
        try folder.write("docs/delete.txt", "محذوف")
        try folder.write("docs/move.txt", "منقول")
        _ = try index()

        // Editing within the same second must still be seen: the size changes here.
        try folder.write("docs/edit.txt", "كلمة جديدة تماما")
        try FileManager.default.removeItem(atPath: folder.file("docs/delete.txt"))
        try FileManager.default.createDirectory(atPath: folder.file("docs/sub"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: folder.file("docs/move.txt"), toPath: folder.file("docs/sub/moved.txt"))
        try folder.write("docs/new.txt", "جديد")
        let summary = try index()

        #expect(summary.changedFiles == 1)
        #expect(summary.removedFiles == 1)
        #expect(summary.renamedFiles == 1)
        #expect(summary.newFiles == 1)
        #expect(try search("قديمة").isEmpty)
        #expect(try search("جديدة") == ["edit.txt:1"])
        #expect(try search("محذوف").isEmpty)
        #expect(try search("منقول") == ["moved.txt:1"])
        // جديدة is the feminine of جديد: found too (the helper sorts by name).
        #expect(try search("جديد") == ["edit.txt:1", "new.txt:1"])
        #expect(summary.line.hasPrefix("indexed 1 new, 1 changed, 1 removed, 1 renamed, 0 unchanged files ("))
    }

    @Test func touchedButUnchangedFileIsNotReindexed() throws {
        let path = try folder.write("docs/a.txt", "كتاب")
        _ = try index()
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 3600)], ofItemAtPath: path)
        let summary = try index()
        #expect(summary.filesRead == 1)
        #expect(summary.unchangedFiles == 1)
        #expect(summary.changedFiles == 0)
    }

    @Test func bareRunUpdatesTheRememberedRoots() throws {
        try folder.write("docs/a.txt", "كتاب")
        _ = try index()
        try folder.write("docs/b.txt", "قلم")
        let summary = try index([])
        #expect(summary.newFiles == 1)
        #expect(try search("قلم") == ["b.txt:1"])
    }

    @Test func nothingToIndexWithoutRoots() throws {
        #expect(throws: IndexError.nothingToIndex) { try index([]) }
    }

    @Test func missingRootFailsBeforeTouchingTheIndex() throws {
        try folder.write("docs/a.txt", "كتاب")
        _ = try index()
        #expect(throws: IndexError.rootNotFound(path: "/nonexistent")) { try index(["/nonexistent"]) }
        #expect(try search("كتاب") == ["a.txt:1"])
    }

    @Test func binaryFilesAreSkippedWithAWarning() throws {
        try folder.write("docs/blob.txt", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01])
        try folder.write("docs/a.txt", "كتاب")
        let summary = try index()
        #expect(summary.skippedFiles == 1)
        #expect(summary.newFiles == 1)
        #expect(warnings.count == 1 && warnings[0].contains("blob.txt") && warnings[0].contains("binary"))
    }

    @Test func filesOfBinaryTypesArePassedOverUnreadAndUnwarned() throws {
        try folder.write("docs/image.PNG", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01])
        try folder.write("docs/scan.pdf", "كتاب")
        try folder.write("docs/a.txt", "كتاب")
        let summary = try index()
        #expect(summary.skippedFiles == 0 && summary.binaryTypeFiles == 2 && summary.newFiles == 1)
        #expect(warnings.isEmpty)
        #expect(try search("كتاب") == ["a.txt:1"])
    }

    @Test func invalidUTF8IsRepairedAndIndexed() throws {
        try folder.write("docs/bad.txt", bytes: Array("كتاب ".utf8) + [0xFF, 0xFE, 0x41] + Array(" قلم".utf8))
        let summary = try index()
        #expect(summary.repairedFiles == 1)
        #expect(warnings.contains { $0.contains("bad.txt") })
        #expect(try search("قلم") == ["bad.txt:1"])
    }

    @Test func hiddenFilesAndTheIndexItselfAreNotIndexed() throws {
        try folder.write("docs/.hidden.txt", "مخفي")
        try folder.write("docs/.git/config.txt", "مخفي")
        try folder.write("docs/a.txt", "ظاهر")
        let local = try IndexStore.openForIndexing(at: folder.file("docs/index.db"))
        let summary = try Indexer(store: local, warn: { _ in }).run(roots: [folder.file("docs")])
        #expect(summary.newFiles == 1)
        #expect(summary.skippedFiles == 0)
    }

    @Test func passagesKeepTheirLines() throws {
        try folder.write("docs/a.txt", "عنوان\n\nفقرة أولى\nتكملة\n\n\nفقرة ثانية\n")
        _ = try index()
        #expect(try search("عنوان") == ["a.txt:1"])
        #expect(try search("تكملة") == ["a.txt:3"])
        #expect(try search("ثانية") == ["a.txt:7"])
    }

    @Test func indexFromAnotherAnalysisVersionIsRefusedThenRebuilt() throws {
        try folder.write("docs/a.txt", "كتاب")
        _ = try index()
        try store.write { db in try db.execute(sql: "UPDATE meta SET value = '0' WHERE key = 'analysis_version'") }
        #expect(throws: IndexError.analysisVersionMismatch(
            path: store.path, stored: 0, current: AnalysisVersion.current)) {
            try IndexStore.openForSearching(at: store.path)
        }
        let summary = try index()
        #expect(summary.newFiles == 1)
        _ = try IndexStore.openForSearching(at: store.path)
        #expect(try search("كتاب") == ["a.txt:1"])
    }

    @Test func fullRebuildReadsEverything() throws {
        try folder.write("docs/a.txt", "كتاب")
        _ = try index()
        let summary = try index(full: true)
        #expect(summary.newFiles == 1 && summary.filesRead == 1)
        #expect(try search("كتاب") == ["a.txt:1"])
    }

    @Test func ftsIndexPassesIntegrityCheckAfterUpdates() throws {
        try folder.write("docs/a.txt", "كتاب أول\n\nقلم")
        _ = try index()
        try folder.write("docs/a.txt", "كتاب ثاني مختلف")
        _ = try index()
        try store.write { db in
            try db.execute(sql: "INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)")
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
        }
    }

    @Test func openingSomethingElseIsAClearError() throws {
        let notADatabase = try folder.write("text.db", String(repeating: "not a database ", count: 100))
        #expect(throws: IndexError.cannotOpen(path: notADatabase, reason: "file is not a database")) {
            try IndexStore.openForSearching(at: notADatabase)
        }
        #expect(throws: IndexError.indexNotFound(path: folder.file("missing.db"))) {
            try IndexStore.openForSearching(at: folder.file("missing.db"))
        }
    }
}
