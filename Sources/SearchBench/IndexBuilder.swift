import Foundation
import SearchIndex

/// What building one index cost, measured on the child process that built it.
struct BuildMeasurement: Codable {
    var wallSeconds: Double
    var userSeconds: Double
    var systemSeconds: Double
    var cpuSeconds: Double
    var peakRSSBytes: Int64
    /// Corpus MB (10^6 bytes) per wall second.
    var mbPerSecond: Double
}

/// What an index holds once built.
struct IndexFacts {
    var files: Int
    var passages: Int
    /// The database and its write-ahead log.
    var sizeBytes: Int64
    var roots: [String]
}

/// The two engines compared.
enum Engine: String, Codable, CaseIterable {
    case ours
    case unicode61
}

/// Builds each index in a child process of its own (spawned through `measure-child`), from an
/// empty database, so that its wall time, CPU time and peak RSS are its own and nothing else's:
/// - ours with the product itself, `search index --index DB --quiet FOLDER…`;
/// - the baseline with `search-bench build-baseline`, the same indexing pipeline (walker,
///   decoder, passages, schema, transaction sizes, final optimize) with FTS5's `unicode61`.
struct IndexBuilder {
    let searchBinary: String
    let benchBinary: String

    func build(_ engine: Engine, database: String, roots: [URL], corpusBytes: Int64) throws(BenchError)
        -> BuildMeasurement
    {
        Self.removeDatabase(database)
        let folders = roots.map(\.path)
        let child = switch engine {
        case .ours:
            ChildProcess(executable: searchBinary, arguments: ["index", "--index", database, "--quiet"] + folders)
        case .unicode61:
            ChildProcess(executable: benchBinary, arguments: ["build-baseline", "--index", database] + folders)
        }
        Log.progress("building the \(engine.rawValue) index: \(child.commandLine)")
        let outcome = try MeasureChildCommand.measure(
            child, benchBinary: benchBinary, reportFile: database + ".rusage.json")
        // Status 1 from `search index` means some files were skipped (named on stderr), not a failure.
        guard outcome.termination == .exited(0) || outcome.termination == .exited(1) else {
            throw .childFailed(command: child.commandLine, termination: outcome.termination)
        }
        return BuildMeasurement(
            wallSeconds: outcome.wallSeconds, userSeconds: outcome.userSeconds, systemSeconds: outcome.systemSeconds,
            cpuSeconds: outcome.cpuSeconds, peakRSSBytes: outcome.peakRSSBytes,
            mbPerSecond: Double(corpusBytes) / 1e6 / outcome.wallSeconds)
    }

    /// Size first (opening the database may checkpoint its log), then contents.
    static func facts(ofDatabase database: String) throws(BenchError) -> IndexFacts {
        guard FileManager.default.fileExists(atPath: database) else { throw .databaseMissing(path: database) }
        let files = FileManager.default
        let size = files.byteSize(ofFile: database) + files.byteSize(ofFile: database + "-wal")
        do {
            let status = try IndexStore.openForReading(at: database).status()
            return IndexFacts(files: status.files, passages: status.passages, sizeBytes: size, roots: status.roots)
        } catch {
            throw .fileSystem("\(error)")
        }
    }

    static func removeDatabase(_ database: String) {
        for suffix in ["", "-wal", "-shm", ".lock"] {
            try? FileManager.default.removeItem(atPath: database + suffix)
        }
    }
}
