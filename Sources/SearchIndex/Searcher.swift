import Foundation
import FullText
import GRDB
public import SearchCore
import TextAnalysis

/// Runs parsed queries against an index: one page of hits as a `SearchResult`, or every hit in
/// turn (`forEachHit`).
///
/// Ranking, from the first key to the last:
/// - for a question: whether the passage has every meaningful clause, then the score;
/// - otherwise: how many clauses match in their folded surface form (not only through a stem),
///   then how many occur exactly as typed, then the score.
/// The score is BM25 with each clause scored as one term over all its forms, times the share
/// of the query's IDF the passage covers (see `Ranking`).
///
/// Every matching row is ranked by `arfa_rank` from the phrase hits FTS5 holds for it (tier,
/// and the score without length normalisation). The best `lengthWindow` rows are then scored
/// again with BM25's passage length, and exact forms are counted in the passage text, for as
/// many rows as it takes to put every exact row of a tier before the others (`RankedRows`).
/// A row is never fetched from another table just to be ranked, beyond those.
public struct Searcher: Sendable {
    private let store: IndexStore

    public init(store: IndexStore) {
        self.store = store
    }

    /// The query as the index reads it: compounds read from its vocabulary, attached conjunctions
    /// read off, typos corrected (what `--explain` shows).
    public func understand(_ query: ParsedQuery, options: SearchOptions) throws(IndexError) -> UnderstoodQuery {
        try store.read { db in try Self.read(query, options: options, db) }
    }

    /// One page of the passages matching `query`, best first, filtered and paged by `options`
    /// (`limit` 0: every match, all in memory: see `forEachHit` for listings of any length).
    public func search(_ query: ParsedQuery, options: SearchOptions) throws(IndexError) -> SearchResult {
        try store.read { db in try Self.page(try Self.read(query, options: options, db), options: options, store: store, db) }
    }

