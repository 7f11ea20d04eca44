import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program to run as a child process, measured as the OS accounts for it: wall time from
/// `posix_spawn` to the return of `wait4`, and the child's own CPU time and peak RSS from the
/// `rusage` that `wait4` fills in (nothing of this process is counted).
struct ChildProcess {
    let executable: String
    let arguments: [String]

    /// Where a child's standard output or error goes.
    enum Destination: Equatable {
        case inherit
        case null
        /// A pipe whose read end `spawn` hands back (standard output only).
        case pipe
    }

    enum Termination: Equatable, Codable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    struct Outcome: Codable {
        var termination: Termination
        var wallSeconds: Double
        var userSeconds: Double
        var systemSeconds: Double
        var peakRSSBytes: Int64

        var cpuSeconds: Double { userSeconds + systemSeconds }
    }

    /// A started child, to be waited for exactly once.
    struct Running {
        let pid: pid_t
        let started: ContinuousClock.Instant
        /// The read end of its standard output when it was spawned with `.pipe`.
        let outputPipe: Int32?

        func wait() throws(BenchError) -> Outcome {
            var status: Int32 = 0
            var usage = rusage()
            while wait4(pid, &status, 0, &usage) == -1 {
                guard errno == EINTR else { throw .fileSystem("wait4 failed: \(String(cString: strerror(errno)))") }
            }
            let wall = started.duration(to: .now)
            return Outcome(
                termination: Self.termination(status),
                wallSeconds: Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18,
                userSeconds: Self.seconds(usage.ru_utime),
                systemSeconds: Self.seconds(usage.ru_stime),
                peakRSSBytes: Self.bytes(maxRSS: Int64(usage.ru_maxrss)))
        }

        /// Decodes a wait status (the WIFEXITED/WEXITSTATUS macros are not imported into Swift).
        private static func termination(_ status: Int32) -> Termination {
            let signal = status & 0x7f
            return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        }

        private static func seconds(_ time: timeval) -> Double {
            Double(time.tv_sec) + Double(time.tv_usec) / 1e6
        }

        private static func bytes(maxRSS: Int64) -> Int64 {
            #if os(Linux)
            maxRSS * 1024  // Linux reports kilobytes
            #else
            maxRSS  // macOS reports bytes
            #endif
        }
    }

    var commandLine: String { ([executable] + arguments).joined(separator: " ") }

    /// Runs the child to its end.
    func run(stdout: Destination = .inherit, stderr: Destination = .inherit) throws(BenchError) -> Outcome {
        try spawn(stdout: stdout, stderr: stderr).wait()
    }

    /// Runs the child and fails unless it exits with one of `acceptedStatuses`.
    func runChecked(
        stdout: Destination = .inherit, stderr: Destination = .inherit, acceptedStatuses: Set<Int32> = [0]
    ) throws(BenchError) -> Outcome {
        let outcome = try run(stdout: stdout, stderr: stderr)
        if case .exited(let status) = outcome.termination, acceptedStatuses.contains(status) { return outcome }
        throw .childFailed(command: commandLine, termination: outcome.termination)
    }

    func spawn(stdout: Destination = .inherit, stderr: Destination = .inherit) throws(BenchError) -> Running {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        var pipeEnds: [Int32] = [-1, -1]
        if stdout == .pipe {
            guard pipe(&pipeEnds) == 0 else { throw .fileSystem("pipe failed: \(String(cString: strerror(errno)))") }
            // Close-on-exec, so no later child inherits either end (the dup2 below survives it).
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], STDOUT_FILENO)
        } else if stdout == .null {
            posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0)
        }
        if stderr == .null {
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        }

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }

        var pid: pid_t = 0
        let started = ContinuousClock.now
        let result = posix_spawnp(&pid, executable, &actions, nil, argv, environment)
        if stdout == .pipe { close(pipeEnds[1]) }
        guard result == 0 else {
            if stdout == .pipe { close(pipeEnds[0]) }
            throw .spawnFailed(executable: executable, reason: String(cString: strerror(result)))
        }
        return Running(pid: pid, started: started, outputPipe: stdout == .pipe ? pipeEnds[0] : nil)
    }
}
