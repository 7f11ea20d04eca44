/// What ranking reads from a full-text index while it ranks the rows of one query: the few
/// figures FTS5's extension API gives an auxiliary function (`xRowCount`, `xColumnTotalSize`,
/// `xPhraseCount`, `xQueryPhrase`, `xPhraseFirst`/`xPhraseNext`, `xRowid`).
///
/// FTS5 supplies it in `arfa_rank`; tests supply a table of their own, so the ranking math is
/// checked without SQLite.
public protocol PhraseStatistics {
    /// The rows of the table.
    var rowCount: Int { get }
    /// The tokens of the text column, over all rows (colocated terms not counted).
    var tokenCount: Int { get }
    /// The phrases of the MATCH expression.
    var phraseCount: Int { get }
    /// How many rows `phrase` alone matches.
    func rowCount(matching phrase: Int) -> Int
    /// The current row's id.
    var rowid: Int64 { get }
    /// How many times `phrase` occurs in the current row.
    func hitCount(of phrase: Int) -> Int
}
