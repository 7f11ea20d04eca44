import Foundation
import GRDB
import TextAnalysis

/// How a highlighted word matched its query word.
public enum MatchKind: String, Equatable, Sendable {
    /// Exactly as typed, marks and all.
    case exact
    /// The same word after folding (hamza, yeh, kaf, teh marbuta, harakat, ZWNJ, digits …).
    case folded
    /// Another form of the word: clitics or affixes differ (والكتاب for كتاب).
    case stem
    /// A word that starts with a `word*` prefix.
    case prefix
    /// A close spelling of a word that matched nothing as typed (typo tolerance).
    case fuzzy
}

/// A range of a hit's text that matched the query.
public struct Highlight: Equatable, Sendable {
    /// UTF-8 byte offsets into the passage text, half-open.
    public var byteStart: Int
    public var byteEnd: Int
    /// Unicode scalar offsets into the passage text, half-open (what Python's str indexes count).
    public var scalarStart: Int
    public var scalarEnd: Int
    /// How the highlighted text matched.
    public var kind: MatchKind = .folded
    /// The query word or phrase (as typed) that it matched, when that can be told.
    public var queryWord: String?
}

/// One matching passage.
public struct Hit: Equatable, Sendable {
    /// 1-based rank in the result list.
    public var rank: Int
    /// Absolute path of the file.
    public var path: String
    /// First and last line of the passage in the file (1-based, inclusive).
    public var startLine: Int
    public var endLine: Int
    /// Relevance: BM25 times the share of the query's IDF the passage covers; higher is better.
    public var score: Double
    /// The passage as it appears in the file.
    public var text: String
    /// Where the query matched, in order.
    public var highlights: [Highlight]
    /// The file's row in the index: the same for every passage of the file.
    public var fileID: Int64 = 0
}

/// Runs parsed queries against an index and hands the hits, best first, to a sink.
///
/// Ranking, from the first key to the last:
/// - for a question: whether the passage has every meaningful clause, then the score;
/// - otherwise: how many clauses match in their folded surface form (not only through a stem),
///   then how many occur exactly as typed, then the score.
/// The score is BM25 with each clause scored as one term over all its forms, times the share
/// of the query's IDF the passage covers (see `RankFunction`).
///
/// Every matching row is ranked by `arfa_rank` from the phrase hits FTS5 holds for it (tier,
/// and the score without length normalisation); then the best `exactWindow` rows, the only ones
/// whose passage text is read, are ranked again with exact forms and BM25's passage length.
/// A row is never fetched from another table just to be ranked.
public struct Searcher: Sendable {
    private let store: IndexStore

    /// Markers that `highlight()` puts around each match. `DocumentDecoder` turns control
    /// characters into spaces, so stored text never contains them.
    static let openMarker: UInt8 = 0x01
    static let closeMarker: UInt8 = 0x02

    public init(store: IndexStore) {
        self.store = store
    }

    /// Finds the passages matching `query`, best first; `limit` 0 means every match.
    /// Returns the number of hits given to `sink`.
    @discardableResult
    public func search(_ query: ParsedQuery, limit: Int, sink: (Hit) throws -> Void) throws(IndexError) -> Int {
        var options = SearchOptions()
        options.limit = limit
        return try search(query, options: options, sink: sink)
    }

