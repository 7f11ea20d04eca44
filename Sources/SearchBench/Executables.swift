import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The programs the benchmark runs: itself (for the baseline build) and the `search` binary
/// built beside it.
enum Executables {
    /// This program's own path, as the kernel knows it.
    static var benchmark: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        let invoked = CommandLine.arguments[0]
        return URL(fileURLWithPath: invoked).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `search` in the same folder as this program, unless given.
    static func search(given: String?) throws(BenchError) -> String {
        let beside = URL(fileURLWithPath: benchmark).deletingLastPathComponent().appendingPathComponent("search")
        let path = given ?? beside.path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw .searchBinaryMissing(path: path) }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// The sqlite3 shell for the baseline's one-shot queries, if installed.
    static var sqliteShell: String? {
        let path = "/usr/bin/sqlite3"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Peak RSS of this process so far.
    static func ownPeakRSSBytes() -> Int64 {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int64(usage.ru_maxrss) * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Int64(usage.ru_maxrss)
        #endif
    }
}
