import Foundation
import GRDB
import SearchCore
import Testing
@testable import SearchIndex

/// What makes an index safe to leave to cron: stopping, rebuilding, remembered settings, status,
/// locking, legacy encodings.
@Suite struct IndexMaintenanceTests {
    let folder: TemporaryFolder
    let store: IndexStore

    init() throws {
        folder = try TemporaryFolder()
        store = try IndexStore.openForIndexing(at: folder.file("db/index.db"))
    }

    final class Log: @unchecked Sendable {
        var warnings: [String] = []
        var details: [String] = []
        var progressCalls = 0
    }

    /// Runs the indexer; `stopAfter` files it asks the run to stop, as Ctrl-C does.
    func index(
        _ roots: [String] = [], options: IndexRunOptions = IndexRunOptions(), stopAfter: Int? = nil, log: Log = Log(),
        onProgress: @escaping (IndexProgress) -> Void = { _ in }
    ) throws(IndexError) -> IndexSummary {
        let observer = IndexObserver(
            warning: { log.warnings.append($0) },
            detail: { log.details.append($0) },
            progress: { log.progressCalls += 1; onProgress($0) },
            isCancelled: { stopAfter.map { limit in log.progressCalls > limit } ?? false })
        return try Indexer(store: store, observer: observer).run(roots: roots, options: options)
    }

    func search(_ query: String) throws -> [String] {
        var found: [String] = []
        try Searcher(store: store).search(try QueryParser().parse(query), limit: 0) {
            found.append(($0.path as NSString).lastPathComponent + ":\($0.startLine)")
        }
        return found.sorted()
    }

    func writeDocuments(_ count: Int, word: String = "كتاب") throws {
        for number in 0..<count { try folder.write("docs/\(number).txt", "\(word) \(number)") }
    }

    func fileCount() throws -> Int { try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files")! } }

    @Test func stoppedRunKeepsTheFilesItFinishedAndTheNextRunCompletesIt() throws {
        try writeDocuments(6)
        #expect(throws: IndexError.interrupted(keptFiles: 3, rolledBack: false)) {
            try index([folder.file("docs")], stopAfter: 3)
        }
        // progress is reported once before the first file, so three files were finished.
        #expect(try fileCount() == 3)
        #expect(try store.status().lastRun?.interrupted == true)
        let rest = try index()
        #expect(rest.newFiles == 3 && rest.unchangedFiles == 3)
        #expect(try search("كتاب").count == 6)
    }