    /// One page of a query already read by `understand`, without reading it again.
    public func search(_ understood: UnderstoodQuery, options: SearchOptions) throws(IndexError) -> SearchResult {
        try store.read { db in try Self.page(understood, options: options, store: store, db) }
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
            _ = try Self.walk(understood.query, options: options, store: store, db) { hit in
                handed += 1
                do {
                    return try body(hit)
                } catch {
                    bodyError = error
                    return false
                }
            }
        }
        if let bodyError { throw bodyError }
        return handed
    }

    private static func page(
        _ understood: UnderstoodQuery, options: SearchOptions, store: IndexStore, _ db: Database
    ) throws -> SearchResult {
        var hits: [Hit] = []
        var total = try walk(understood.query, options: options, store: store, db) { hit in
            hits.append(hit)
            return true
        }
        if options.countsTotal && !options.filtersRows {
            total = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM \(Schema.ftsTable) WHERE \(Schema.ftsTable) MATCH ?",
                arguments: [understood.query.fullTextExpression])
        }
        return SearchResult(understood: understood, hits: hits, total: options.countsTotal ? total : nil)
    }

    /// Ranks the matches of `query` and hands the page `options` asks for to `body` (false: stop).
    /// Returns how many rows passed the filters when `options.countsTotal` and filters made it
    /// read every row, else nil.
    private static func walk(
        _ query: ParsedQuery, options: SearchOptions, store: IndexStore, _ db: Database, _ body: (Hit) throws -> Bool
    ) throws -> Int? {
        // A search that may read every match (all of them, or filtered row by row) reads the
        // index through SQLite's page cache: every page of a memory map it touched would count
        // as this process's memory, up to the size of the index.
        let readsEveryMatch = options.limit == 0 || options.filtersRows
        if readsEveryMatch { try db.execute(sql: "PRAGMA mmap_size = 0") }
        defer { if readsEveryMatch { try? db.execute(sql: "PRAGMA mmap_size = \(IndexStore.mapBytes)") } }
        let expression = query.fullTextExpression
        let window = store.fullText.state(of: db)?.rankWindow
        var rows = try rankedRows(query, expression: expression, options: options, window: window, db)
        let classifier = MatchClassifier(query: query)
        let highlight = try db.cachedStatement(sql: """
            SELECT text, \(HitFunction.name)(\(Schema.ftsTable)) FROM \(Schema.ftsTable)
            WHERE \(Schema.ftsTable) MATCH ? AND rowid = ?
            """)
        // Where a passage is: looked up only for the ranked rows examined (the shown ones,
        // unless filters must look further), never joined into the sort of every match.
        let location = try db.cachedStatement(sql: """
            SELECT p.file_id, p.start_line, p.end_line, f.path FROM passages p JOIN files f ON f.id = p.file_id
            WHERE p.id = ?
            """)
        let countsAll = options.countsTotal && options.filtersRows
        var perFile: [Int64: Int] = [:]
        var passed = 0
        var handed = 0
        var stopped = false
        while let row = try rows.next() {
            guard let place = try Row.fetchOne(location, arguments: [row.id]) else { continue }
            if options.filtersRows {
                let path: String = place["path"]
                guard options.paths.matches(path) else { continue }
                let fileID: Int64 = place["file_id"]
                if let most = options.perFile {
                    guard perFile[fileID, default: 0] < most else { continue }
                    perFile[fileID, default: 0] += 1
                }
            }
            passed += 1
            if stopped || passed <= options.offset { continue }
            // The text is read only for the passages shown, not carried through the sort.
            var text = ""
            var highlights: [Highlight] = []
            if options.highlights, let found = try Row.fetchOne(highlight, arguments: [expression, row.id]) {
                text = found[0]
                let hits: Data? = found[1]
                highlights = classifier.highlights(hits?.withUnsafeBytes(PhraseHit.decode) ?? [], in: text)
            }
            handed += 1
            let hit = Hit(
                rank: options.offset + handed, path: place["path"], startLine: place["start_line"],
                endLine: place["end_line"], score: row.score, text: text, highlights: highlights,
                fileID: place["file_id"])
            stopped = try !body(hit) || (options.limit > 0 && handed >= options.limit)
            if stopped && !countsAll { break }
        }
        return countsAll ? passed : nil
    }

    private static func read(_ query: ParsedQuery, options: SearchOptions, _ db: Database) throws -> UnderstoodQuery {
        let (corrected, corrections) = try TypoReader(db: db).read(
            try CompoundReader(db: db).read(query), tolerance: options.typos)
        let (read, kept) = try ConjunctionReader(db: db).read(corrected, corrections: corrections)
        return UnderstoodQuery(query: read, corrections: kept)
    }

    /// How many of the best rows are scored again with the passage length.
    static let lengthWindow = 64
    /// How many rows a plain query asks FTS5 for at first, to find the exact forms of a page
    /// among: enough for a spelling that one match in 20 has (ایران among إيران); a rarer one
    /// costs a second query for the rest.
    static let exactLookahead = 256

    /// The matching rows, best first: a cursor over the FTS5 ranking, its first `lengthWindow`
    /// rows scored again by full BM25, and exact forms counted as `RankedRows` needs them.
    private static func rankedRows(
        _ query: ParsedQuery, expression: String, options: SearchOptions, window collected: RankWindow?, _ db: Database
    ) throws -> RankedRows {
        // Exact forms only count for a plain query: a question ranks by how many of its words a
        // passage has, whatever their form.
        let exactForms = try ExactForms(
            literals: query.matchesPartially ? [] : query.scoringClauses.map(\.literal), db)
        // Filters decide row by row how far to read; otherwise the page's end is known, and so is
        // how far exact forms are likely to be found (`RankedRows` asks for the rest if needed).
        let page = options.offset + options.limit
        let limit = options.filtersRows || options.limit == 0 ? -1
            : exactForms.counts ? max(exactLookahead, 2 * page) : max(lengthWindow, page)
        collected?.reset(capacity: lengthWindow)
        defer { collected?.reset(capacity: 0) }
        let arguments: StatementArguments = [
            expression, Data(query.rankRoles), query.matchesPartially ? 1 : 0,
        ]
        let cursor = try Row.fetchCursor(db, sql: rankingSQL, arguments: arguments + [limit, 0])
        let rest = limit < 0 ? nil : { () throws -> RowCursor in
            try Row.fetchCursor(db, sql: rankingSQL, arguments: arguments + [-1, limit])
        }
        var window: [RankedRow] = []
        while window.count < lengthWindow, let row = try cursor.next() {
            window.append(RankedRow(row))
        }
        for index in window.indices {
            try exactForms.read(window[index].id) { text in
                window[index].exactCount = exactForms.count(in: text)
                if let score = collected?.score(of: window[index].id, length: Self.wordCount(text)) {
                    window[index].score = score
                }
            }
            window[index].isScoredWithLength = true
        }
        return RankedRows(window: window, rows: cursor, limit: limit, rest: rest, exactForms: exactForms)
    }

    /// The words of a passage, counted as runs of bytes other than ASCII spaces and punctuation:
    /// close to the tokens FTS5 counted, which is all BM25's length normalisation needs.
    static func wordCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        for byte in text {
            let lower: UInt8 = byte | 0x20
            let isWordByte = byte >= 0x80 || (0x30...0x39).contains(byte) || (0x61...0x7A).contains(lower)
            if isWordByte && !inWord { count += 1 }
            inWord = isWordByte
        }
        return count
    }

    /// Ranks by tier, then score, both computed by `arfa_rank` from the row's phrase hits; rows
    /// that rank alike keep their rowid order, so that a query for the rows past the first ones
    /// (`OFFSET`) continues exactly where they ended.
    static let rankingSQL = """
        SELECT rowid, \(RankFunction.name)(\(Schema.ftsTable), ?2, ?3) AS rank
        FROM \(Schema.ftsTable) WHERE \(Schema.ftsTable) MATCH ?1
        ORDER BY rank DESC, rowid
        LIMIT ?4 OFFSET ?5
        """
}

/// One ranked row, before it is located and highlighted.
struct RankedRow {
    var id: Int64
    var score: Double
    var tier: Int
    var exactCount = 0
    /// Whether `score` is full BM25, with the passage length (the best rows only).
    var isScoredWithLength = false
    /// Its place in FTS5's order.
    var order = 0

    /// A row of `rankingSQL`.
    init(_ row: Row) {
        id = row[0]
        (tier, score) = Ranking.split(row[1])
    }
}
