import GRDB
import SearchCore

/// Whether the index holds a term (a folded word, or a stem behind its marker).
///
/// Asked of FTS5 as a one-row MATCH, which reads the start of the term's doclist; fts5vocab
/// would count the whole doclist first, which for a common word is most of the index.
enum IndexedTerm {
    static func exists(_ term: String, _ db: Database) throws -> Bool {
        let statement = try db.cachedStatement(
            sql: "SELECT 1 FROM \(Schema.ftsTable) WHERE \(Schema.ftsTable) MATCH ? LIMIT 1")
        return try Bool.fetchOne(statement, arguments: [ParsedQuery.Clause.quoted(term)]) ?? false
    }
}
