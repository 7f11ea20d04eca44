import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// The FTS5 auxiliary function `arfa_rank(passages_fts, roles, counts_any)`: a row's rank as
/// `tier * tierScale + score`, read only from the phrase hits FTS5 already holds for the row.
///
/// - Each clause (a word of the query, with all its forms) is scored as one term, as BM25 scores
///   a word and its synonyms: its frequency is the sum of its forms' frequencies (`related` forms
///   count half), and its IDF is that of any of its forms. Scored phrase by phrase, a rare
///   inflected form would outweigh the word itself, and a word with many forms would count
///   several times.
/// - score: that BM25 (k1 = 1.2, no length normalisation: b = 0), times the share of the query's
///   meaning the row covers (the IDF of the clauses it has over the IDF of all), so that a passage
///   with the rare words of a question ranks above one with many of its common words.
/// - tier: for a plain query, how many clauses the row matches in their folded surface form
///   (exact-first ranking); for a question (`counts_any` 1), 1 when it has every clause in some form.
///
/// Length normalisation is left out because the passage length is the one thing FTS5 must fetch
/// from another table for each row (`bm25()` looks up `%_docsize` per row, two thirds of the cost
/// of ranking a common word); the best rows get it afterwards (`RankWindow`).
///
/// `roles`: one byte per phrase of the MATCH expression, in FTS5's order:
/// `clause << 2 | PhraseForm.rawValue`, or 0xFF for a phrase that does not rank.
enum RankFunction {
    static let name = "arfa_rank"
    /// Clauses are counted in a 64-bit mask and their index fits a role byte below 0xFF; a clause
    /// beyond this neither scores nor counts.
    static let maximumClauses = 63
    /// Ranks compare tier first: scores stay below this (they are clamped to it).
    static let tierScale = 10_000.0
    static let k1 = 1.2
    /// BM25's length normalisation, applied when the best rows are ranked again (`RankWindow`).
    static let b = 0.75
    /// How much an occurrence of a related form (a word sharing a stem) counts toward its clause.
    static let relatedFormWeight = 0.5
    static let noRole: UInt8 = 0xFF

    /// Registers `arfa_rank` on `db`, with a `RankWindow` of its own for the connection (and
    /// `arfa_hits`, which the same queries highlight with).
    static func register(_ db: Database) {
        HitFunction.register(db)
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
            role.clause < maximumClauses && !query.clauses[role.clause].isExcluded
                ? UInt8(role.clause << 2) | role.form.rawValue : noRole
        }
    }

    /// Splits a rank back into its tier and score.
    static func split(_ rank: Double) -> (tier: Int, score: Double) {
        let tier = (rank / tierScale).rounded(.down)
        return (Int(tier), rank - tier * tierScale)
    }
}

/// What ranking needs to know about the query's phrases and clauses, computed on the query's
/// first row and kept by FTS5 as the query's auxiliary data.
final class PhraseWeights {
    /// For each phrase: its clause, or -1 when it does not rank.
    let phraseClause: [Int]
    /// For each phrase: how much one occurrence counts toward its clause's frequency.
    let phraseWeight: [Double]
    /// For each phrase: whether it is its clause's surface form.
    let phraseIsSurface: [Bool]
    /// By clause index: the IDF of the clause (of any of its forms).
    private(set) var clauseIDF = [Double](repeating: 0, count: RankFunction.maximumClauses)
    /// The clauses that rank, as a mask, and the sum of their IDFs.
    private(set) var clauses: UInt64 = 0
    private(set) var totalIDF = 0.0
    let averageLength: Double

    init(api: Fts5ExtensionApi, fts: OpaquePointer?, phraseCount: Int, roles: UnsafeBufferPointer<UInt8>) {
        var rows: Int64 = 0
        _ = api.xRowCount?(fts, &rows)
        var tokens: Int64 = 0
        _ = api.xColumnTotalSize?(fts, 0, &tokens)
        averageLength = rows > 0 ? max(1, Double(tokens) / Double(rows)) : 1
        let role = { (phrase: Int) in phrase < roles.count ? roles[phrase] : RankFunction.noRole }
        phraseClause = (0..<phraseCount).map { role($0) == RankFunction.noRole ? -1 : Int(role($0) >> 2) }
        phraseIsSurface = (0..<phraseCount).map { role($0) != RankFunction.noRole && role($0) & 3 == PhraseForm.surface.rawValue }
        phraseWeight = (0..<phraseCount).map {
            role($0) & 3 == PhraseForm.related.rawValue ? RankFunction.relatedFormWeight : 1
        }
        // A clause's document frequency: the sum of its forms' (an upper bound: a passage may
        // have several), as one term of a query would count it.
        var clauseRows = [Double](repeating: 0, count: RankFunction.maximumClauses)
        for phrase in 0..<phraseCount where phraseClause[phrase] >= 0 {
            var matching: Int64 = 0
            _ = api.xQueryPhrase?(fts, Int32(phrase), &matching) { _, _, counter in
                counter?.assumingMemoryBound(to: Int64.self).pointee += 1
                return SQLITE_OK
            }
            clauseRows[phraseClause[phrase]] += Double(matching)
            clauses |= 1 << UInt64(phraseClause[phrase])
        }
        let total = Double(rows)
        for clause in 0..<RankFunction.maximumClauses where clauses & (1 << UInt64(clause)) != 0 {
            let n = min(clauseRows[clause], total)
            // As FTS5's bm25(): never zero or negative, so a common word still counts a little.
            clauseIDF[clause] = max(1e-6, log((total - n + 0.5) / (n + 0.5)))
            totalIDF += clauseIDF[clause]
        }
    }

