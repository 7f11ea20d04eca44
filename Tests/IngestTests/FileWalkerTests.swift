import Testing
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Ingest

/// A folder under the temporary directory, removed when the test lets go of it.
final class TemporaryTree {
    let root: String

    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        root = FileWalker.absolutePath(url.path)
    }

    deinit {
        // Give back any permissions a test took away, so the folder can be removed.
        chmod(root, 0o755)
        if let names = FileManager.default.enumerator(atPath: root) {
            for case let name as String in names { chmod(path(name), 0o755) }
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

    @discardableResult
    func file(_ relative: String, _ content: String = "text") throws -> String {
        let full = path(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(content.utf8).write(to: URL(fileURLWithPath: full))
        return full
    }

    func folder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    /// A symbolic link at `relative` whose target is written as given (absolute or relative to the link).
    func link(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: target)
    }
}

@Suite struct FileWalkerTests {
    /// Paths of `result.files` relative to the tree's root, in the order the walker gave them.
    func listed(_ result: WalkResult, in tree: TemporaryTree) -> [String] {
        result.files.map { String($0.path.dropFirst(tree.root.count + 1)) }
    }

    func skipped(_ result: WalkResult, in tree: TemporaryTree) -> [String] {
        result.skipped.map { "\($0.path.dropFirst(tree.root.count + 1)): \($0.reason)" }
    }

    @Test func listsFilesRecursivelyInByteOrderOfTheirPaths() throws {
        let tree = try TemporaryTree()
        // Sorting names folder by folder would put "a/x.txt" before "a b.txt" and "a-c.txt";
        // in byte order " " (0x20) < "-" (0x2D) < "/" (0x2F).
        for name in ["b.txt", "a/x.txt", "a-c.txt", "a b.txt", "a/deep/er/y.txt", "B.txt", "ي.txt"] {
            try tree.file(name)
        }
        let result = try FileWalker().walk(root: tree.root)
        #expect(listed(result, in: tree) == ["B.txt", "a b.txt", "a-c.txt", "a/deep/er/y.txt", "a/x.txt", "b.txt", "ي.txt"])
        #expect(result.skipped.isEmpty)
        #expect(result.files.allSatisfy { $0.path.hasPrefix("/") })
    }

    /// Files are handed over as they are found, folder by folder: a folder is read when the walk
    /// reaches it, never all of them first.
    @Test func filesComeOneAtATimeAndFoldersAreReadWhenReached() throws {
        let tree = try TemporaryTree()
        try tree.file("a/1.txt")
        try tree.file("b/2.txt")
        var walk = try FileWalker().start(root: tree.root)
        #expect(walk.next()?.path == tree.path("a/1.txt"))
        // "b" has not been read yet: a file added to it now is found.
        try tree.file("b/3.txt")
        #expect(walk.next()?.path == tree.path("b/2.txt"))
        #expect(walk.next()?.path == tree.path("b/3.txt"))
        #expect(walk.next() == nil)
    }

    @Test func filesUnderIsTheWalksFiles() throws {
        let tree = try TemporaryTree()
        try tree.file("one.txt")
        try tree.file("sub/two.txt")
        try tree.link("dangling", to: tree.path("nowhere"))
        let walker = FileWalker()
        #expect(try walker.files(under: tree.root) == walker.walk(root: tree.root).files)
        #expect(try walker.files(under: tree.root).count == 2)
    }

    @Test func sizeAndModificationTimeWithNanoseconds() throws {
        let tree = try TemporaryTree()
        let path = try tree.file("a.txt", "12345")
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789), timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789)]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        let file = try #require(try FileWalker().walk(root: tree.root).files.first)
        #expect(file.size == 5)
        #expect(abs(file.modificationTime - 1_700_000_000.123_456_789) < 1e-6)
        #expect(file.modificationTime != 1_700_000_000)
    }

    @Test func hiddenEntriesAreSkippedUnlessIncluded() throws {
        let tree = try TemporaryTree()
        try tree.file("visible.txt")
        try tree.file(".hidden.txt")
        try tree.file(".git/config")
        try tree.file("sub/.secret/note.txt")
        #expect(listed(try FileWalker().walk(root: tree.root), in: tree) == ["visible.txt"])
        #expect(listed(try FileWalker(includeHidden: true).walk(root: tree.root), in: tree)
            == [".git/config", ".hidden.txt", "sub/.secret/note.txt", "visible.txt"])
    }

    @Test func aHiddenRootIsStillWalked() throws {
        let tree = try TemporaryTree()
        try tree.file(".notes/today.txt")
        let result = try FileWalker().walk(root: tree.path(".notes"))
        #expect(result.files.map(\.path) == [tree.path(".notes/today.txt")])
    }

    @Test func rootMayBeASingleFile() throws {
        let tree = try TemporaryTree()
        let path = try tree.file("only.txt", "abc")
        let result = try FileWalker().walk(root: path)
        #expect(result.files.map(\.path) == [path])
        #expect(result.files.first?.size == 3)
    }

    @Test func missingRootIsNotFound() throws {
        let tree = try TemporaryTree()
        let missing = tree.path("nope")
        #expect(throws: IngestError.rootNotFound(path: missing)) { try FileWalker().walk(root: missing) }
        try tree.link("dangling", to: tree.path("nowhere"))
        #expect(throws: IngestError.rootNotFound(path: tree.path("dangling"))) {
            try FileWalker().walk(root: tree.path("dangling"))
        }
    }

    @Test(.enabled(if: geteuid() != 0, "root reads every folder")) func unreadableFolders() throws {
        let tree = try TemporaryTree()
        try tree.file("open/a.txt")
        try tree.file("closed/b.txt")
        #expect(chmod(tree.path("closed"), 0) == 0)
        let result = try FileWalker().walk(root: tree.root)
        #expect(listed(result, in: tree) == ["open/a.txt"])
        #expect(skipped(result, in: tree) == ["closed: cannot read folder"])
        #expect(throws: IngestError.unreadable(path: tree.path("closed"))) {
            try FileWalker().walk(root: tree.path("closed"))
        }
    }

    @Test func globsWithoutSlashMatchNamesAtAnyDepth() throws {
        let tree = try TemporaryTree()
        try tree.file("keep.txt")
        try tree.file("a.log")
        try tree.file("sub/b.log")
        try tree.file("sub/c.txt")
        try tree.file("node_modules/pkg/readme.txt")
        try tree.file("sub/node_modules/x.txt")
        // Were node_modules descended, this broken link would be reported.
        try tree.link("node_modules/dangling", to: tree.path("nowhere"))
        let result = try FileWalker(excludeGlobs: ["*.log", "node_modules"]).walk(root: tree.root)
        #expect(listed(result, in: tree) == ["keep.txt", "sub/c.txt"])
        #expect(result.skipped.isEmpty)
    }

    @Test func globsWithSlashMatchThePathFromTheRoot() throws {
        let tree = try TemporaryTree()
        try tree.file("a.md")
        try tree.file("docs/a.md")
        try tree.file("docs/a.txt")
        try tree.file("docs/sub/b.md")
        try tree.file("other/docs/a.md")
        try tree.file("x.txt")
        try tree.file("sub/x.txt")
        // "*" does not cross "/" (FNM_PATHNAME); a leading "/" anchors a bare name at the root.
        let result = try FileWalker(excludeGlobs: ["docs/*.md", "/x.txt"]).walk(root: tree.root)
        #expect(listed(result, in: tree) == ["a.md", "docs/a.txt", "docs/sub/b.md", "other/docs/a.md", "sub/x.txt"])
    }

    @Test func trailingSlashMeansFoldersOnly() throws {
        let tree = try TemporaryTree()
        try tree.file("build/out.txt")
        try tree.file("src/build")
        try tree.file("src/build.txt")
        try tree.file("src/nested/build/deep.txt")
        let result = try FileWalker(excludeGlobs: ["build/"]).walk(root: tree.root)
        #expect(listed(result, in: tree) == ["src/build", "src/build.txt"])
        let anchored = try FileWalker(excludeGlobs: ["src/nested/"]).walk(root: tree.root)
        #expect(listed(anchored, in: tree) == ["build/out.txt", "src/build", "src/build.txt"])
    }

    @Test func symbolicLinkToAFileIsFollowed() throws {
        let outside = try TemporaryTree()
        let target = try outside.file("target.txt", "outside text")
        let tree = try TemporaryTree()
        try tree.link("link.txt", to: target)
        let result = try FileWalker().walk(root: tree.root)
        let targetFile = try #require(try FileWalker().walk(root: target).files.first)
        // Listed under the link's path, with the target's size and time.
        #expect(result.files == [FoundFile(path: tree.path("link.txt"), size: 12, modificationTime: targetFile.modificationTime)])
    }

    @Test func symbolicLinkToAFolderIsFollowed() throws {
        let outside = try TemporaryTree()
        try outside.file("e.txt")
        try outside.file("deeper/f.txt")
        let tree = try TemporaryTree()
        try tree.file("own.txt")
        try tree.link("linked", to: outside.root)
        let result = try FileWalker().walk(root: tree.root)
        #expect(listed(result, in: tree) == ["linked/deeper/f.txt", "linked/e.txt", "own.txt"])
    }

    @Test func eachRealFileIsListedOnceUnderItsFirstPath() throws {
        let tree = try TemporaryTree()
        try tree.file("real/a.txt")
        try tree.link("alias.txt", to: "real/a.txt")
        try tree.link("zalias.txt", to: "real/a.txt")
        #expect(link(tree.path("real/a.txt"), tree.path("real/hard.txt")) == 0)
        #expect(listed(try FileWalker().walk(root: tree.root), in: tree) == ["alias.txt"])
    }

    @Test func linkToAnAncestorIsALoopThatEnds() throws {
        let tree = try TemporaryTree()
        try tree.file("top.txt")
        try tree.file("sub/inner.txt")
        try tree.link("sub/up", to: "..")
        try tree.link("sub/self", to: ".")
        let result = try FileWalker().walk(root: tree.root)
        #expect(listed(result, in: tree) == ["sub/inner.txt", "top.txt"])
        #expect(skipped(result, in: tree) == ["sub/self: symbolic link loop", "sub/up: symbolic link loop"])
    }

    @Test func linksThatPointAtEachOtherAreALoop() throws {
        let tree = try TemporaryTree()
        try tree.link("a", to: "b")
        try tree.link("b", to: "a")
        let result = try FileWalker().walk(root: tree.root)
        #expect(result.files.isEmpty)
        #expect(skipped(result, in: tree) == ["a: symbolic link loop", "b: symbolic link loop"])
    }

    @Test func sameFolderThroughTwoLinksIsWalkedOnce() throws {
        let outside = try TemporaryTree()
        try outside.file("f.txt")
        let tree = try TemporaryTree()
        try tree.link("one", to: outside.root)
        try tree.link("two", to: outside.root)
        try tree.folder("real")
        try tree.file("real/g.txt")
        try tree.link("also-real", to: "real")
        let result = try FileWalker().walk(root: tree.root)
        // "also-real" sorts before "real", so the folder is listed under the link.
        #expect(listed(result, in: tree) == ["also-real/g.txt", "one/f.txt"])
        #expect(result.skipped.isEmpty)
    }

    @Test func brokenLinkIsReported() throws {
        let tree = try TemporaryTree()
        try tree.file("ok.txt")
        try tree.link("dangling.txt", to: tree.path("gone.txt"))
        try tree.link("sub-dangling", to: "ok.txt/inside")
        let result = try FileWalker().walk(root: tree.root)
        #expect(listed(result, in: tree) == ["ok.txt"])
        #expect(result.skipped == [
            SkippedPath(path: tree.path("dangling.txt"), reason: "broken symbolic link"),
            SkippedPath(path: tree.path("sub-dangling"), reason: "broken symbolic link"),
        ])
        // A link the globs exclude is not worth reporting.
        #expect(try FileWalker(excludeGlobs: ["dangling*", "sub-*"]).walk(root: tree.root).skipped.isEmpty)
    }

    @Test func excludedPathsAndLinksToThemAreSkipped() throws {
        let tree = try TemporaryTree()
        let database = try tree.file("index.db", "SQLite format 3")
        try tree.file("index.db-wal")
        try tree.file("doc.txt")
        try tree.link("alias.db", to: "index.db")
        #expect(link(database, tree.path("hard.db")) == 0)
        let walker = FileWalker(excludedPaths: [database, database + "-wal", database + "-shm", database + "-journal"])
        let result = try walker.walk(root: tree.root)
        #expect(listed(result, in: tree) == ["doc.txt"])
        #expect(try walker.walk(root: database).files.isEmpty)
    }

    @Test func onlyRegularFilesAreListed() throws {
        let tree = try TemporaryTree()
        try tree.file("doc.txt")
        #expect(mkfifo(tree.path("pipe"), 0o644) == 0)
        try tree.link("pipe-link", to: "pipe")
        let result = try FileWalker().walk(root: tree.root)
        #expect(listed(result, in: tree) == ["doc.txt"])
        #expect(result.skipped.isEmpty)
    }

    @Test func namesThatAreNotUTF8AreSkipped() throws {
        let tree = try TemporaryTree()
        try tree.file("good.txt")
        let name: [UInt8] = Array(tree.path("bad").utf8) + [0xFF, 0x2E, 0x74, 0x78, 0x74, 0]
        let descriptor = name.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        try #require(descriptor >= 0)
        close(descriptor)
        let result = try FileWalker().walk(root: tree.root)
        #expect(listed(result, in: tree) == ["good.txt"])
        #expect(result.skipped.map(\.reason) == ["name is not valid UTF-8"])
    }
}
