/// The plain FTS5 query the `unicode61` baseline answers in place of our engine's: the same
/// top 10 passages by bm25 with their file, line and highlighted text.
enum BaselineQuery {
    static func sql(match: String) -> String {
        """
        SELECT p.id, f.path, p.start_line, highlight(passages_fts, 0, char(1), char(2)) \
        FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid JOIN files f ON f.id = p.file_id \
        WHERE passages_fts MATCH \(match) ORDER BY rank LIMIT 10
        """
    }

    /// With the MATCH expression as a parameter, for a prepared statement.
    static let parameterizedSQL = sql(match: "?")

    /// With the MATCH expression inlined as an SQL string literal, for the sqlite3 shell.
    static func inlinedSQL(match: String) -> String {
        sql(match: "'" + match.replacingOccurrences(of: "'", with: "''") + "'")
    }

    /// The FTS5 expression of a query: each word as a quoted string, all required (AND) for a
    /// word query, any (OR) for a question — our engine matches questions partially, and an AND
    /// of five words would leave the baseline nearly nothing to find.
    static func matchExpression(for query: String, kind: QueryKind) -> String {
        let words = query.replacingOccurrences(of: "؟", with: " ").replacingOccurrences(of: "?", with: " ")
            .split(whereSeparator: \.isWhitespace)
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return words.joined(separator: kind == .question ? " OR " : " ")
    }
}

enum QueryKind: String, Codable, CaseIterable {
    case word
    case question
}
