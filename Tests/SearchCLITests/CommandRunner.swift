import Foundation

/// Runs the built `search` binary as a user would, capturing what it prints and its status.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, found from this source file.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The `search` executable: `$SEARCH_TEST_BINARY` (to run the tests against another build, as
    /// when checking that a new test fails on the code before a fix), else the one next to the
    /// test bundle, else in .build/debug.
    static let binary: String = {
        if let chosen = ProcessInfo.processInfo.environment["SEARCH_TEST_BINARY"], !chosen.isEmpty { return chosen }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("search").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/search").path
    }()

    var directory: String
    var environment: [String: String] = [:]

    init(directory: String) {
        self.directory = directory
    }

    func run(_ arguments: String...) throws -> Result {
        try run(arguments: arguments)
    }

    func run(arguments: [String]) throws -> Result {
        try run(makeProcess(arguments))
    }

    /// Runs another program in the same folder and environment (setpriv, unshare …).
    func runExecutable(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = makeProcess(arguments)
        process.executableURL = URL(fileURLWithPath: executable)
        return try run(process)
    }

    private func run(_ process: Process) throws -> Result {
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so a large output cannot block the child.
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Starts the binary in the background, its output discarded; the caller signals or waits.
    func start(_ arguments: String...) throws -> Process {
        try start(arguments: arguments)
    }

    func start(arguments: [String]) throws -> Process {
        let process = makeProcess(arguments)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func makeProcess(_ arguments: [String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SEARCH_INDEX")
        environment.removeValue(forKey: "NO_COLOR")
        environment.merge(self.environment) { $1 }
        process.environment = environment
        return process
    }
}

/// A temporary folder holding a copy of the seeds, as a fresh clone would.
final class Workspace {
    let path: String

    init(withSeeds: Bool = true) throws {
        path = NSTemporaryDirectory() + "search-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if withSeeds {
            try FileManager.default.copyItem(
                atPath: CommandRunner.packageRoot.appendingPathComponent("seeds").path, toPath: path + "/seeds")
        }
    }

    deinit {
        // A test may have taken write permission away from some folders (read-only indexes).
        if let enumerator = FileManager.default.enumerator(atPath: path) {
            while let relative = enumerator.nextObject() as? String { chmod(path + "/" + relative, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    var runner: CommandRunner { CommandRunner(directory: path) }
}

extension Workspace {
    /// A copy of the seeds, indexed into the default index as `search index seeds` does.
    static func withIndexedSeeds() throws -> Workspace {
        let workspace = try Workspace()
        _ = try workspace.runner.run("index", "seeds", "--quiet")
        return workspace
    }
}

/// A suite that runs the binary in a workspace of its own.
protocol SeedsSuite {
    var workspace: Workspace { get }
}

extension SeedsSuite {
    var runner: CommandRunner { workspace.runner }

    /// What the command printed, line by line.
    func lines(_ result: CommandRunner.Result) -> [String] {
        result.stdout.split(separator: "\n").map(String.init)
    }
}