    @Test func stoppedRebuildLeavesThePreviousIndexWhole() throws {
        try writeDocuments(6)
        _ = try index([folder.file("docs")])
        try writeDocuments(6, word: "قلم")
        var options = IndexRunOptions()
        options.full = true
        #expect(throws: IndexError.interrupted(keptFiles: 0, rolledBack: true)) {
            try index(options: options, stopAfter: 4)
        }
        #expect(try search("كتاب").count == 6)
        #expect(try search("قلم").isEmpty)
        #expect(try index(options: options).newFiles == 6)
        #expect(try search("قلم").count == 6)
    }

    @Test func excludePatternsAndHiddenChoiceAreRemembered() throws {
        // Different contents: files with the same content would be taken for moves.
        try folder.write("docs/a.txt", "كتاب أ")
        try folder.write("docs/b.log", "كتاب ب")
        try folder.write("docs/drafts/c.txt", "كتاب ج")
        try folder.write("docs/.notes/d.txt", "كتاب د")
        var options = IndexRunOptions()
        options.excludeGlobs = ["*.log", "drafts/"]
        options.includeHidden = true
        #expect(try index([folder.file("docs")], options: options).newFiles == 2)
        #expect(try search("كتاب") == ["a.txt:1", "d.txt:1"])
        // A bare run walks alike.
        let again = try index()
        #expect(again.unchangedFiles == 2 && again.newFiles == 0 && again.removedFiles == 0)
        // Forgetting the patterns brings the files in; hiding again drops the hidden one.
        options.excludeGlobs = []
        options.includeHidden = false
        let changed = try index(options: options)
        #expect(changed.newFiles == 2 && changed.removedFiles == 1, "\(changed)")
        #expect(try search("كتاب") == ["a.txt:1", "b.log:1", "c.txt:1"])
        let status = try store.status()
        #expect(status.excludeGlobs.isEmpty && !status.includeHidden)
    }

    @Test func aRememberedRootThatIsGoneKeepsItsFiles() throws {
        try folder.write("news/a.txt", "كتاب")
        try folder.write("books/b.txt", "كتاب")
        _ = try index([folder.file("news"), folder.file("books")])
        try FileManager.default.moveItem(atPath: folder.file("books"), toPath: folder.file("elsewhere"))
        let log = Log()
        let summary = try index(log: log)
        #expect(summary.skippedFiles == 1 && summary.removedFiles == 0)
        #expect(log.warnings.count == 1 && log.warnings[0].contains("its files stay in the index"))
        #expect(try search("كتاب").count == 2)
    }

    @Test func statusReportsRootsCountsAndTheLastRun() throws {
        try writeDocuments(3)
        _ = try index([folder.file("docs")])
        let status = try IndexStore.openForReading(at: store.path).status()
        #expect(status.roots == [FileManagerPath.standardized(folder.file("docs"))])
        #expect(status.files == 3 && status.passages == 3)
        #expect(status.isCurrent)
        #expect(status.sizeBytes > 0)
        let run = try #require(status.lastRun)
        #expect(run.newFiles == 3 && run.totalFiles == 3 && !run.interrupted && run.optimized)
        #expect(abs(run.started.timeIntervalSinceNow) < 60)
    }

    @Test func smallChangesToALargeIndexAreNotOptimized() throws {
        try writeDocuments(10)
        #expect(try index([folder.file("docs")]).optimized)
        try folder.write("docs/0.txt", "كتاب جديد")
        #expect(try !index().optimized)
        var options = IndexRunOptions()
        options.optimize = true
        #expect(try index(options: options).optimized)
        try store.write { db in
            try db.execute(sql: "INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test func aSecondRunOnTheSameIndexIsRefusedWhileTheFirstHoldsTheLock() throws {
        do {
            let first = try IndexLock.acquire(forIndex: store.path, wait: false)
            #expect(throws: IndexError.locked(path: store.path, holder: getpid())) {
                try IndexLock.acquire(forIndex: store.path, wait: false)
            }
            withExtendedLifetime(first) {}
        }
        // Released with its owner: the next run gets it.
        _ = try IndexLock.acquire(forIndex: store.path, wait: false)
    }

    @Test func legacyAndUnicodeEncodingsAreFoundByAnArabicQuery() throws {
        // "الكتاب الجديد" in Windows-1256, as Python's 'cp1256' codec writes it.
        try folder.write("docs/legacy.txt", bytes: [0xC7, 0xE1, 0xDF, 0xCA, 0xC7, 0xC8, 0x20, 0xC7, 0xE1, 0xCC, 0xCF, 0xED, 0xCF])
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "كتاب قديم".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try folder.write("docs/wide.txt", bytes: utf16)
        let log = Log()
        let summary = try index([folder.file("docs")], log: log)
        #expect(summary.newFiles == 2 && summary.skippedFiles == 0 && summary.repairedFiles == 0)
        #expect(try search("كتاب") == ["legacy.txt:1", "wide.txt:1"])
        #expect(log.details.contains { $0.contains("legacy.txt") && $0.contains("Windows-1256") })
    }

    @Test func htmlIsIndexedAsItsTextWithTrueLineNumbers() throws {
        try folder.write("docs/page.html", """
            <html><head><title>عنوان الصفحة</title>
            <style>.كتاب { color: red }</style>
            <script>var قلم = 1;</script></head>
            <body>
            <p>الفقرة الأولى &amp; كتاب</p>
            <p>الفقرة الثانية</p>
            </body></html>
            """)
        _ = try index([folder.file("docs")])
        #expect(try search("عنوان") == ["page.html:1"])
        #expect(try search("كتاب") == ["page.html:5"])
        #expect(try search("الثانية") == ["page.html:6"])
        #expect(try search("قلم").isEmpty)
    }

    @Test func aFileThatVanishesMidRunIsSkippedWithAWarning() throws {
        try writeDocuments(3)
        let log = Log()
        let doomed = folder.file("docs/2.txt")
        // The first progress report comes after the walk listed the file, before any is read
        // (files are read ahead of the writer, so a later deletion may come after the read).
        let summary = try index([folder.file("docs")], log: log) { progress in
            if progress.filesDone == 0 && progress.filesTotal == 3 { try? FileManager.default.removeItem(atPath: doomed) }
        }
        #expect(summary.newFiles == 2 && summary.skippedFiles == 1)
        #expect(log.warnings == ["skipped \(FileManagerPath.standardized(doomed)): it vanished during the run"])
    }
}

/// Paths as the index stores them (absolute, standardized: /tmp may be a link on some systems).
enum FileManagerPath {
    static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}
