import Foundation
import Testing

/// The README's "Reindexing every night" commands work as written (the binary's install path
/// and the home folder being the only things put in place).
@Suite struct SchedulingDocsTests {
    static let section: String = {
        let readme = (try? String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        guard let start = readme.range(of: "### Reindexing every night") else { return "" }
        let rest = readme[start.upperBound...]
        let next = [rest.range(of: "\n### "), rest.range(of: "\n## ")].compactMap { $0?.lowerBound }.min()
        return String(rest[..<(next ?? rest.endIndex)])
    }()

    /// The documented commands: the cron line's command, the service's ExecStart, and the
    /// `search …` lines of the shell block, comments dropped.
    static var commands: [String] {
        var commands: [String] = []
        for line in section.split(separator: "\n").map(String.init) {
            let command = line.components(separatedBy: "   #").first!.trimmingCharacters(in: .whitespaces)
            if let match = command.firstMatch(of: /^[0-9*]+ [0-9*]+ \* \* \* (.*)$/) {
                commands.append(String(match.1))
            } else if command.hasPrefix("ExecStart=") {
                commands.append(String(command.dropFirst("ExecStart=".count)).replacingOccurrences(of: "%h", with: "~"))
            } else if command.hasPrefix("search ") {
                commands.append(command)
            }
        }
        return commands
    }

    @Test func theDocumentedCommandsRunAsWritten() throws {
        let commands = Self.commands
        #expect(commands.count == 4, "\(commands)")
        let workspace = try Workspace(withSeeds: false)
        let home = workspace.path
        try FileManager.default.createDirectory(atPath: home + "/news", withIntermediateDirectories: true)
        try "خبر عاجل من أستانا".write(toFile: home + "/news/a.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: home + "/search", withIntermediateDirectories: true)
        // The first run by hand comes first in the documentation's order of use.
        let ordered = commands.filter { $0.contains(" ~/news ") } + commands.filter { !$0.contains(" ~/news ") }
        for command in ordered {
            let runnable = command
                .replacingOccurrences(of: "/usr/local/bin/search ", with: CommandRunner.binary + " ")
                .replacingOccurrences(of: "search ", with: CommandRunner.binary + " ", options: .anchored)
            let result = try CommandRunner(directory: home).shell(runnable, home: home)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: home + "/search/index.log"))
        let found = try CommandRunner(directory: home).run("أستانا", "--index", home + "/search/news.db")
        #expect(found.status == 0 && found.stdout.contains("news/a.txt:1"))
    }
}

extension CommandRunner {
    /// Runs a command line through /bin/sh with HOME set, as cron does (its output kept with
    /// `capturesOutput`).
    func shell(_ command: String, home: String, capturesOutput: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        environment.removeValue(forKey: "SEARCH_INDEX")
        process.environment = environment
        let err = Pipe(), out = Pipe()
        process.standardError = err
        process.standardOutput = capturesOutput ? out : FileHandle.nullDevice
        try process.run()
        let output = capturesOutput ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errors, as: UTF8.self))
    }
}
