import SearchCore

/// Whether the index holds a term (a folded word, or a stem behind its marker).
///
/// Asked of FTS5 as a one-row MATCH, which reads the start of the term's doclist; fts5vocab
/// would count the whole doclist first, which for a common word is most of the index.
enum IndexedTerm {
    static func exists(_ term: String, _ connection: any IndexConnection) throws -> Bool {
        try matches(ParsedQuery.Clause.quoted(term), connection)
    }

    /// Whether a MATCH expression finds any passage.
    static func matches(_ expression: String, _ connection: any IndexConnection) throws -> Bool {
        try connection.firstRow(
            "SELECT 1 FROM \(IndexTables.fullText) WHERE \(IndexTables.fullText) MATCH ?1 LIMIT 1",
            bind: { $0.bind(1, expression) }) { _ in true } ?? false
    }
}
