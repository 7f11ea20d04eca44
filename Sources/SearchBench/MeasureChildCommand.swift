import ArgumentParser
import Foundation

/// `search-bench measure-child --report FILE -- COMMAND…` (hidden): runs COMMAND and writes what
/// `wait4` reports of it to FILE as JSON.
///
/// Why a go-between: on Linux, `exec` carries the spawning process's peak RSS into the new
/// program's `ru_maxrss` (the kernel records the old address space's high-water mark, and with
/// `posix_spawn`'s vfork that is the parent's). The benchmark has grown by the time it builds
/// an index, so an index build spawned straight from it could report the benchmark's peak
/// instead of its own. This fresh, small process spawns the build instead; what it carries over
/// is only its own start-up footprint, less than any Swift program's.
struct MeasureChildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-child",
        abstract: "Run a command and write its wall time, CPU time and peak RSS as JSON (used by the benchmark).",
        shouldDisplay: false)

    @Option(help: ArgumentHelp("Where to write the measurement.", valueName: "file"))
    var report: String

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command, after --.", valueName: "command"))
    var command: [String]

    func validate() throws {
        guard !command.isEmpty else { throw ValidationError("give the command to run after --") }
    }

    func run() throws {
        let child = ChildProcess(executable: command[0], arguments: Array(command.dropFirst()))
        let outcome = try child.run(stdout: .null)
        do {
            try JSONEncoder().encode(outcome).write(to: URL(fileURLWithPath: report))
        } catch {
            throw BenchError.fileSystem("cannot write \(report): \(error.localizedDescription)")
        }
    }

    /// Runs `child` through `measure-child` (a fresh `benchBinary` process) and returns what it
    /// measured of `child` alone.
    static func measure(_ child: ChildProcess, benchBinary: String, reportFile: String) throws(BenchError)
        -> ChildProcess.Outcome
    {
        try? FileManager.default.removeItem(atPath: reportFile)
        let launcher = ChildProcess(
            executable: benchBinary,
            arguments: ["measure-child", "--report", reportFile, "--", child.executable] + child.arguments)
        _ = try launcher.runChecked()
        guard let data = FileManager.default.contents(atPath: reportFile),
              let outcome = try? JSONDecoder().decode(ChildProcess.Outcome.self, from: data)
        else { throw .fileSystem("`\(launcher.commandLine)` wrote no measurement to \(reportFile)") }
        try? FileManager.default.removeItem(atPath: reportFile)
        return outcome
    }
}
