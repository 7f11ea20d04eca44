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
    /// BM25 relevance; higher is better.
    public var score: Double
    /// The passage as it appears in the file.
    public var text: String
    /// Where the query matched, in order.
    public var highlights: [Highlight]
}

/// Runs parsed queries against an index and hands the hits, best first, to a sink.
///
/// Ranking, from the first key to the last:
/// - for a question: how many of its meaningful clauses the passage has, then BM25;
/// - otherwise: how many clauses match in their folded surface form (not only through a stem),
///   then how many occur exactly as typed, then BM25.
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
            let (query, corrections) = try Self.read(query, options: options, db)
            corrections.forEach(corrected)
            var arguments = Self.rankingArguments(for: query, limit: options.filtersRows ? 0 : options.limit)
            _ = arguments.append(contentsOf: ["offset": options.filtersRows ? 0 : options.offset])
            let ranked = try Row.fetchCursor(db, sql: Self.rankingSQL(for: query), arguments: arguments)
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
            while let row = try ranked.next() {
                guard let place = try Row.fetchOne(location, arguments: [row["id"]]) else { continue }
                if options.filtersRows {
                    let path: String = place["path"]
                    guard options.paths.matches(path) else { continue }
                    let fileID: Int64 = place["file_id"]
                    if let most = options.perFile {
                        guard perFile[fileID, default: 0] < most else { continue }
                        perFile[fileID, default: 0] += 1
                    }
                    if skipped < options.offset {
                        skipped += 1
                        continue
                    }
                }
                // The text is read only for the passages shown, not carried through the sort.
                var text = ""
                var highlights: [Highlight] = []
                if options.highlights,
                   let marked = try String.fetchOne(highlight, arguments: [query.fullTextExpression, row["id"]]) {
                    (text, highlights) = Self.removeMarkers(marked)
                    classifier.classify(&highlights, in: text)
                }
                rank += 1
                try sink(Hit(
                    rank: options.offset + rank, path: place["path"], startLine: place["start_line"],
                    endLine: place["end_line"], score: row["score"], text: text, highlights: highlights))
                if options.filtersRows, options.limit > 0, rank >= options.limit { break }
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

    static func rankingSQL(for query: ParsedQuery) -> String {
        let fts = Schema.ftsTable
        let clauses = query.scoringClauses
        func matches(_ parameter: String) -> String {
            "(\(fts).rowid IN (SELECT rowid FROM \(fts) WHERE \(fts) MATCH :\(parameter)))"
        }
        let key: String
        if query.matchesPartially {
            key = clauses.indices.map { matches("clause\($0)") }.joined(separator: " + ")
        } else {
            // One surface lookup per clause gives both keys: a clause matched in surface form
            // counts `weight`, plus 1 if exactly as typed. As exact ≤ folded ≤ clauses < weight,
            // ordering by the sum orders by folded count, then exact count.
            let weight = clauses.count + 1
            key = clauses.indices.map { index in
                "(CASE WHEN \(matches("surface\(index)")) THEN \(weight) + \(ExactWordFunction.name)(\(fts).text, :literal\(index)) ELSE 0 END)"
            }.joined(separator: " + ")
        }
        return """
            SELECT \(fts).rowid AS id, -bm25(\(fts)) AS score, \(key) AS tier
            FROM \(fts) WHERE \(fts) MATCH :expression
            ORDER BY tier DESC, score DESC
            LIMIT :limit OFFSET :offset
            """
    }

    static func rankingArguments(for query: ParsedQuery, limit: Int) -> StatementArguments {
        var values: [String: (any DatabaseValueConvertible)?] = [
            "expression": query.fullTextExpression,
            "limit": limit > 0 ? limit : -1,
        ]
        for (index, clause) in query.scoringClauses.enumerated() {
            if query.matchesPartially {
                values["clause\(index)"] = clause.broadExpression
            } else {
                values["surface\(index)"] = clause.surfaceExpression
                values["literal\(index)"] = clause.literal
            }
        }
        return StatementArguments(values)
    }

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
