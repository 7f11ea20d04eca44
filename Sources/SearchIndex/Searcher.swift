import GRDB

/// A range of a hit's text that matched the query.
public struct Highlight: Equatable, Sendable {
    /// UTF-8 byte offsets into the passage text, half-open.
    public var byteStart: Int
    public var byteEnd: Int
    /// Unicode scalar offsets into the passage text, half-open (what Python's str indexes count).
    public var scalarStart: Int
    public var scalarEnd: Int
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
        try store.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT m.highlighted, m.score, p.start_line, p.end_line, f.path
                FROM (
                    SELECT rowid AS id, -bm25(\(Schema.ftsTable)) AS score,
                           highlight(\(Schema.ftsTable), 0, char(1), char(2)) AS highlighted
                    FROM \(Schema.ftsTable) WHERE \(Schema.ftsTable) MATCH ?
                    ORDER BY rank LIMIT ?
                ) AS m
                JOIN passages p ON p.id = m.id
                JOIN files f ON f.id = p.file_id
                ORDER BY m.score DESC
                """, arguments: [query.fullTextExpression, limit > 0 ? limit : -1])
            var rank = 0
            while let row = try rows.next() {
                rank += 1
                let (text, highlights) = Self.removeMarkers(row["highlighted"])
                try sink(Hit(
                    rank: rank, path: row["path"], startLine: row["start_line"], endLine: row["end_line"],
                    score: row["score"], text: text, highlights: highlights))
            }
            return rank
        }
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
