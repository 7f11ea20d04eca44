import FullText
import GRDB
import GRDBSQLite
public import SearchCore
import SearchEngine

/// Runs parsed queries against an index: one page of hits as a `SearchResult`, or every hit in
/// turn (`forEachHit`).
///
/// The searching itself is `SearchEngine`'s (`QueryReader`, `HitCursor`), shared with the
/// loadable extension; this runs it on the store's connections, through GRDB's cached
/// statements (see `DatabaseConnection`).
public struct Searcher: Sendable {
    private let store: IndexStore

    public init(store: IndexStore) {
        self.store = store
    }

    /// The query as the index reads it: compounds read from its vocabulary, attached conjunctions
    /// read off, typos corrected (what `--explain` shows).
    public func understand(_ query: ParsedQuery, options: SearchOptions) throws(IndexError) -> UnderstoodQuery {
        try store.read { db in try QueryReader(connection(db)).read(query, tolerance: options.typos) }
    }

    /// One page of the passages matching `query`, best first, filtered and paged by `options`
    /// (`limit` 0: every match, all in memory: see `forEachHit` for listings of any length).
    public func search(_ query: ParsedQuery, options: SearchOptions) throws(IndexError) -> SearchResult {
        try store.read { db in
            let connection = connection(db)
            let understood = try QueryReader(connection).read(query, tolerance: options.typos)
            return try Self.readingEveryMatch(options, db) { try Self.page(understood, options: options, connection) }
        }
    }

    /// One page of a query already read by `understand`, without reading it again.
    public func search(_ understood: UnderstoodQuery, options: SearchOptions) throws(IndexError) -> SearchResult {
        try store.read { db in
            try Self.readingEveryMatch(options, db) { try Self.page(understood, options: options, connection(db)) }
        }
    }

    /// Hands the hits of `understood` to `body`, best first, as they are ranked, until it returns
    /// false; returns how many it was given. Memory stays flat however many passages match.
    /// Throws what `body` throws as it is (a closed output, say), else an `IndexError`.
    @discardableResult
    public func forEachHit(
        of understood: UnderstoodQuery, options: SearchOptions, _ body: (Hit) throws -> Bool
    ) throws -> Int {
        var handed = 0
        var bodyError: (any Error)?
        try store.read { db in
            try Self.readingEveryMatch(options, db) {
                let hits = try HitCursor(understood.query, options: options, connection: connection(db))
                defer { hits.close() }
                while let found = try hits.next() {
                    handed += 1
                    do {
                        guard try body(found.hit) else { break }
                    } catch {
                        bodyError = error
                        break
                    }
                }
            }
        }
        if let bodyError { throw bodyError }
        return handed
    }

    /// Runs `body`, a search with `options`. One that may read every match (all of them, or
    /// filtered row by row) reads the index through SQLite's page cache: every page of a memory
    /// map it touched would count as this process's memory, up to the size of the index.
    private static func readingEveryMatch<T>(_ options: SearchOptions, _ db: Database, _ body: () throws -> T) throws -> T {
        let readsEveryMatch = options.limit == 0 || options.filtersRows
        if readsEveryMatch { try db.execute(sql: "PRAGMA mmap_size = 0") }
        defer { if readsEveryMatch { try? db.execute(sql: "PRAGMA mmap_size = \(IndexStore.mapBytes)") } }
        return try body()
    }

    private static func page(
        _ understood: UnderstoodQuery, options: SearchOptions, _ connection: DatabaseConnection
    ) throws -> SearchResult {
        let hits = try HitCursor(understood.query, options: options, connection: connection)
        defer { hits.close() }
        var page: [Hit] = []
        while let found = try hits.next() { page.append(found.hit) }
        var total: Int?
        if options.countsTotal {
            total = options.filtersRows ? try hits.countAll() : try HitCursor.count(understood.query, connection: connection)
        }
        return SearchResult(understood: understood, hits: page, total: total)
    }

    private func connection(_ db: Database) -> DatabaseConnection {
        DatabaseConnection(db: db, rankWindow: store.fullText.state(of: db)?.rankWindow)
    }
}

/// A store's connection as the searcher reads it: GRDB's cached statements (prepared once per
/// connection, so a server's queries never prepare them again), stepped through the SQLite this
/// program links.
struct DatabaseConnection: IndexConnection {
    let db: Database
    let rankWindow: RankWindow?

    func statement(_ sql: String) throws(SQLError) -> IndexStatement {
        let statement: Statement
        do {
            statement = try db.cachedStatement(sql: sql)
        } catch let error as DatabaseError {
            throw SQLError(code: error.resultCode.rawValue, message: error.message ?? "\(error)")
        } catch {
            throw SQLError(code: 1, message: "\(error)")
        }
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        return IndexStatement(handle: handle, calls: .linked)
    }
}
