import GRDB
import SearchCore
import SearchIndex

/// An index queried inside this process, opened once for the whole query set.
protocol InProcessEngine {
    /// Answers `query` as a user of the engine would get it (top 10 with highlights) and
    /// returns how many hits there were.
    func hitCount(for query: String, kind: QueryKind) throws -> Int
}

/// Our engine through its public API, as `search QUERY` uses it: parsing is part of the work.
struct OurEngine: InProcessEngine {
    private let searcher: Searcher
    private let parser = QueryParser()

    init(indexPath: String) throws(IndexError) {
        searcher = Searcher(store: try IndexStore.openForSearching(at: indexPath))
    }

    func hitCount(for query: String, kind: QueryKind) throws -> Int {
        try searcher.search(try parser.parse(query), options: SearchOptions()).hits.count
    }
}

/// The `unicode61` index through one cached FTS5 statement: the fastest plain FTS5 can do.
struct BaselineEngine: InProcessEngine {
    private let database: DatabaseQueue

    init(indexPath: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        database = try DatabaseQueue(path: indexPath, configuration: configuration)
    }

    private struct Hit {
        var id: Int64
        var path: String
        var startLine: Int
        var highlighted: String?
    }

    func hitCount(for query: String, kind: QueryKind) throws -> Int {
        let match = BaselineQuery.matchExpression(for: query, kind: kind)
        return try database.read { db in
            let statement = try db.cachedStatement(sql: BaselineQuery.parameterizedSQL)
            let rows = try Row.fetchCursor(statement, arguments: [match])
            var hits = 0
            while let row = try rows.next() {
                // Every column is read, as our engine builds every hit it returns.
                _ = Hit(id: row[0], path: row[1], startLine: row[2], highlighted: row[3])
                hits += 1
            }
            return hits
        }
    }
}
