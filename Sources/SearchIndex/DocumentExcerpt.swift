import GRDB

/// A stretch of one indexed file's passages, read from the index alone (never from the file):
/// what the server shows around a hit.
public struct DocumentExcerpt: Sendable, Equatable {
    /// One passage, as the index holds it.
    public struct Passage: Sendable, Equatable {
        /// Its place in the file: 0 for the first passage.
        public var ordinal: Int
        public var startLine: Int
        public var endLine: Int
        public var text: String
    }

    /// The file's path in the index.
    public var path: String
    /// How many passages the file has in all.
    public var passageCount: Int
    /// The passages shown, in file order.
    public var passages: [Passage]
    /// The ordinals of the passages that hold the line asked for (several when one long line
    /// was cut into passages).
    public var focus: ClosedRange<Int>
}

extension IndexStore {
    /// The passages of the indexed file at `path` that hold `line`, with up to `context`
    /// passages on either side; nil when the index has no such file, or no passage at that line.
    ///
    /// `path` is a key looked up in the index, exactly as indexed (an absolute, resolved path):
    /// nothing is read from the file system, so no path given here can open a file.
    public func excerpt(ofFileAt path: String, line: Int, context: Int) throws(IndexError) -> DocumentExcerpt? {
        try read { db in
            guard let fileID = try Int64.fetchOne(db, sql: "SELECT id FROM files WHERE path = ?", arguments: [path]) else {
                return nil
            }
            // Lines only, for the whole file: the text is read for the passages shown.
            let places = try Row.fetchAll(
                db, sql: "SELECT id, start_line, end_line FROM passages WHERE file_id = ? ORDER BY start_line, id",
                arguments: [fileID])
            let holding = places.indices.filter { places[$0]["start_line"] <= line && line <= places[$0]["end_line"] }
            guard let first = holding.first, let last = holding.last else { return nil }
            let shown = max(0, first - context)...min(places.count - 1, last + context)
            let text = try db.cachedStatement(sql: "SELECT text FROM passages WHERE id = ?")
            let passages = try shown.map { ordinal in
                let place = places[ordinal]
                return DocumentExcerpt.Passage(
                    ordinal: ordinal, startLine: place["start_line"], endLine: place["end_line"],
                    text: try String.fetchOne(text, arguments: [place["id"] as Int64]) ?? "")
            }
            return DocumentExcerpt(path: path, passageCount: places.count, passages: passages, focus: first...last)
        }
    }
}