    /// A row's score from its phrase frequencies, with BM25's length factor `norm`
    /// (k1 for no length normalisation); and the clauses it has, in any form and in surface form.
    func score(_ frequencies: UnsafeBufferPointer<Float>, norm: Double)
        -> (score: Double, matched: UInt64, surface: UInt64)
    {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: RankFunction.maximumClauses) { tf in
            var matched: UInt64 = 0
            var surface: UInt64 = 0
            for (phrase, frequency) in frequencies.enumerated() where frequency > 0 {
                let clause = phrase < phraseClause.count ? phraseClause[phrase] : -1
                guard clause >= 0 else { continue }
                let bit: UInt64 = 1 << UInt64(clause)
                if matched & bit == 0 { tf[clause] = 0 }
                matched |= bit
                if phraseIsSurface[phrase] { surface |= bit }
                tf[clause] += phraseWeight[phrase] * Double(frequency)
            }
            var score = 0.0
            var covered = 0.0
            var remaining = matched
            while remaining != 0 {
                let clause = remaining.trailingZeroBitCount
                remaining &= remaining - 1
                score += clauseIDF[clause] * tf[clause] * (RankFunction.k1 + 1) / (tf[clause] + norm)
                covered += clauseIDF[clause]
            }
            let coverage = totalIDF > 0 ? covered / totalIDF : 1
            return (score * coverage, matched, surface)
        }
    }

    /// The rank `arfa_rank` returns: tier, then score.
    func rank(score: Double, matched: UInt64, surface: UInt64, countsAny: Bool) -> Double {
        let tier = countsAny ? (matched & clauses == clauses ? 1 : 0) : surface.nonzeroBitCount
        return Double(tier) * RankFunction.tierScale + min(score, RankFunction.tierScale - 1)
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
        let roles = UnsafeBufferPointer(
            start: sqlite3_value_blob(values[0])?.assumingMemoryBound(to: UInt8.self),
            count: Int(sqlite3_value_bytes(values[0])))
        weights = PhraseWeights(api: api, fts: fts, phraseCount: phraseCount, roles: roles)
        let retained = Unmanaged.passRetained(weights).toOpaque()
        _ = xSetAuxdata(fts, retained) { pointer in
            if let pointer { Unmanaged<PhraseWeights>.fromOpaque(pointer).release() }
        }
    }
    let countsAny = sqlite3_value_int(values[1]) != 0
    let collector = api.xUserData.flatMap { $0(fts) }
        .map { Unmanaged<RankWindow>.fromOpaque($0).takeUnretainedValue() }
        .flatMap { $0.capacity > 0 ? $0 : nil }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: max(phraseCount, 1)) { frequencies in
        for phrase in 0..<phraseCount {
            var iterator = Fts5PhraseIter()
            var column: Int32 = -1
            var offset: Int32 = 0
            var frequency: Float = 0
            if xPhraseFirst(fts, Int32(phrase), &iterator, &column, &offset) == SQLITE_OK {
                while column >= 0 {
                    frequency += 1
                    xPhraseNext(fts, &iterator, &column, &offset)
                }
            }
            frequencies[phrase] = frequency
        }
        let counted = UnsafeBufferPointer(start: frequencies.baseAddress, count: phraseCount)
        let (score, matched, surface) = weights.score(counted, norm: RankFunction.k1)
        let rank = weights.rank(score: score, matched: matched, surface: surface, countsAny: countsAny)
        collector?.offer(rowid: api.xRowid?(fts) ?? 0, rank: rank, frequencies: counted, weights: weights)
        sqlite3_result_double(context, rank)
    }
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

    /// Starts collecting the best `capacity` rows of the next query.
    func reset(capacity: Int) {
        self.capacity = capacity
        entries.removeAll(keepingCapacity: true)
        weights = nil
    }

    func offer(rowid: Int64, rank: Double, frequencies: UnsafeBufferPointer<Float>, weights: PhraseWeights) {
        guard capacity > 0 else { return }
        self.weights = weights
        if entries.count == capacity, let last = entries.last, rank <= last.rank { return }
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].rank >= rank { low = middle + 1 } else { high = middle }
        }
        entries.insert(Entry(rowid: rowid, rank: rank, frequencies: Array(frequencies)), at: low)
        if entries.count > capacity { entries.removeLast() }
    }

    /// The score of a collected row with BM25's length normalisation, its passage having
    /// `length` tokens; nil if not collected.
    func score(of rowid: Int64, length: Int) -> Double? {
        guard let weights, let entry = entries.first(where: { $0.rowid == rowid }) else { return nil }
        let norm = RankFunction.k1 * (1 - RankFunction.b + RankFunction.b * Double(length) / weights.averageLength)
        return entry.frequencies.withUnsafeBufferPointer { weights.score($0, norm: norm).score }
    }
}
