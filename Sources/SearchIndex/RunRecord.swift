import Foundation
import GRDB

/// The record of index runs kept in `meta`: the last finished run, and the run under way.
///
/// A run records itself as started (in a transaction of its own) before it writes anything,
/// updates that record with each batch it commits, and replaces it by the last run when it
/// ends. A run killed on the way (SIGKILL, a power cut, a second Ctrl-C) therefore leaves a
/// record of how far it came; `search status` shows it as interrupted (or as running, while
/// a process holds the index's lock), and the next run files it as the last run before it
/// starts.
enum RunRecord {
    static let lastRunKey = "last_run"
    static let currentRunKey = "current_run"

    /// Records `summary` as the run under way, first filing an unfinished earlier run as the
    /// last run, interrupted. Commits at once.
    static func begin(_ summary: IndexSummary, _ db: Database) throws {
        try db.inTransaction(.immediate) {
            if var unfinished = try run(currentRunKey, db) {
                unfinished.interrupted = true
                try save(unfinished, as: lastRunKey, db)
            }
            try save(summary, as: currentRunKey, db)
            return .commit
        }
    }

    /// Updates the run under way (inside the transaction of the batch it describes).
    static func progress(_ summary: IndexSummary, _ db: Database) throws {
        try save(summary, as: currentRunKey, db)
    }

    /// Files the run as the last run (inside its last transaction).
    static func finish(_ summary: IndexSummary, _ db: Database) throws {
        try save(summary, as: lastRunKey, db)
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [currentRunKey])
    }

    static func lastRun(_ db: Database) throws -> IndexSummary? { try run(lastRunKey, db) }

    /// The run under way, or one that never finished.
    static func currentRun(_ db: Database) throws -> IndexSummary? { try run(currentRunKey, db) }

    private static func save(_ summary: IndexSummary, as key: String, _ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try IndexStore.setMetaValue(key, String(decoding: try encoder.encode(summary), as: UTF8.self), db)
    }

    private static func run(_ key: String, _ db: Database) throws -> IndexSummary? {
        guard let json = try IndexStore.metaValue(key, db) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(IndexSummary.self, from: Data(json.utf8))
    }
}
