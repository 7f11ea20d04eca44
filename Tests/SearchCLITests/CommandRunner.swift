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

    /// The `search` executable next to the test bundle, else in .build/debug.
    static let binary: String = {
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
        let process = makeProcess(arguments)
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

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var runner: CommandRunner { CommandRunner(directory: path) }
}