    /// Finds the passages matching `query`, best first, filtered and paged by `options`.
    @discardableResult
    public func search(
        _ query: ParsedQuery, options: SearchOptions, corrected: (TypoCorrection) -> Void = { _ in },
        sink: (Hit) throws -> Void
    ) throws(IndexError) -> Int {
        try store.read { db in
            // A search that may read every match (all of them, or filtered row by row) reads the
            // index through SQLite's page cache: every page of a memory map it touched would count
            // as this process's memory, up to the size of the index.
            let readsEveryMatch = options.limit == 0 || options.filtersRows
            if readsEveryMatch { try db.execute(sql: "PRAGMA mmap_size = 0") }
            defer { if readsEveryMatch { try? db.execute(sql: "PRAGMA mmap_size = \(IndexStore.mapBytes)") } }
            let (query, corrections) = try Self.read(query, options: options, db)
            corrections.forEach(corrected)
            let expression = query.fullTextExpression
            var rows = try Self.rankedRows(query, expression: expression, options: options, db)
            let classifier = MatchClassifier(query: query)
            let highlight = try db.cachedStatement(sql: """
                SELECT highlight(\(Schema.ftsTable), 0, char(1), char(2)) FROM \(Schema.ftsTable)
                WHERE \(Schema.ftsTable) MATCH ? AND rowid = ?
                """)
            // Where a passage is: looked up only for the ranked rows examined (the shown ones,
            // unless filters must look further), never joined into the sort of every match.
            let location = try db.cachedStatement(sql: """
                SELECT p.file_id, p.start_line, p.end_line, f.path FROM passages p JOIN files f ON f.id = p.file_id
                WHERE p.id = ?
                """)
            var perFile: [Int64: Int] = [:]
            var skipped = 0
            var rank = 0
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
                if skipped < options.offset {
                    skipped += 1
                    continue
                }
                // The text is read only for the passages shown, not carried through the sort.
                var text = ""
                var highlights: [Highlight] = []
                if options.highlights,
                   let marked = try String.fetchOne(highlight, arguments: [expression, row.id]) {
                    (text, highlights) = Self.removeMarkers(marked)
                    classifier.classify(&highlights, in: text)
                }
                rank += 1
                try sink(Hit(
                    rank: options.offset + rank, path: place["path"], startLine: place["start_line"],
                    endLine: place["end_line"], score: row.score, text: text, highlights: highlights,
                    fileID: place["file_id"]))
                if options.limit > 0, rank >= options.limit { break }
            }
            return rank
        }
    }

    /// The query as it will be run: compounds read from the index vocabulary, typos corrected.
    /// (`--explain` shows this.)
    public func understand(_ query: ParsedQuery, options: SearchOptions) throws(IndexError)
        -> (query: ParsedQuery, corrections: [TypoCorrection])
    {
        try store.read { db in try Self.read(query, options: options, db) }
    }

    private static func read(_ query: ParsedQuery, options: SearchOptions, _ db: Database) throws
        -> (ParsedQuery, [TypoCorrection])
    {
        try TypoReader(db: db).read(try CompoundReader(db: db).read(query), tolerance: options.typos)
    }

    /// How many of the best rows are ranked again with exact forms and passage length.
    static let exactWindow = 64

    /// The matching rows, best first: a cursor over the FTS5 ranking, with its first
    /// `exactWindow` rows ranked again by exact forms and full BM25.
    private static func rankedRows(
        _ query: ParsedQuery, expression: String, options: SearchOptions, _ db: Database
    ) throws -> RankedRows {
        // Filters decide row by row how far to read; otherwise the page's end is known.
        let limit = options.filtersRows || options.limit == 0 ? -1 : max(exactWindow, options.offset + options.limit)
        let collected = RankWindow.of(db)
        collected?.reset(capacity: exactWindow)
        defer { collected?.reset(capacity: 0) }
        let cursor = try Row.fetchCursor(db, sql: rankingSQL, arguments: [
            expression, Data(RankFunction.roles(of: query)), query.matchesPartially ? 1 : 0, limit,
        ])
        var window: [RankedRow] = []
        while window.count < exactWindow, let row = try cursor.next() {
            window.append(RankedRow(row))
        }
        // Exact forms only count for a plain query: a question ranks by how many of its words a
        // passage has, whatever their form.
        let literals = query.matchesPartially ? [] : query.scoringClauses.map { Array($0.literal.utf8) }
        let passageText = try db.cachedStatement(sql: "SELECT text FROM passages WHERE id = ?")
        let occurrence = WordOccurrence()
        for index in window.indices {
            guard let row = try Row.fetchOne(passageText, arguments: [window[index].id]) else { continue }
            try row.withUnsafeData(atIndex: 0) { data in
                guard let data else { return }
                data.withUnsafeBytes { raw in
                    let text = raw.bindMemory(to: UInt8.self)
                    window[index].exactCount = literals.count { literal in
                        literal.withUnsafeBufferPointer { occurrence.occurs($0, in: text) }
                    }
                    if let score = collected?.score(of: window[index].id, length: Self.wordCount(text)) {
                        window[index].score = score
                    }
                }
            }
        }
        window.sort { ($0.tier, $0.exactCount, $0.score) > ($1.tier, $1.exactCount, $1.score) }
        return RankedRows(window: window, rest: cursor)
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

    /// Ranks by tier, then score, both computed by `arfa_rank` from the row's phrase hits.
    static let rankingSQL = """
        SELECT rowid, \(RankFunction.name)(\(Schema.ftsTable), ?2, ?3) AS rank
        FROM \(Schema.ftsTable) WHERE \(Schema.ftsTable) MATCH ?1
        ORDER BY rank DESC
        LIMIT ?4
        """

    /// Splits FTS5 `highlight()` output into the original text and the marked ranges.
    static func removeMarkers(_ marked: String) -> (String, [Highlight]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(marked.utf8.count)
        var highlights: [Highlight] = []
        var scalarCount = 0
        var open: (byte: Int, scalar: Int)?
        for byte in marked.utf8 {
            switch byte {
            case openMarker:
                open = (bytes.count, scalarCount)
            case closeMarker:
                if let start = open {
                    highlights.append(Highlight(
                        byteStart: start.byte, byteEnd: bytes.count, scalarStart: start.scalar, scalarEnd: scalarCount))
                }
                open = nil
            default:
                bytes.append(byte)
                // Every byte except a UTF-8 continuation byte starts a scalar.
                if byte & 0xC0 != 0x80 { scalarCount += 1 }
            }
        }
        return (String(decoding: bytes, as: UTF8.self), highlights)
    }
}

/// One ranked row, before it is located and highlighted.
struct RankedRow {
    var id: Int64
    var score: Double
    var tier: Int
    var exactCount = 0

    /// A row of `rankingSQL`.
    init(_ row: Row) {
        id = row[0]
        (tier, score) = RankFunction.split(row[1])
    }
}

/// The rows of a ranking: the reordered window, then the rest of the cursor.
struct RankedRows {
    private let window: [RankedRow]
    private var position = 0
    private let rest: RowCursor

    init(window: [RankedRow], rest: RowCursor) {
        self.window = window
        self.rest = rest
    }

    mutating func next() throws -> RankedRow? {
        if position < window.count {
            position += 1
            return window[position - 1]
        }
        guard let row = try rest.next() else { return nil }
        return RankedRow(row)
    }
}

