import Foundation
import GRDB
import TextAnalysis

/// An open index database: the one place that configures SQLite connections.
///
/// - Every connection registers the `arfa` tokenizer and waits (up to `busyTimeout`) for a lock
///   rather than failing at once, so cron runs and interactive queries can overlap.
/// - Indexing uses a WAL `DatabasePool`: readers keep seeing the last committed state while a
///   run writes. Searching uses one plain connection, the cheapest thing to open for a one-shot
///   query.
/// - The index records the text-analysis version it was built with (`meta.analysis_version`).
public final class IndexStore: Sendable {
    public let path: String
    let writer: any DatabaseWriter

    static let busyTimeout: TimeInterval = 10
    static let analysisVersionKey = "analysis_version"

    private init(path: String, writer: any DatabaseWriter) {
        self.path = path
        self.writer = writer
    }

    static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            db.add(tokenizer: ArabicPersianTokenizer.self)
            db.add(function: ExactWordFunction.function)
            if readOnly { try db.execute(sql: "PRAGMA query_only = 1") }
        }
        return configuration
    }

    /// Opens the index at `path` for writing, creating it (and its folder) if needed.
    public static func openForIndexing(at path: String) throws(IndexError) -> IndexStore {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotOpen(path: path, reason: "cannot create folder \(folder)")
            }
        }
        return try wrapping(path: path) {
            let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false))
            try Schema.migrator.migrate(pool)
            try pool.write { db in
                try db.execute(
                    sql: "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                    arguments: [analysisVersionKey, String(AnalysisVersion.current)])
            }
            return IndexStore(path: path, writer: pool)
        }
    }

    /// Opens an existing index for searching; refuses an index built by another analysis version.
    public static func openForSearching(at path: String) throws(IndexError) -> IndexStore {
        guard FileManager.default.fileExists(atPath: path) else { throw .indexNotFound(path: path) }
        let store = try wrapping(path: path) {
            IndexStore(path: path, writer: try DatabaseQueue(path: path, configuration: configuration(readOnly: true)))
        }
        let stored = try store.storedAnalysisVersion()
        guard stored == AnalysisVersion.current else {
            throw .analysisVersionMismatch(path: path, stored: stored, current: AnalysisVersion.current)
        }
        return store
    }

    /// The analysis version recorded in the index.
    func storedAnalysisVersion() throws(IndexError) -> Int {
        try read { db in
            guard try db.tableExists("meta") else {
                throw IndexError.cannotOpen(path: path, reason: "not a search index")
            }
            let value = try String.fetchOne(
                db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.analysisVersionKey])
            return value.flatMap(Int.init) ?? 0
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(IndexError) -> T {
        try Self.wrapping(path: path) { try writer.read(body) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(IndexError) -> T {
        try Self.wrapping(path: path) { try writer.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        } }
    }

    /// Runs `body`, turning any database failure into an `IndexError` sentence.
    static func wrapping<T>(path: String, _ body: () throws -> T) throws(IndexError) -> T {
        do {
            return try body()
        } catch let error as IndexError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: throw .cannotOpen(path: path, reason: "file is not a database")
            case .SQLITE_CANTOPEN: throw .cannotOpen(path: path, reason: "unable to open the database file")
            case .SQLITE_CORRUPT: throw .cannotOpen(path: path, reason: "the database is corrupt")
            case .SQLITE_BUSY: throw .database("the index is locked by another process; try again")
            default: throw .database(error.message ?? "\(error.resultCode)")
            }
        } catch {
            throw .database("\(error)")
        }
    }
}
