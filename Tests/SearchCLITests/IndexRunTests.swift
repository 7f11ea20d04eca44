import Foundation
import GRDB
import SearchCore
import Testing
@testable import SearchIndex

/// `search index` as cron runs it: killed, interrupted, overlapping, queried while it works.
/// Real child processes, real signals, real SQLite files.
@Suite(.serialized) struct IndexRunTests {
    let workspace: Workspace
    let runner: CommandRunner
    let index = "idx/search.db"

    init() throws {
        workspace = try Workspace(withSeeds: false)
        runner = workspace.runner
    }

    var indexPath: String { workspace.path + "/" + index }

    /// A document whose every passage names its file and version, so a half-indexed file shows.
    static func document(_ file: Int, version: Int) -> String {
        let paragraphs = 2 + (file + version) % 4
        return (0..<paragraphs).map { paragraph in
            "ملف\(file) نسخة\(version) فقرة\(paragraph) " + String(repeating: "كتاب والكتاب مكتبة الكتب قلم ", count: 12)
        }.joined(separator: "\n\n")
    }

    func write(_ file: Int, version: Int) throws {
        try Self.document(file, version: version)
            .write(toFile: workspace.path + "/docs/\(file).txt", atomically: false, encoding: .utf8)
    }

    func makeDocuments(_ count: Int) throws {
        try FileManager.default.createDirectory(atPath: workspace.path + "/docs", withIntermediateDirectories: true)
        for file in 0..<count { try write(file, version: 0) }
    }

