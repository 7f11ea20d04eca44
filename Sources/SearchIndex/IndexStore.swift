import Foundation
import FullText
import GRDB
import GRDBSQLite
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
    let tokenizer: FullTextTokenizer
    /// The full-text state of this store's connections.
    let fullText: FullTextConnections

    static let busyTimeout: TimeInterval = 10
    /// Address space, not memory: the OS maps index pages in as they are read.
    static let mapBytes = 1 << 34
    static let analysisVersionKey = "analysis_version"

    private init(path: String, writer: any DatabaseWriter, tokenizer: FullTextTokenizer = .arfa, fullText: FullTextConnections) {
        self.path = path
        self.writer = writer
        self.tokenizer = tokenizer
        self.fullText = fullText
    }

    /// After a checkpoint, the write-ahead log is cut back to this size (to zero when the writer closes).
    static let walSizeLimit = 32 << 20
    /// SQLITE_FCNTL_PERSIST_WAL from sqlite3.h.
    static let persistWALControl: CInt = 10

    static func configuration(readOnly: Bool, fullText: FullTextConnections = FullTextConnections()) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        // A reader opens the file read-only: it then never needs write permission, and never
        // checkpoints or deletes the log files when it closes.
        configuration.readonly = readOnly
        configuration.prepareDatabase { db in
            try fullText.register(db)
            if db.configuration.readonly {
                // Pages are read through a memory map, not copied by a read() each: a query touches
                // pages all over a large index, far more than SQLite's own cache keeps.
                try db.execute(sql: "PRAGMA mmap_size = \(mapBytes)")
            } else {
                try prepareWriter(db)
            }
        }
        return configuration
    }

    /// The writer keeps the `-wal` and `-shm` files when it closes (truncated to nothing), so that
    /// users who may only read the index can open it (see `IndexFile`); a new database reclaims
    /// free pages incrementally (`IndexMaintenance`).
    private static func prepareWriter(_ db: Database) throws {
        var persist: CInt = 1
        _ = sqlite3_file_control(db.sqliteConnection, "main", persistWALControl, &persist)
        try db.execute(sql: "PRAGMA journal_size_limit = \(walSizeLimit)")
        // Only takes effect while the database has no table yet (a new index), or at a VACUUM.
        try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
    }

    /// Opens the index at `path` for writing, creating it (and its folder) if needed.
    ///
    /// An existing file is used only if it is a `search` index, an empty file or an empty
    /// database: the database of another program is refused before anything is written to it.
    public static func openForIndexing(at path: String) throws(IndexError) -> IndexStore {
        try openForIndexing(at: path, tokenizer: .arfa)
    }

    /// Opens an index whose full-text table uses `tokenizer` (the benchmark's baseline).
    @_spi(Benchmark) public static func openForIndexing(
        at path: String, tokenizer: FullTextTokenizer
    ) throws(IndexError) -> IndexStore {
        try refuseUnlessIndex(at: path)
        var folders = CreatedFolders()
        try folders.create(forFile: path)
        return try wrapping(path: path) {
            let fullText = FullTextConnections()
            let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false, fullText: fullText))
            try Schema.migrator(tokenizer: tokenizer).migrate(pool)
            try pool.write { db in
                try db.execute(
                    sql: "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                    arguments: [analysisVersionKey, String(AnalysisVersion.current)])
            }
            return IndexStore(path: path, writer: pool, tokenizer: tokenizer, fullText: fullText)
        }
    }

    /// Throws unless `path` is absent or may become (or already is) an index.
    static func refuseUnlessIndex(at path: String) throws(IndexError) {
        switch IndexFile.kind(at: path) {
        case .absent, .empty, .emptyDatabase, .searchIndex:
            return
        case .notADatabase:
            throw .notAnIndex(path: path, reason: "it is not an SQLite database")
        case .unreadable(let reason):
            throw .cannotOpen(path: path, reason: reason.lowercased())
        case .foreign(let tables):
            let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
            throw .notAnIndex(path: path, reason: "it is another program's SQLite database (tables: \(shown))")
        }
    }

    /// Opens an existing index for searching; refuses an index built by another analysis version.
    ///
    /// - Parameter readers: how many queries may run at once (a server's threads): above one,
    ///   a read-only pool of that many connections; one, a single connection, the cheapest thing
    ///   to open for a one-shot query.
    public static func openForSearching(at path: String, readers: Int = 1) throws(IndexError) -> IndexStore {
        let (store, stored) = try open(at: path, readers: readers)
        guard stored == AnalysisVersion.current else {
            throw .analysisVersionMismatch(path: path, stored: stored, current: AnalysisVersion.current)
        }
        return store
    }

    /// Opens an existing index read-only, whatever analysis version built it (for `status`).
    ///
    /// Works for a user who may only read the index: the file is opened read-only, and SQLite
    /// reads the log through the `-shm` file the writer keeps. An index without that file in a
    /// folder this user cannot write is readable only when nobody can be writing it: on a
    /// read-only file system it is opened as immutable; elsewhere the error says what to do.
    public static func openForReading(at path: String) throws(IndexError) -> IndexStore {
        try open(at: path, readers: 1).store
    }

    /// The index opened read-only, and the analysis version it records (its first read).
    private static func open(at path: String, readers: Int) throws(IndexError) -> (store: IndexStore, version: Int) {
        guard FileManager.default.fileExists(atPath: path) else { throw .indexNotFound(path: path) }
        guard access(path, R_OK) == 0 else { throw .cannotOpen(path: path, reason: "permission denied") }
        let fullText = FullTextConnections()
        var readOnly = configuration(readOnly: true, fullText: fullText)
        readOnly.maximumReaderCount = max(readers, 1)
        func connect(_ location: String) throws -> any DatabaseWriter {
            readers > 1
                ? try DatabasePool(path: location, configuration: readOnly)
                : try DatabaseQueue(path: location, configuration: readOnly)
        }
        do {
            let store = try wrapping(path: path) { IndexStore(path: path, writer: try connect(path), fullText: fullText) }
            // SQLite opens lazily: the first read is where a missing `-shm` shows.
            return (store, try store.read { db in try Self.storedAnalysisVersion(db) })
        } catch let error where isMissingSharedMemory(error) {
            guard IndexFile.isOnReadOnlyFileSystem(path) else {
                throw .cannotOpen(path: path, reason: "it lacks its \((path as NSString).lastPathComponent)-shm file and "
                    + "this user cannot create it; whoever can write the index should run `search index` on it once")
            }
            let store = try wrapping(path: path) {
                IndexStore(path: path, writer: try connect(IndexFile.immutableURI(path)), fullText: fullText)
            }
            return (store, try store.read { db in try Self.storedAnalysisVersion(db) })
        }
    }

    /// SQLite's answer to a read-only connection that cannot create the `-shm` file of a WAL database.
    private static func isMissingSharedMemory(_ error: IndexError) -> Bool {
        switch error {
        case .database(let message): message.contains("readonly database")
        case .cannotOpen(_, let reason): reason.contains("unable to open")
        default: false
        }
    }

    /// Closes every connection (a new index that failed is then removed).
    func close() {
        try? (writer as? DatabasePool)?.close()
        try? (writer as? DatabaseQueue)?.close()
    }

    /// The analysis version recorded in the index.
    func storedAnalysisVersion() throws(IndexError) -> Int {
        try read { db in try Self.storedAnalysisVersion(db) }
    }

    static func storedAnalysisVersion(_ db: Database) throws -> Int {
        // Asked directly rather than through GRDB's schema introspection, which reads and parses
        // the whole schema: a cost every one-shot query would pay.
        let hasMeta = try Bool.fetchOne(
            db, sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'") ?? false
        guard hasMeta else { throw DatabaseError(message: "not a search index") }
        return try metaValue(analysisVersionKey, db).flatMap(Int.init) ?? 0
    }

    static func metaValue(_ key: String, _ db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    static func setMetaValue(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
    }

    // MARK: Remembered settings and the last run

    static let excludeGlobsKey = "exclude_globs"
    static let includeHiddenKey = "include_hidden"

    /// Which files a walk lists: remembered with the roots, so a bare `search index` walks alike.
    struct WalkSettings: Equatable {
        var excludeGlobs: [String] = []
        var includeHidden = false
    }

    /// The remembered settings, with what the user gave this time taking their place.
    func walkSettings(overriding options: IndexRunOptions) throws(IndexError) -> WalkSettings {
        var settings = try read { db in try Self.walkSettings(db) }
        if let globs = options.excludeGlobs { settings.excludeGlobs = globs }
        if let hidden = options.includeHidden { settings.includeHidden = hidden }
        return settings
    }

    static func walkSettings(_ db: Database) throws -> WalkSettings {
        var settings = WalkSettings()
        if let json = try metaValue(excludeGlobsKey, db),
           let globs = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) {
            settings.excludeGlobs = globs
        }
        settings.includeHidden = try metaValue(includeHiddenKey, db) == "1"
        return settings
    }

    static func saveWalkSettings(_ settings: WalkSettings, _ db: Database) throws {
        let json = String(decoding: try JSONEncoder().encode(settings.excludeGlobs), as: UTF8.self)
        try setMetaValue(excludeGlobsKey, json, db)
        try setMetaValue(includeHiddenKey, settings.includeHidden ? "1" : "0", db)
    }

    func read<T>(_ body: (Database) throws -> T) throws(IndexError) -> T {
        try Self.wrapping(path: path) { try writer.read(body) }
    }

    /// Runs `body` on the writer connection with no transaction open: the caller begins and
    /// commits its own (an index run commits batch by batch).
    func session<T>(_ body: (Database) throws -> T) throws(IndexError) -> T {
        try Self.wrapping(path: path) { try writer.writeWithoutTransaction(body) }
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
            default:
                if error.message == "not a search index" { throw .cannotOpen(path: path, reason: "not a search index") }
                throw .database(error.message ?? "\(error.resultCode)")
            }
        } catch {
            throw .database("\(error)")
        }
    }
}
