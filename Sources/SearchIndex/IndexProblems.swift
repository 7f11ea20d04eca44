public import Foundation
import GRDB

/// Something an index run could not index: a binary or unreadable file, a link loop, a folder
/// it could not read, a missing root.
public struct IndexProblem: Equatable, Sendable {
    public var path: String
    public var reason: String
    /// When it was first reported.
    public var firstSeen: Date
}

/// What the runs of an index could not index, remembered in the index so that each problem is
/// reported once (a nightly run over a folder with one unreadable file must not warn about it
/// every night, nor exit 1 for it) while `search status` keeps listing them.
///
/// - A problem is new when the last runs did not report the same path for the same reason; only
///   new problems are warned about and make a run's exit status 1.
/// - A binary file whose size and modification time are those it had when it was found binary
///   is not read again.
/// - The problems under the roots a run walked are replaced by what that run found; problems
///   under other roots stay.
struct IndexProblems {
    private struct Known {
        var reason: String
        var size: Int64?
        var modificationTime: Double?
        var firstSeen: Double
    }

    private var known: [String: Known] = [:]
    private var found: [String: Known] = [:]

    static let binaryReason = "binary file"

    init(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT path, reason, size, modification_time, first_seen FROM problems") {
            known[row["path"]] = Known(
                reason: row["reason"], size: row["size"], modificationTime: row["modification_time"], firstSeen: row["first_seen"])
        }
    }

    /// Records a problem of this run; returns whether it is new (to be warned about).
    mutating func report(_ path: String, reason: String, size: Int64? = nil, modificationTime: Double? = nil) -> Bool {
        let previous = known[path].flatMap { $0.reason == reason ? $0 : nil }
        found[path] = Known(reason: reason, size: size, modificationTime: modificationTime,
                            firstSeen: previous?.firstSeen ?? Date().timeIntervalSince1970)
        return previous == nil
    }

    /// Whether `path` was found binary as it is now (same size and modification time).
    func isKnownBinary(_ path: String, size: Int64, modificationTime: Double) -> Bool {
        guard let problem = known[path], problem.reason == Self.binaryReason else { return false }
        return problem.size == size && problem.modificationTime == modificationTime
    }

    /// Replaces the problems stored under `roots` with those found by this run.
    func save(replacingUnder roots: [String], _ db: Database) throws {
        for root in roots {
            try db.execute(sql: "DELETE FROM problems WHERE \(IndexRoots.underRoot)", arguments: [root])
        }
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO problems (path, reason, size, modification_time, first_seen) VALUES (?, ?, ?, ?, ?)
            """)
        for (path, problem) in found.sorted(by: { $0.key < $1.key }) {
            try insert.execute(arguments: [path, problem.reason, problem.size, problem.modificationTime, problem.firstSeen])
        }
    }

    static func all(_ db: Database) throws -> [IndexProblem] {
        try Row.fetchAll(db, sql: "SELECT path, reason, first_seen FROM problems ORDER BY path").map { row in
            IndexProblem(path: row["path"], reason: row["reason"], firstSeen: Date(timeIntervalSince1970: row["first_seen"]))
        }
    }
}
