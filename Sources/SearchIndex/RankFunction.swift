import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// The FTS5 auxiliary function `arfa_rank(passages_fts, roles, counts_any)`: a row's rank as
/// `tier * tierScale + score`, read only from the phrase hits FTS5 already holds for the row.
///
/// - tier: how many of the query's clauses the row matches in their folded surface form (a
///   plain query), or in any form (`counts_any` 1: a question).
/// - score: BM25 over the query's phrases with k1 = 1.2 and no length normalisation (b = 0).
///   Passages are short and of bounded length, and the length is the one thing FTS5 must fetch
///   from another table for each row (`bm25()` looks up `%_docsize` per row, two thirds of the
///   cost of ranking a common word).
/// - `roles`: one byte per phrase of the MATCH expression, in FTS5's order:
///   `clause << 1 | isSurface` (see `PhraseRole`).
enum RankFunction {
    static let name = "arfa_rank"
    /// Clauses are counted in a 64-bit mask; a clause beyond this still scores, but no tier.
    static let maximumClauses = 64
    /// Ranks compare tier first: scores stay below this (they are clamped to it).
    static let tierScale = 10_000.0

    /// Registers `arfa_rank` on `db`, with a `RankWindow` of its own for the connection.
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        let window = RankWindow()
        RankWindow.connections.withLock { $0[UInt(bitPattern: db.sqliteConnection)] = window }
        _ = api.pointee.xCreateFunction(
            UnsafeMutablePointer(mutating: api), name, Unmanaged.passRetained(window).toOpaque(), arfaRank
        ) { pointer in
            guard let pointer else { return }
            let window = Unmanaged<RankWindow>.fromOpaque(pointer)
            RankWindow.connections.withLock { connections in
                connections = connections.filter { $0.value !== window.takeUnretainedValue() }
            }
            window.release()
        }
    }

    /// The roles argument for `query`.
    static func roles(of query: ParsedQuery) -> [UInt8] {
        query.phraseRoles.map { role in
            role.clause < maximumClauses ? UInt8(role.clause << 1) | (role.isSurface ? 1 : 0) : 0xFF
        }
    }

    /// Splits a rank back into its tier and score.
    static func split(_ rank: Double) -> (tier: Int, score: Double) {
        let tier = (rank / tierScale).rounded(.down)
        return (Int(tier), rank - tier * tierScale)
    }

    static let k1 = 1.2
    /// BM25's length normalisation, applied when the best rows are ranked again (`RankWindow`).
    static let b = 0.75
}

/// Inverse document frequencies of the query's phrases, computed on the query's first row
/// and kept by FTS5 as the query's auxiliary data.
final class PhraseWeights {
    var idf: [Double]
    var averageLength: Double

    init(api: Fts5ExtensionApi, fts: OpaquePointer?, phraseCount: Int) {
        var rows: Int64 = 0
        _ = api.xRowCount?(fts, &rows)
        var tokens: Int64 = 0
        _ = api.xColumnTotalSize?(fts, 0, &tokens)
        averageLength = rows > 0 ? max(1, Double(tokens) / Double(rows)) : 1
        idf = (0..<phraseCount).map { phrase in
            var matching: Int64 = 0
            _ = api.xQueryPhrase?(fts, Int32(phrase), &matching) { _, _, counter in
                counter?.assumingMemoryBound(to: Int64.self).pointee += 1
                return SQLITE_OK
            }
            let n = Double(matching), total = Double(rows)
            // As FTS5's bm25(): never zero or negative, so a common word still counts a little.
            return max(1e-6, log((total - n + 0.5) / (n + 0.5)))
        }
    }
}

