import CSQLite
import SearchCore

/// The FTS5 auxiliary function `arfa_rank(passages_fts, roles, counts_any)`: a row's rank as
/// `Ranking` defines it (tier, then score), from the phrase hits FTS5 already holds for the row.
///
/// `roles` is a blob of one role byte per phrase of the MATCH expression (`Ranking`); `counts_any`
/// is 1 for a question. The other form, `arfa_rank(table, query)`, is for any `arfa` table queried
/// with `MATCH arfa_query(query)`: it reads the same text with the query parser for the roles and
/// the question, and refuses a text whose phrases are not those of the MATCH expression. The
/// query's `PhraseWeights` are computed on its first row and kept as FTS5 auxiliary data. Registered on each connection by `FTS5Registration`, with the
/// connection's `FullTextConnection` as user data: the rows it ranks best go to that
/// connection's `RankWindow`.
public enum RankFunction {
    public static let name = "arfa_rank"
}

/// FTS5's extension API for the row being ranked, as ranking reads it.
private struct FTS5Phrases: PhraseStatistics {
    let api: Fts5ExtensionApi
    let fts: OpaquePointer?
    let xPhraseFirst: @convention(c) (
        OpaquePointer?, Int32, UnsafeMutablePointer<Fts5PhraseIter>?, UnsafeMutablePointer<Int32>?,
        UnsafeMutablePointer<Int32>?
    ) -> Int32
    let xPhraseNext: @convention(c) (
        OpaquePointer?, UnsafeMutablePointer<Fts5PhraseIter>?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
    ) -> Void
    let phraseCount: Int

    var rowCount: Int {
        var rows: Int64 = 0
        _ = api.xRowCount?(fts, &rows)
        return Int(rows)
    }

    var tokenCount: Int {
        var tokens: Int64 = 0
        _ = api.xColumnTotalSize?(fts, 0, &tokens)
        return Int(tokens)
    }

    func rowCount(matching phrase: Int) -> Int {
        var matching: Int64 = 0
        _ = api.xQueryPhrase?(fts, Int32(phrase), &matching) { _, _, counter in
            counter?.assumingMemoryBound(to: Int64.self).pointee += 1
            return FTS5Registration.ok
        }
        return Int(matching)
    }

    var rowid: Int64 { api.xRowid?(fts) ?? 0 }

    func hitCount(of phrase: Int) -> Int {
        var iterator = Fts5PhraseIter()
        var column: Int32 = -1
        var offset: Int32 = 0
        var count = 0
        if xPhraseFirst(fts, Int32(phrase), &iterator, &column, &offset) == FTS5Registration.ok {
            while column >= 0 {
                count += 1
                xPhraseNext(fts, &iterator, &column, &offset)
            }
        }
        return count
    }
}

/// What `arfa_rank` keeps for the query it ranks (FTS5 auxiliary data), from its first row.
private final class RankedQuery {
    let weights: PhraseWeights
    let countsAny: Bool

    init(weights: PhraseWeights, countsAny: Bool) {
        self.weights = weights
        self.countsAny = countsAny
    }
}

/// `arfa_rank`'s C entry point (an `fts5_extension_function`); its user data is the connection's
/// `FullTextConnection`.
func arfaRank(
    api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
    valueCount: Int32, values: UnsafeMutablePointer<OpaquePointer?>?
) {
    // Without its state the function was not registered by `FTS5Registration`: no result (NULL).
    guard let state = api?.pointee.xUserData.flatMap({ $0(fts) })
        .map({ Unmanaged<FullTextConnection>.fromOpaque($0).takeUnretainedValue() }),
        let calls = state.calls else { return }
    guard let api = api?.pointee, let values, valueCount == 1 || valueCount == 2, let xPhraseCount = api.xPhraseCount,
          let xPhraseFirst = api.xPhraseFirst, let xPhraseNext = api.xPhraseNext,
          let xGetAuxdata = api.xGetAuxdata, let xSetAuxdata = api.xSetAuxdata else {
        calls.resultError(context, "arfa_rank takes the table and the query: arfa_rank(notes, 'أستانا')", -1)
        return
    }
    let row = FTS5Phrases(
        api: api, fts: fts, xPhraseFirst: xPhraseFirst, xPhraseNext: xPhraseNext, phraseCount: Int(xPhraseCount(fts)))
    let query: RankedQuery
    if let stored = xGetAuxdata(fts, 0) {
        query = Unmanaged<RankedQuery>.fromOpaque(stored).takeUnretainedValue()
    } else {
        do {
            query = valueCount == 2
                ? RankedQuery(row, roles: values[0], countsAny: calls.valueInt(values[1]) != 0, calls)
                : try RankedQuery(row, queryText: values[0], calls)
        } catch {
            var message = "\(error)"
            message.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { calls.resultError(context, $0.baseAddress, Int32($0.count)) }
            }
            return
        }
        let retained = Unmanaged.passRetained(query).toOpaque()
        _ = xSetAuxdata(fts, retained) { pointer in
            if let pointer { Unmanaged<RankedQuery>.fromOpaque(pointer).release() }
        }
    }
    let rank = query.weights.rank(of: row, countsAny: query.countsAny, window: state.rankWindow)
    calls.resultDouble(context, rank)
}

extension RankedQuery {
    /// The searcher's form: the roles blob as given.
    convenience init(
        _ row: FTS5Phrases, roles value: OpaquePointer?, countsAny: Bool, _ calls: SQLiteCalls
    ) {
        let roles = UnsafeBufferPointer(
            start: calls.valueBlob(value)?.assumingMemoryBound(to: UInt8.self), count: Int(calls.valueBytes(value)))
        self.init(weights: PhraseWeights(row, roles: roles), countsAny: countsAny)
    }

    /// The user's form: the query text that `arfa_query` turned into the MATCH expression.
    convenience init(_ row: FTS5Phrases, queryText value: OpaquePointer?, _ calls: SQLiteCalls) throws {
        let text = UnsafeBufferPointer(
            start: calls.valueBlob(value)?.assumingMemoryBound(to: UInt8.self), count: Int(calls.valueBytes(value)))
        let parsed = try QueryParser().parse(String(decoding: text, as: UTF8.self))
        let roles = parsed.rankRoles
        guard roles.count == row.phraseCount else { throw OtherQuery() }
        let weights = roles.withUnsafeBufferPointer { PhraseWeights(row, roles: $0) }
        self.init(weights: weights, countsAny: parsed.matchesPartially)
    }
}

/// `arfa_rank(table, query)` given another text than the one `MATCH arfa_query(…)` was given.
private struct OtherQuery: Error, CustomStringConvertible {
    var description: String {
        "arfa_rank(table, query) needs the text given to arfa_query: "
            + "... MATCH arfa_query('أستانا') ORDER BY arfa_rank(notes, 'أستانا') DESC"
    }
}