    /// The index opens, passes SQLite's and FTS5's integrity checks, and every file in it has
    /// all the passages of exactly one version it has had, never a mix.
    func checkIndex(versions: [Int: Set<Int>]) throws -> [Int: Int] {
        let store = try IndexStore.openForIndexing(at: indexPath)
        return try store.write { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            try db.execute(sql: "INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)")
            var indexed: [Int: Int] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT files.path, files.passage_count, group_concat(passages.text, '\n\n') AS text
                FROM files JOIN passages ON passages.file_id = files.id GROUP BY files.id ORDER BY files.id
                """)
            for row in rows {
                let path: String = row["path"]
                let file = Int((path as NSString).lastPathComponent.dropLast(4))!
                let text: String = row["text"]
                let version = try #require(versions[file]?.first { Self.document(file, version: $0) == text },
                                           "\(path) holds a version it never had")
                indexed[file] = version
            }
            return indexed
        }
    }

    @Test func killedAtRandomMomentsTheIndexIsAlwaysWholeAndTheNextRunFinishes() throws {
        let fileCount = 300
        try makeDocuments(fileCount)
        var versions = [Int: Set<Int>](uniqueKeysWithValues: (0..<fileCount).map { ($0, [0]) })
        var generator = SystemRandomNumberGenerator()
        // How long an uninterrupted first run takes here, to spread the kills over a run. Later
        // runs read only the changed files, and a loaded machine can make the first run slow: a
        // run that ends before its kill shortens the span, so most kills still land inside a run.
        let started = Date()
        #expect(try runner.run("index", "docs", "--index", index).status == 0)
        var span = max(Date().timeIntervalSince(started), 0.05)
        var killedMidRun = 0
        for round in 1...50 {
            // Change a third of the files; every fifth round rebuilds everything.
            for file in 0..<fileCount where Int.random(in: 0..<3, using: &generator) == 0 {
                try write(file, version: round)
                versions[file, default: []].insert(round)
            }
            let arguments = round % 5 == 0 ? ["index", "--full", "--index", index] : ["index", "--index", index]
            let process = try runner.start(arguments: arguments)
            let pause = Double.random(in: 0...(span * 1.2), using: &generator)
            Thread.sleep(forTimeInterval: pause)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                killedMidRun += 1
            } else {
                span = max(min(span, pause), 0.01)
            }
            _ = try checkIndex(versions: versions)
        }
        // Most kills must land inside a run, or the test proves little.
        #expect(killedMidRun >= 25, "\(killedMidRun) of 50 runs were killed before they ended")
        #expect(try runner.run("index", "--index", index).status == 0)
        let final = try checkIndex(versions: versions)
        #expect(final.count == fileCount)
        for (file, version) in final { #expect(version == versions[file]!.max()!) }
    }

    @Test func queriesDuringAReindexNeverFail() throws {
        try makeDocuments(400)
        #expect(try runner.run("index", "docs", "--index", index).status == 0)
        for file in 0..<400 { try write(file, version: 1) }
        let reindex = try runner.start("index", "--full", "--index", index)
        var queries = 0, failures: [String] = []
        while reindex.isRunning || queries < 20 {
            do {
                let store = try IndexStore.openForSearching(at: indexPath)
                let count = try Searcher(store: store).search(
                    try QueryParser().parse("مكتبة"), options: SearchOptions(limit: 10)).hits.count
                if count != 10 { failures.append("\(count) hits") }
            } catch {
                failures.append("\(error)")
            }
            queries += 1
        }
        reindex.waitUntilExit()
        #expect(reindex.terminationStatus == 0)
        #expect(failures.isEmpty, "\(failures.prefix(3))")
        let viaProcess = try runner.run("مكتبة", "--index", index, "--limit", "3")
        #expect(viaProcess.status == 0)
    }

    @Test func aSecondRunExitsThreeWhileAnotherHoldsTheIndexAndWaitsWithWait() throws {
        try makeDocuments(5)
        try FileManager.default.createDirectory(atPath: workspace.path + "/idx", withIntermediateDirectories: true)
        var holder: IndexLock? = try IndexLock.acquire(forIndex: indexPath, wait: false)
        let refused = try runner.run("index", "docs", "--index", index)
        #expect(refused.status == 3)
        #expect(refused.stderr == "search: another `search index` run (pid \(getpid())) is updating \(index); "
            + "try again later, or add --wait to wait for it\n")
        let waiting = try runner.start("index", "docs", "--wait", "--index", index)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(waiting.isRunning)
        withExtendedLifetime(holder) { holder = nil }
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        #expect(try checkIndex(versions: Dictionary(uniqueKeysWithValues: (0..<5).map { ($0, [0]) })).count == 5)
    }

    @Test func twoRunsStartedTogetherWithWaitEndWithACorrectIndex() throws {
        try makeDocuments(200)
        let first = try runner.start("index", "docs", "--wait", "--index", index)
        let second = try runner.start("index", "docs", "--wait", "--index", index)
        first.waitUntilExit()
        second.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        #expect(try checkIndex(versions: Dictionary(uniqueKeysWithValues: (0..<200).map { ($0, [0]) })).count == 200)
    }

    @Test func ctrlCStopsCleanlyAndSaysWhatWasKept() throws {
        try makeDocuments(2_000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["index", "docs", "--index", index]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.path)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Once the lock file names the child, its handler is installed and the run has begun.
        let lockFile = IndexLock.path(forIndex: indexPath)
        let deadline = Date().addingTimeInterval(20)
        while (try? String(contentsOfFile: lockFile, encoding: .utf8)) != "\(process.processIdentifier)\n",
              Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let seen = try? String(contentsOfFile: lockFile, encoding: .utf8)
        #expect(seen == "\(process.processIdentifier)\n", "lock file: \(seen ?? "none") at \(lockFile)")
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(stderr.hasPrefix("search: interrupted: kept the "), "\(stderr)")
        // The hint names the index it interrupted, so that copying it resumes this run.
        #expect(stderr.hasSuffix("; run `search index --index \(index)` to finish\n"), "\(stderr)")
        let kept = try checkIndex(versions: Dictionary(uniqueKeysWithValues: (0..<2_000).map { ($0, [0]) }))
        #expect(kept.count > 0 && kept.count < 2_000)
        let rest = try runner.run("index", "--index", index)
        #expect(rest.stdout.hasPrefix("indexed \(grouped(2_000 - kept.count)) new, 0 changed, 0 removed, 0 renamed, "
            + "\(grouped(kept.count)) unchanged"), "\(rest.stdout)")
    }

    @Test func skippedFilesGiveExitStatusOneAndAWarningEach() throws {
        try makeDocuments(2)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]).write(to: URL(fileURLWithPath: workspace.path + "/docs/image.dat"))
        let result = try runner.run("index", "docs", "--index", index)
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("/docs/image.dat: binary file\n"))
        #expect(result.stdout.hasSuffix("; 1 skipped\n"))
        #expect(try runner.run("ملف0", "--index", index).status == 0)
    }

    func grouped(_ number: Int) -> String { IndexSummary.grouped(number) }

    @Test func statusDescribesTheIndexAndItsLastRun() throws {
        try makeDocuments(3)
        #expect(try runner.run("status", "--index", index).status == 2)
        #expect(try runner.run("index", "docs", "--index", index, "--exclude", "*.log").status == 0)
        let text = try runner.run("status", "--index", index)
        #expect(text.status == 0)
        #expect(text.stdout.contains(" (current)\n"))
        #expect(text.stdout.contains("files:     3 ("))
        #expect(text.stdout.contains("exclude:   *.log\n"))
        #expect(text.stdout.contains(": 3 new, 0 changed, 0 removed"))
        let json = try runner.run("status", "--index", index, "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["files"] as? Int == 3)
        #expect((object["roots"] as? [String])?.first?.hasSuffix("/docs") == true)
        let lastRun = try #require(object["last_run"] as? [String: Any])
        #expect(lastRun["new"] as? Int == 3 && lastRun["outcome"] as? String == "completed")
    }
}
