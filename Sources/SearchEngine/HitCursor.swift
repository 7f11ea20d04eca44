import FullText
public import SearchCore
import TextAnalysis

/// A hit as the index holds it: the hit, and the rows it comes from (`passages.id`, `files.id`),
/// which SQL can join on.
public struct IndexHit: Sendable {
    public var hit: Hit
    public var passageID: Int64
    public var fileID: Int64
}

/// The hits of a query, best first, read one at a time from an index: the searcher every front
/// end shares (the `search` program through GRDB, the loadable extension's `arfa_search` through
/// its host's SQLite).
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
///
/// Rows are located (file, lines) only as they are examined, and their text is read and
/// highlighted only for the hits handed out: a page of ten costs ten lookups, however many
/// passages match. The cursor holds statements of its connection until `close`.
public final class HitCursor {
    private let options: SearchOptions
    private let expression: String
    private let classifier: MatchClassifier
    private var rows: RankedRows
    private let location: IndexStatement
    private let highlight: IndexStatement
    private var perFile: [Int64: Int] = [:]
    /// Rows that passed the filters, and hits handed out.
    private var passed = 0
    private var handed = 0
    private var isClosed = false

    /// Ranks the matches of `query` on `connection` (the ranking statement runs here; the first
    /// `lengthWindow` rows are scored again) and stands before the first hit of the page
    /// `options` asks for.
    public init(_ query: ParsedQuery, options: SearchOptions, connection: any IndexConnection) throws {
        self.options = options
        expression = query.fullTextExpression
        classifier = MatchClassifier(query: query)
        rows = try Self.rankedRows(query, expression: expression, options: options, connection: connection)
        do {
            location = try connection.statement("""
                SELECT p.file_id, p.start_line, p.end_line, f.path FROM passages p JOIN files f ON f.id = p.file_id
                WHERE p.id = ?1
                """)
            highlight = try connection.statement("""
                SELECT text, \(HitFunction.name)(\(IndexTables.fullText)) FROM \(IndexTables.fullText)
                WHERE \(IndexTables.fullText) MATCH ?1 AND rowid = ?2
                """)
        } catch {
            rows.close()
            throw error
        }
        // Bound once: only the row changes from one hit to the next.
        highlight.bind(1, expression)
    }

    deinit { close() }

    /// The next hit of the page, nil when the page (or the list) ends.
    public func next() throws -> IndexHit? {
        guard !isClosed, options.limit == 0 || handed < options.limit else { return nil }
        while let row = try rows.next() {
            guard let place = try locate(row.id) else { continue }
            passed += 1
            if passed <= options.offset { continue }
            handed += 1
            var text = ""
            var highlights: [Highlight] = []
            if options.highlights {
                (text, highlights) = try highlighted(row.id)
            }
            let hit = Hit(
                rank: options.offset + handed, path: place.path, startLine: place.startLine, endLine: place.endLine,
                score: row.score, text: text, highlights: highlights, fileID: place.fileID)
            return IndexHit(hit: hit, passageID: row.id, fileID: place.fileID)
        }
        return nil
    }

    /// How many rows pass the filters in all: those examined so far and every one after them
    /// (which this reads, locating each).
    public func countAll() throws -> Int {
        while let row = try rows.next() {
            if try locate(row.id) != nil { passed += 1 }
        }
        return passed
    }

    /// Lets go of the connection's statements: a cursor left before its end must be closed
    /// before the connection runs anything else with them (the next query, a commit).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        rows.close()
        location.reset()
        highlight.reset()
    }

    /// How many passages match `query` in all, without ranking them.
    public static func count(_ query: ParsedQuery, connection: any IndexConnection) throws -> Int {
        try connection.firstRow(
            "SELECT count(*) FROM \(IndexTables.fullText) WHERE \(IndexTables.fullText) MATCH ?1",
            bind: { $0.bind(1, query.fullTextExpression) }) { $0.int(0) } ?? 0
    }

    /// Where passage `id` is, if it passes the filters (`options.paths`, `options.perFile`).
    private func locate(_ id: Int64) throws -> (fileID: Int64, startLine: Int, endLine: Int, path: String)? {
        location.bind(1, id)
        defer { location.reset() }
        guard try location.step() else { return nil }
        let fileID = location.int64(0)
        let path = location.text(3)
        if options.filtersRows {
            guard options.paths.matches(path) else { return nil }
            if let most = options.perFile {
                guard perFile[fileID, default: 0] < most else { return nil }
                perFile[fileID, default: 0] += 1
            }
        }
        return (fileID, location.int(1), location.int(2), path)
    }

    /// The text of passage `id` and where the query matched it: read only for the hits shown,
    /// never carried through the sort.
    private func highlighted(_ id: Int64) throws -> (String, [Highlight]) {
        highlight.bind(2, id)
        defer { highlight.reset() }
        guard try highlight.step() else { return ("", []) }
        let text = highlight.text(0)
        return (text, classifier.highlights(PhraseHit.decode(highlight.blob(1)), in: text))
    }

    /// How many of the best rows are scored again with the passage length.
    public static let lengthWindow = 64
    /// How many rows a plain query asks FTS5 for at first, to find the exact forms of a page
    /// among: enough for a spelling that one match in 20 has (ایران among إيران); a rarer one
    /// costs a second query for the rest.
    public static let exactLookahead = 256

    /// The matching rows, best first: a cursor over the FTS5 ranking, its first `lengthWindow`
    /// rows scored again by full BM25, and exact forms counted as `RankedRows` needs them.
    private static func rankedRows(
        _ query: ParsedQuery, expression: String, options: SearchOptions, connection: any IndexConnection
    ) throws -> RankedRows {
        // Exact forms only count for a plain query: a question ranks by how many of its words a
        // passage has, whatever their form.
        let exactForms = try ExactForms(
            literals: query.matchesPartially ? [] : query.scoringClauses.map(\.literal), connection)
        // Filters decide row by row how far to read; otherwise the page's end is known, and so is
        // how far exact forms are likely to be found (`RankedRows` asks for the rest if needed).
        let page = options.offset + options.limit
        let limit = options.filtersRows || options.limit == 0 ? -1
            : exactForms.counts ? max(exactLookahead, 2 * page) : max(lengthWindow, page)
        let collected = connection.rankWindow
        collected?.reset(capacity: lengthWindow)
        defer { collected?.reset(capacity: 0) }
        let statement = try connection.statement(rankingSQL)
        statement.bind(1, expression)
        statement.bind(2, blob: query.rankRoles)
        statement.bind(3, query.matchesPartially ? 1 : 0)
        var ranking = RankingRows(statement, limit: limit)
        do {
            var window: [RankedRow] = []
            while window.count < lengthWindow, let row = try ranking.next() {
                window.append(row)
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
            return RankedRows(window: window, rows: ranking, exactForms: exactForms)
        } catch {
            ranking.close()
            throw error
        }
    }

    /// The words of a passage, counted as runs of bytes other than ASCII spaces and punctuation:
    /// close to the tokens FTS5 counted, which is all BM25's length normalisation needs.
    public static func wordCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
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
        SELECT rowid, \(RankFunction.name)(\(IndexTables.fullText), ?2, ?3) AS rank
        FROM \(IndexTables.fullText) WHERE \(IndexTables.fullText) MATCH ?1
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

    /// A row of `HitCursor.rankingSQL`: its rowid and its rank (tier and score).
    init(id: Int64, rank: Double) {
        self.id = id
        (tier, score) = Ranking.split(rank)
    }
}
