import Foundation
import GRDB
import Testing
@testable import SearchIndex

/// What a new user meets in the first hour on real folders, through the binary: indexes that
/// other users may only read, other programs' databases, missing and moved roots, the demo
/// default, failed commands, the index's size, killed runs and nightly warnings.
@Suite struct RealFolderTests {
    let workspace: Workspace
    let runner: CommandRunner

    init() throws {
        workspace = try Workspace(withSeeds: false)
        runner = workspace.runner
    }

    func path(_ name: String) -> String { workspace.path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        let target = path(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: false, encoding: .utf8)
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// The workspace's entries, for "nothing was created" checks.
    func entries() throws -> Set<String> { Set(try FileManager.default.contentsOfDirectory(atPath: workspace.path)) }

    // MARK: Data safety

    /// An index its user can only read: written by root's cron and read by another user, a
    /// file of mode 444 in a folder the reader cannot write.
    @Test func anIndexThatCanOnlyBeReadIsSearchable() throws {
        try write("docs/a.txt", "مفاوضات أستانا\n\nكتاب")
        #expect(try runner.run("index", "docs", "--index", "idx/search.db", "--quiet").status == 0)
        let reader = try UnprivilegedReader(workspace: workspace, readOnly: ["idx", "idx/search.db"])
        let query = try reader.run("أستانا", "--index", "idx/search.db")
        #expect(query.status == 0 && query.stdout.contains("مفاوضات أستانا"), "\(query.stderr)")
        let status = try reader.run("status", "--index", "idx/search.db")
        #expect(status.status == 0 && status.stdout.contains("files:     1 (2 passages)"), "\(status.stderr)")
        #expect(try reader.run("index", "--index", "idx/search.db").stderr
            == "search: cannot open index idx/search.db: this user may not write it (it can still be searched)\n")
    }