private func arfaRank(
    api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
    valueCount: Int32, values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api = api?.pointee, let values, valueCount == 2, let xPhraseCount = api.xPhraseCount,
          let xPhraseFirst = api.xPhraseFirst, let xPhraseNext = api.xPhraseNext,
          let xGetAuxdata = api.xGetAuxdata, let xSetAuxdata = api.xSetAuxdata else {
        sqlite3_result_error(context, "arfa_rank(fts, roles, counts_any) expects two arguments", -1)
        return
    }
    let phraseCount = Int(xPhraseCount(fts))
    let weights: PhraseWeights
    if let stored = xGetAuxdata(fts, 0) {
        weights = Unmanaged<PhraseWeights>.fromOpaque(stored).takeUnretainedValue()
    } else {
        weights = PhraseWeights(api: api, fts: fts, phraseCount: phraseCount)
        let retained = Unmanaged.passRetained(weights).toOpaque()
        _ = xSetAuxdata(fts, retained) { pointer in
            if let pointer { Unmanaged<PhraseWeights>.fromOpaque(pointer).release() }
        }
    }
    let roleCount = Int(sqlite3_value_bytes(values[0]))
    let roles = sqlite3_value_blob(values[0])?.assumingMemoryBound(to: UInt8.self)
    let countsAny = sqlite3_value_int(values[1]) != 0
    var matched: UInt64 = 0
    var score = 0.0
    let collector = api.xUserData.flatMap { $0(fts) }
        .map { Unmanaged<RankWindow>.fromOpaque($0).takeUnretainedValue() }
        .flatMap { $0.capacity > 0 ? $0 : nil }
    collector?.startRow(phraseCount: phraseCount)
    for phrase in 0..<phraseCount {
        var iterator = Fts5PhraseIter()
        var column: Int32 = -1
        var offset: Int32 = 0
        guard xPhraseFirst(fts, Int32(phrase), &iterator, &column, &offset) == SQLITE_OK, column >= 0 else { continue }
        var frequency = 0.0
        while column >= 0 {
            frequency += 1
            xPhraseNext(fts, &iterator, &column, &offset)
        }
        score += weights.idf[phrase] * frequency * (RankFunction.k1 + 1) / (frequency + RankFunction.k1)
        collector?.frequencies[phrase] = Float(frequency)
        if let roles, phrase < roleCount, roles[phrase] != 0xFF, countsAny || roles[phrase] & 1 == 1 {
            matched |= 1 << UInt64(roles[phrase] >> 1)
        }
    }
    let rank = Double(matched.nonzeroBitCount) * RankFunction.tierScale + min(score, RankFunction.tierScale - 1)
    collector?.offer(rowid: api.xRowid?(fts) ?? 0, rank: rank, weights: weights)
    sqlite3_result_double(context, rank)
}

/// The best rows of the last ranking query on a connection, with their phrase frequencies, so
/// that the few rows that can be shown are ranked again by full BM25, with the passage length
/// (`score(of:length:)`) that `arfa_rank` leaves out to stay cheap on every other row.
final class RankWindow: @unchecked Sendable {
    struct Entry {
        var rowid: Int64
        var rank: Double
        var frequencies: [Float]
    }

    /// The window of each open connection, by its `sqlite3*`; only touched on that connection's
    /// thread, like the connection itself.
    static let connections = Mutex<[UInt: RankWindow]>([:])

    static func of(_ db: Database) -> RankWindow? {
        connections.withLock { $0[UInt(bitPattern: db.sqliteConnection)] }
    }

    private(set) var capacity = 0
    /// Best first.
    private(set) var entries: [Entry] = []
    private(set) var weights: PhraseWeights?
    /// The current row's frequency of each phrase, written by `arfa_rank`.
    var frequencies: [Float] = []

    /// Starts collecting the best `capacity` rows of the next query.
    func reset(capacity: Int) {
        self.capacity = capacity
        entries.removeAll(keepingCapacity: true)
        weights = nil
    }

    func startRow(phraseCount: Int) {
        guard capacity > 0 else { return }
        if frequencies.count != phraseCount {
            frequencies = Array(repeating: 0, count: phraseCount)
        } else {
            for index in frequencies.indices { frequencies[index] = 0 }
        }
    }

    func offer(rowid: Int64, rank: Double, weights: PhraseWeights) {
        guard capacity > 0 else { return }
        self.weights = weights
        if entries.count == capacity, let last = entries.last, rank <= last.rank { return }
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].rank >= rank { low = middle + 1 } else { high = middle }
        }
        entries.insert(Entry(rowid: rowid, rank: rank, frequencies: frequencies), at: low)
        if entries.count > capacity { entries.removeLast() }
    }

    /// Full BM25 of a collected row whose passage has `length` tokens; nil if not collected.
    func score(of rowid: Int64, length: Int) -> Double? {
        guard let weights, let entry = entries.first(where: { $0.rowid == rowid }) else { return nil }
        let norm = RankFunction.k1 * (1 - RankFunction.b + RankFunction.b * Double(length) / weights.averageLength)
        var score = 0.0
        for (phrase, frequency) in entry.frequencies.enumerated() where frequency > 0 {
            let tf = Double(frequency)
            score += weights.idf[phrase] * tf * (RankFunction.k1 + 1) / (tf + norm)
        }
        return score
    }
}
