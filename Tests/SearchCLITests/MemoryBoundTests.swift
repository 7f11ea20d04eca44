import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Indexing takes bounded memory whatever the file: the real binary, in a child process, its
/// peak resident set size as `wait4` reports it.
@Suite struct MemoryBoundTests {
    /// The bound the README states for indexing.
    static let peakBytesAllowed = 64 << 20

    /// A 200 MB file that is one single line (as some exports are) is read, split and written as
    /// a stream. Before, the whole file, its text and its passages were in memory at once
    /// (1.5 GB and more for this file).
    ///
    /// The line is mostly dashes with a word every 10 kB, so that every stage sees all of it
    /// while the debug build's text analysis stays quick: about 15 s in a debug build. Queries
    /// that print every match are then measured on the index it made.
    @Test func aHugeFileOnOneLineIsIndexedInBoundedMemory() throws {
        let workspace = try Workspace(withSeeds: false)
        let file = workspace.path + "/export.txt"
        let unit = Array("كتاب".utf8) + [UInt8](repeating: UInt8(ascii: "-"), count: 9_996)
        let block = [[UInt8]](repeating: unit, count: 100).flatMap { $0 }
        _ = FileManager.default.createFile(atPath: file, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        for _ in 0..<200 { try handle.write(contentsOf: block) }
        try handle.close()
        defer { try? FileManager.default.removeItem(atPath: file) }

        let index = workspace.path + "/idx.db"
        let run = try Self.runMeasuringMemory(["index", file, "--index", index, "--quiet"])
        #expect(run.status == 0)
        #expect(run.peakBytes > 0 && run.peakBytes <= Self.peakBytesAllowed,
                "peak RSS \(run.peakBytes >> 20) MB while indexing a 200 MB line")
        // All of it was indexed: the word is in every 10 kB.
        let count = try workspace.runner.run("كتاب", "--index", index, "-c")
        #expect(Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 20_000, "\(count.stdout)")

        // Listing every match reads a passage row per match (about 60 MB of pages here). They
        // used to be read through a memory map of the whole index, all counted as the process's
        // memory; they go through SQLite's page cache now.
        for listing in [["-c"], ["-l", "-c"]] {
            let query = try Self.runMeasuringMemory(["كتاب", "--index", index] + listing)
            #expect(query.status == 0)
            #expect(query.peakBytes <= Self.peakBytesAllowed, "peak RSS \(query.peakBytes >> 20) MB for \(listing)")
        }
    }

    /// Runs the `search` binary with `arguments`, its output discarded; returns its exit status
    /// and its peak resident set size in bytes, as `wait4` reports it.
    ///
    /// Linux counts in a process's peak the memory of the process that executed it: a child
    /// spawned straight from this test process (which holds every test of the suite, 100 MB and
    /// more) would report at least that much. So the binary is started by a small shell, in the
    /// background, and the shell exits: the binary, forked from the shell, is reparented to this
    /// process (a "subreaper"), which waits for it.
    static func runMeasuringMemory(_ arguments: [String]) throws -> (status: Int32, peakBytes: Int) {
        #if os(Linux)
        _ = becomesSubreaper
        let script = "\"$0\" \"$@\" </dev/null >/dev/null 2>&1 & echo $!"
        let (shell, output) = try spawn(["/bin/sh", "-c", script, CommandRunner.binary] + arguments, capturingOutput: true)
        var shellStatus: Int32 = 0
        while waitpid(shell, &shellStatus, 0) < 0 && errno == EINTR {}
        let printed = String(decoding: output!.readDataToEndOfFile(), as: UTF8.self)
        guard let pid = pid_t(printed.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw POSIXError(.ECHILD)
        }
        #else
        let (pid, _) = try spawn([CommandRunner.binary] + arguments, capturingOutput: false)
        #endif
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        // Exited normally: the low 7 bits are 0 and the status is in the next 8.
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        #if canImport(Darwin)
        let peak = Int(usage.ru_maxrss)
        #else
        let peak = Int(usage.ru_maxrss) * 1024
        #endif
        return (exitStatus, peak)
    }

    #if os(Linux)
    /// prctl(PR_SET_CHILD_SUBREAPER, 1), looked up at run time: Swift cannot call C's variadic
    /// prctl directly.
    static let becomesSubreaper: Void = {
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") else { return }
        _ = unsafeBitCast(symbol, to: Prctl.self)(36, 1, 0, 0, 0)
    }()
    #endif

    /// Starts `arguments[0]`, standard input and error from and to /dev/null, standard output
    /// to /dev/null or to a pipe whose reading end is returned.
    static func spawn(_ arguments: [String], capturingOutput: Bool) throws -> (pid_t, FileHandle?) {
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let pipe = capturingOutput ? Pipe() : nil
        if let pipe {
            posix_spawn_file_actions_adddup2(&actions, pipe.fileHandleForWriting.fileDescriptor, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        try pipe?.fileHandleForWriting.close()
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        return (pid, pipe?.fileHandleForReading)
    }
}
