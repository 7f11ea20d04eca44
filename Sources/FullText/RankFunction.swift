import CSQLite
import SearchCore

/// The FTS5 auxiliary function `arfa_rank(passages_fts, roles, counts_any)`: a row's rank as
/// `Ranking` defines it (tier, then score), from the phrase hits FTS5 already holds for the row.
///
/// `roles` is a blob of one role byte per phrase of the MATCH expression (`Ranking`); `counts_any`
/// is 1 for a question. The query's `PhraseWeights` are computed on its first row and kept as
/// FTS5 auxiliary data. Registered on each connection by `FTS5Registration`, with the
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
    guard let api = api?.pointee, let values, valueCount == 2, let xPhraseCount = api.xPhraseCount,
          let xPhraseFirst = api.xPhraseFirst, let xPhraseNext = api.xPhraseNext,
          let xGetAuxdata = api.xGetAuxdata, let xSetAuxdata = api.xSetAuxdata else {
        calls.resultError(context, "arfa_rank(fts, roles, counts_any) expects two arguments", -1)
        return
    }
    let row = FTS5Phrases(
        api: api, fts: fts, xPhraseFirst: xPhraseFirst, xPhraseNext: xPhraseNext, phraseCount: Int(xPhraseCount(fts)))
    let weights: PhraseWeights
    if let stored = xGetAuxdata(fts, 0) {
        weights = Unmanaged<PhraseWeights>.fromOpaque(stored).takeUnretainedValue()
    } else {
        let roles = UnsafeBufferPointer(
            start: calls.valueBlob(values[0])?.assumingMemoryBound(to: UInt8.self),
            count: Int(calls.valueBytes(values[0])))
        weights = PhraseWeights(row, roles: roles)
        let retained = Unmanaged.passRetained(weights).toOpaque()
        _ = xSetAuxdata(fts, retained) { pointer in
            if let pointer { Unmanaged<PhraseWeights>.fromOpaque(pointer).release() }
        }
    }
    let rank = weights.rank(of: row, countsAny: calls.valueInt(values[1]) != 0, window: state.rankWindow)
    calls.resultDouble(context, rank)
}