    /// An index without the `-shm` file that readers need (written by an older version), on a
    /// read-only file system, is read as immutable; in a writable place, the error says what to do.
    @Test func anIndexOnAReadOnlyMountIsSearchable() throws {
        try write("docs/a.txt", "مفاوضات أستانا")
        #expect(try runner.run("index", "docs", "--index", "idx/search.db", "--quiet").status == 0)
        for companion in ["-wal", "-shm"] { try FileManager.default.removeItem(atPath: path("idx/search.db" + companion)) }
        let reader = try UnprivilegedReader(workspace: workspace, readOnly: ["idx", "idx/search.db"])
        let refused = try reader.run("أستانا", "--index", "idx/search.db")
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("search: cannot open index idx/search.db: it lacks its search.db-shm file"))
        #expect(lines(refused.stderr).count == 1)
        // A read-only bind mount in a mount namespace of its own, where the system allows one.
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return }
        let script = "mount --bind idx idx && mount -o remount,ro,bind idx && \"$0\" أستانا --index idx/search.db -c"
        let mounted = try runner.runExecutable("/usr/bin/unshare", ["--mount", "sh", "-c", script, CommandRunner.binary])
        if mounted.stderr.contains("mount:") { return } // no permission to mount here: nothing to check
        #expect(mounted.status == 0 && mounted.stdout == "1\n", "\(mounted.stderr)")
    }

    @Test func anotherProgramsDatabaseIsRefusedBeforeAByteIsWritten() throws {
        try write("docs/a.txt", "كتاب")
        let other = path("app.db")
        try DatabaseQueue(path: other).write { db in
            try db.execute(sql: "CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('x')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        let result = try runner.run("index", "docs", "--index", "app.db")
        #expect(result.status == 2)
        #expect(result.stderr == "search: app.db is not a search index, and was left untouched: it is another program's "
            + "SQLite database (tables: users); give --index a new file name\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
        #expect(!exists("app.db-wal") && !exists("app.db-shm") && !exists("app.db.lock"))
        try write("notes.db", "not a database")
        let text = try runner.run("index", "docs", "--index", "notes.db")
        #expect(text.status == 2 && text.stderr.contains("it is not an SQLite database"))
        #expect(try String(contentsOfFile: path("notes.db"), encoding: .utf8) == "not a database")
    }

    @Test func aMissingRootKeepsItsFilesThroughAFullRebuild() throws {
        try write("a/1.txt", "كتاب الف")
        try write("b/2.txt", "كتاب باء")
        #expect(try runner.run("index", "a", "b", "--index", "i.db").status == 0)
        try FileManager.default.moveItem(atPath: path("b"), toPath: path("unmounted"))
        let full = try runner.run("index", "--full", "--index", "i.db")
        #expect(full.status == 1)
        #expect(full.stderr == "search: skipped \(path("b")): missing; its files stay in the index "
            + "(`search index --forget \(path("b"))` drops them)\n")
        #expect(lines(try runner.run("كتاب", "--index", "i.db", "-l").stdout).sorted() == ["a/1.txt", "b/2.txt"])
        let status = try runner.run("status", "--index", "i.db").stdout
        #expect(status.contains("files:     2 (2 passages)"))
        #expect(status.contains("\(path("b")) (missing: its files are kept"))
        // Reported once: the next night's run is quiet about it, and exits 0.
        let again = try runner.run("index", "--index", "i.db")
        #expect(again.status == 0 && again.stderr.isEmpty)
    }

    @Test func theDefaultIndexIsOnlyEverBuiltFromTheDemoCorpus() throws {
        try write("seeds/users.rb", "User.create(password: \"secret كتاب\")")
        let result = try runner.run("secret")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "search: no index at index/search.db: build one with `search index FOLDER --index index/search.db`\n")
        #expect(!exists("index"))
    }

    @Test func failedCommandsCreateNothing() throws {
        try write("docs/a.txt", "كتاب")
        let before = try entries()
        let nothing = try runner.run("index")
        #expect(nothing.status == 2 && nothing.stderr.hasPrefix("search: nothing to index"))
        let missing = try runner.run("index", "/nonexistent", "--index", "x.db")
        #expect(missing.status == 2)
        let deep = try runner.run("index", "/nonexistent", "--index", "new/dir/x.db")
        #expect(deep.status == 2)
        let query = try runner.run("كتاب", "--index", "y.db")
        #expect(query.status == 2)
        #expect(try entries() == before)
        // A command that succeeds creates the folders it needs.
        #expect(try runner.run("index", "docs", "--index", "new/dir/x.db").status == 0)
        #expect(exists("new/dir/x.db"))
    }

    @Test func removingLargeFilesShrinksTheIndex() throws {
        let paragraph = (0..<400).map { "كلمة\($0) نص طويل عن مفاوضات أستانا والكتاب " }.joined(separator: " ")
        try write("docs/big.txt", Array(repeating: paragraph, count: 150).joined(separator: "\n\n"))
        try write("docs/small.txt", "كتاب")
        #expect(try runner.run("index", "docs", "--index", "i.db", "--quiet").status == 0)
        let large = try size("i.db")
        try FileManager.default.removeItem(atPath: path("docs/big.txt"))
        #expect(try runner.run("index", "--index", "i.db", "--quiet").status == 0)
        let after = try size("i.db")
        #expect(after * 5 < large, "\(large) → \(after) bytes")
        #expect(try runner.run("كتاب", "--index", "i.db", "-c").stdout == "1\n")
    }

    /// An index written by an earlier version, without incremental vacuum, is converted by one VACUUM.
    @Test func anOlderIndexShrinksToo() throws {
        let paragraph = (0..<400).map { "كلمة\($0) نص طويل عن مفاوضات أستانا والكتاب " }.joined(separator: " ")
        try write("docs/big.txt", Array(repeating: paragraph, count: 150).joined(separator: "\n\n"))
        try write("docs/small.txt", "كتاب")
        #expect(try runner.run("index", "docs", "--index", "i.db", "--quiet").status == 0)
        try DatabaseQueue(path: path("i.db")).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA auto_vacuum = NONE; VACUUM")
            #expect(try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") == 0)
        }
        let large = try size("i.db")
        try FileManager.default.removeItem(atPath: path("docs/big.txt"))
        #expect(try runner.run("index", "--index", "i.db", "--quiet").status == 0)
        #expect(try size("i.db") * 5 < large)
        #expect(try runner.run("كتاب", "--index", "i.db", "-c").stdout == "1\n")
    }

    func size(_ name: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path(name))[.size] as? NSNumber)?.intValue ?? 0
    }

    // MARK: Roots

    @Test func aMovedRootIsRecognisedAndItsFilesMoveWithIt() throws {
        try write("docs/1.txt", "كتاب الف")
        try write("docs/2.txt", "كتاب باء")
        #expect(try runner.run("index", "docs", "--index", "i.db").status == 0)
        try FileManager.default.moveItem(atPath: path("docs"), toPath: path("docs-moved"))
        let moved = try runner.run("index", "docs-moved", "--index", "i.db")
        #expect(moved.status == 0)
        #expect(moved.stdout.hasPrefix("indexed 0 new, 0 changed, 0 removed, 0 renamed, 2 unchanged files"))
        #expect(try runner.run("كتاب", "--index", "i.db", "-l").stdout == "docs-moved/1.txt\ndocs-moved/2.txt\n")
        #expect(try runner.run("status", "--index", "i.db", "--json").stdout.contains("\"roots\":[\"\(path("docs-moved"))\"]"))
    }

    @Test func aLinkToAFolderAlreadyIndexedAddsNothing() throws {
        try write("top/p/1.txt", "كتاب الف")
        try write("top/p/c/2.txt", "كتاب باء")
        try write("top/x.txt", "كتاب")
        #expect(try runner.run("index", "top/p", "--index", "i.db").status == 0)
        try FileManager.default.createSymbolicLink(atPath: path("alias"), withDestinationPath: "top/p/c")
        let linked = try runner.run("index", "alias", "--index", "i.db")
        #expect(linked.status == 0 && linked.stdout.hasPrefix("indexed 0 new"))
        #expect(lines(try runner.run("كتاب", "--index", "i.db", "-l").stdout).sorted() == ["top/p/1.txt", "top/p/c/2.txt"])
        // A root that contains the one indexed takes its place.
        let outer = try runner.run("index", "top", "--index", "i.db")
        #expect(outer.stdout.hasPrefix("indexed 1 new, 0 changed, 0 removed, 0 renamed, 2 unchanged files"))
        let status = try runner.run("status", "--index", "i.db", "--json").stdout
        #expect(status.contains("\"roots\":[\"\(path("top"))\"]"))
    }

    @Test func forgetDropsARootAndItsFiles() throws {
        try write("a/1.txt", "كتاب الف")
        try write("b/2.txt", "كتاب باء")
        #expect(try runner.run("index", "a", "b", "--index", "i.db").status == 0)
        try FileManager.default.removeItem(atPath: path("b"))
        let forgot = try runner.run("index", "--forget", "b", "--index", "i.db")
        #expect(forgot.status == 0)
        #expect(forgot.stdout == "forgot 1 root: removed 1 file; the index has 1 file (1 passage)\n")
        #expect(try runner.run("كتاب", "--index", "i.db", "-l").stdout == "a/1.txt\n")
        let unknown = try runner.run("index", "--forget", "c", "--index", "i.db")
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "search: c is not a root of this index; its roots: \(path("a"))\n")
    }

    // MARK: Runs

    /// A run killed by SIGKILL is shown as interrupted, with what it had committed.
    @Test func aKilledRunIsRecordedAsInterrupted() throws {
        for file in 0..<1_200 { try write("docs/\(file).txt", "ملف\(file) كتاب") }
        let run = try runner.start("index", "docs", "--index", "i.db", "--quiet")
        // Kill it once its first batch of files is committed.
        let deadline = Date().addingTimeInterval(60)
        while run.isRunning && Date() < deadline {
            if let files = try? DatabaseQueue(path: path("i.db"), configuration: Self.readOnly).read({ db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM files")
            }), files > 0 { break }
            Thread.sleep(forTimeInterval: 0.005)
        }
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        guard run.terminationReason == .uncaughtSignal else { return } // it finished first: nothing to check
        let status = try runner.run("status", "--index", "i.db")
        let lastRun = try #require(lines(status.stdout).first { $0.hasPrefix("last run:") })
        #expect(lastRun.contains(", interrupted after "), "\(lastRun)")
        let json = try runner.run("status", "--index", "i.db", "--json").stdout
        #expect(json.contains("\"outcome\":\"interrupted\""))
        let rest = try runner.run("index", "--index", "i.db")
        #expect(rest.status == 0 && !rest.stdout.contains(" 0 unchanged"))
        #expect(try runner.run("status", "--index", "i.db").stdout.contains(", completed in "))
    }

    static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }

    /// A nightly run warns about a problem once, and exits 1 only when something new went wrong;
    /// `status` keeps listing it. Files of binary types are passed over quietly.
    @Test func problemsAreReportedOnceAndListedByStatus() throws {
        try write("docs/a.txt", "كتاب")
        try Data([0x58, 0x00, 0x01]).write(to: URL(fileURLWithPath: path("docs/blob.txt")))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00]).write(to: URL(fileURLWithPath: path("docs/image.png")))
        try FileManager.default.createSymbolicLink(atPath: path("docs/loop"), withDestinationPath: "..")
        let first = try runner.run("index", "docs", "--index", "i.db")
        #expect(first.status == 1)
        #expect(lines(first.stderr).sorted() == [
            "search: skipped \(path("docs/blob.txt")): binary file",
            "search: skipped \(path("docs/loop/docs")): symbolic link loop",
        ])
        for _ in 0..<2 {
            let nightly = try runner.run("index", "--index", "i.db")
            #expect(nightly.status == 0 && nightly.stderr.isEmpty)
            #expect(nightly.stdout.hasSuffix("; 2 skipped (2 reported before: see `search status`)\n"))
        }
        let status = try runner.run("status", "--index", "i.db").stdout
        #expect(status.contains("problems:  2 paths not indexed:\n"))
        #expect(status.contains("           \(path("docs/blob.txt")): binary file\n"))
        // A problem that changes is new again.
        try write("docs/blob.txt", "نص")
        try Data([0x00]).write(to: URL(fileURLWithPath: path("docs/other.txt")))
        let changed = try runner.run("index", "--index", "i.db")
        #expect(changed.status == 1 && lines(changed.stderr) == ["search: skipped \(path("docs/other.txt")): binary file"])
    }

    // MARK: Small things

    @Test func summariesCountWithSeparatorsAndSingulars() throws {
        for file in 0..<1_001 { try write("docs/\(file).txt", "كتاب") }
        try write("one/a.txt", "كتاب")
        let many = try runner.run("index", "docs", "--index", "many.db")
        #expect(many.stdout.hasPrefix("indexed 1,001 new, 0 changed, 0 removed, 0 renamed, 0 unchanged files (1,001 passages) in "))
        let one = try runner.run("index", "one", "--index", "one.db")
        #expect(one.stdout.hasPrefix("indexed 1 new, 0 changed, 0 removed, 0 renamed, 0 unchanged files (1 passage) in "))
        let status = try runner.run("status", "--index", "many.db").stdout
        #expect(status.contains(", completed in ") && status.contains(": 1,001 new, "))
        #expect(try runner.run("status", "--index", "many.db", "--json").stdout.contains("\"outcome\":\"completed\",\"rebuilt\":false"))
    }
}

/// Runs the binary as a user who may only read what it is given: as root, through setpriv as
/// `nobody` (with the folders and files made read-only for good measure); otherwise as this user
/// with the write permissions taken away.
struct UnprivilegedReader {
    let workspace: Workspace
    let binary: String

    init(workspace: Workspace, readOnly paths: [String]) throws {
        self.workspace = workspace
        // A copy of the binary in the workspace, which `nobody` can reach wherever the build is.
        binary = workspace.path + "/search-binary"
        try? FileManager.default.removeItem(atPath: binary)
        try FileManager.default.copyItem(atPath: CommandRunner.binary, toPath: binary)
        for path in paths.reversed() {
            let full = workspace.path + "/" + path
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
            chmod(full, isFolder.boolValue ? 0o555 : 0o444)
        }
        chmod(workspace.path, 0o755)
    }

    func run(_ arguments: String...) throws -> CommandRunner.Result {
        if getuid() == 0 {
            return try workspace.runner.runExecutable(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments)
        }
        return try workspace.runner.runExecutable(binary, arguments)
    }
}
