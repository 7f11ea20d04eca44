import GRDB
import GRDBSQLite

/// The FTS5 auxiliary function `arfa_tier(passages_fts, roles, counts_any)`: how many of a
/// query's clauses the current row matches, read from the phrase hits FTS5 already holds for
/// the row, so ranking never reads passage text or runs a subquery per clause.
///
/// - `roles`: one byte per phrase of the MATCH expression, in FTS5's order:
///   `clause << 1 | isSurface` (see `PhraseRole`).
/// - `counts_any` 0: count the clauses matched in their folded surface form (a plain query's
///   tier); 1: count the clauses matched in any form (a question's tier).
enum TierFunction {
    static let name = "arfa_tier"
    /// Clauses are counted in a 64-bit mask; a clause beyond this still matches, unranked.
    static let maximumClauses = 64

    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, arfaTier, nil)
    }

    /// The roles argument for `query`.
    static func roles(of query: ParsedQuery) -> [UInt8] {
        query.phraseRoles.map { role in
            role.clause < maximumClauses ? UInt8(role.clause << 1) | (role.isSurface ? 1 : 0) : 0xFF
        }
    }
}

private func arfaTier(
    api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
    valueCount: Int32, values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api = api?.pointee, let values, valueCount == 2,
          let xPhraseCount = api.xPhraseCount, let xPhraseFirst = api.xPhraseFirst else {
        sqlite3_result_error(context, "arfa_tier(fts, roles, counts_any) expects two arguments", -1)
        return
    }
    let roleCount = Int(sqlite3_value_bytes(values[0]))
    guard roleCount > 0, let roles = sqlite3_value_blob(values[0])?.assumingMemoryBound(to: UInt8.self) else {
        sqlite3_result_int(context, 0)
        return
    }
    let countsAny = sqlite3_value_int(values[1]) != 0
    let phraseCount = min(Int(xPhraseCount(fts)), roleCount)
    var matched: UInt64 = 0
    for phrase in 0..<phraseCount {
        let role = roles[phrase]
        guard role != 0xFF, countsAny || role & 1 == 1 else { continue }
        let bit: UInt64 = 1 << UInt64(role >> 1)
        if matched & bit != 0 { continue }
        var iterator = Fts5PhraseIter()
        var column: Int32 = -1
        var offset: Int32 = 0
        if xPhraseFirst(fts, Int32(phrase), &iterator, &column, &offset) == SQLITE_OK, column >= 0 {
            matched |= bit
        }
    }
    sqlite3_result_int(context, Int32(matched.nonzeroBitCount))
}
