public import TextAnalysis

/// The tables of a `search` index that searching reads, by name (the schema itself, and how
/// each table is written, are `SearchIndex.Schema`'s).
public enum IndexTables {
    /// The FTS5 index of the passages' text (external content: `passages`, tokenizer `arfa`).
    public static let fullText = "passages_fts"
    /// FTS5's own vocabulary of `fullText` (an `fts5vocab` table): every term and its passages.
    public static let vocabulary = "passages_vocab"
    /// The surface words with their passage counts, filed by typo skeleton.
    public static let words = "words"
    /// Key/value facts about the index.
    public static let meta = "meta"
    /// The key in `meta` of the analysis version the index was built with.
    public static let analysisVersionKey = "analysis_version"

    /// Whether `name` is a table of the connection's main database.
    static func exists(_ name: String, _ connection: any IndexConnection) throws -> Bool {
        try connection.firstRow(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", bind: { $0.bind(1, name) }) { _ in true }
            ?? false
    }
}

/// Whether a database is a `search` index whose terms this analysis can read.
public enum IndexCompatibility: Equatable, Sendable {
    /// An index of the current analysis version.
    case current
    /// An index built by another analysis version: its terms are not this analysis's.
    case otherAnalysis(stored: Int)
    /// Not a `search` index (no `meta` or no full-text table).
    case notAnIndex

    /// What the connection's main database is.
    public static func of(_ connection: any IndexConnection) throws -> IndexCompatibility {
        guard try IndexTables.exists(IndexTables.meta, connection),
              try IndexTables.exists(IndexTables.fullText, connection) else { return .notAnIndex }
        let stored = try connection.firstRow(
            "SELECT value FROM \(IndexTables.meta) WHERE key = ?1", bind: { $0.bind(1, IndexTables.analysisVersionKey) }
        ) { Int($0.text(0)) ?? 0 } ?? 0
        return stored == AnalysisVersion.current ? .current : .otherAnalysis(stored: stored)
    }

    /// What a user is told about an index of another analysis version, and how to rebuild it.
    public static func mismatchMessage(path: String, stored: Int, current: Int = AnalysisVersion.current) -> String {
        "index \(path) was built by text analysis version \(stored), this search uses version \(current): "
            + "run `search index --full --index \(path)` to rebuild it"
    }
}
