#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSQLite

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
///
/// Registered on each connection by `FTS5Registration`, with the connection's
/// `FullTextConnection` as user data: the rows it ranks best go to that connection's `RankWindow`.
public enum RankFunction {
    public static let name = "arfa_rank"
    /// Clauses are counted in a 64-bit mask and their index fits a role byte below 0xFF; a clause
    /// beyond this neither scores nor counts.
    public static let maximumClauses = 63
    /// Ranks compare tier first: scores stay below this (they are clamped to it).
    public static let tierScale = 10_000.0
    static let k1 = 1.2
    /// BM25's length normalisation, applied when the best rows are ranked again (`RankWindow`).
    static let b = 0.75
    /// How much an occurrence of a related form (a word sharing a stem) counts toward its clause.
    static let relatedFormWeight = 0.5
    public static let noRole: UInt8 = 0xFF

    /// The role byte of a phrase of `clause` in `form`.
    public static func role(clause: Int, form: PhraseForm) -> UInt8 {
        clause < maximumClauses ? UInt8(clause << 2) | form.rawValue : noRole
    }

    /// Splits a rank back into its tier and score.
    public static func split(_ rank: Double) -> (tier: Int, score: Double) {
        let tier = (rank / tierScale).rounded(.down)
        return (Int(tier), rank - tier * tierScale)
    }
}

/// What a phrase of a clause's expression finds.
public enum PhraseForm: UInt8, Equatable, Sendable {
    /// The clause's folded surface form (or a spelling of it with a space): what exact-first
    /// ranking counts.
    case surface
    /// The word with clitics or affixes (والكتاب for كتاب): the word sought, in another form.
    case inflected
    /// A close spelling found by typo tolerance, or, for a question, another word that shares a
    /// stem with it (الكتب for الكتاب): a guess at the word, so it weighs less.
    case related
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
                return FTS5Registration.ok
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

/// `arfa_rank`'s C entry point (an `fts5_extension_function`); its user data is the connection's
/// `FullTextConnection`.
func arfaRank(
    api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
    valueCount: Int32, values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let state = api?.pointee.xUserData.flatMap({ $0(fts) })
        .map({ Unmanaged<FullTextConnection>.fromOpaque($0).takeUnretainedValue() }),
        let calls = state.calls else { return }
    guard let api = api?.pointee, let values, valueCount == 2, let xPhraseCount = api.xPhraseCount,
          let xPhraseFirst = api.xPhraseFirst, let xPhraseNext = api.xPhraseNext,
          let xGetAuxdata = api.xGetAuxdata, let xSetAuxdata = api.xSetAuxdata else {
        calls.resultError(context, "arfa_rank(fts, roles, counts_any) expects two arguments", -1)
        return
    }
    let phraseCount = Int(xPhraseCount(fts))
    let weights: PhraseWeights
    if let stored = xGetAuxdata(fts, 0) {
        weights = Unmanaged<PhraseWeights>.fromOpaque(stored).takeUnretainedValue()
    } else {
        let roles = UnsafeBufferPointer(
            start: calls.valueBlob(values[0])?.assumingMemoryBound(to: UInt8.self),
            count: Int(calls.valueBytes(values[0])))
        weights = PhraseWeights(api: api, fts: fts, phraseCount: phraseCount, roles: roles)
        let retained = Unmanaged.passRetained(weights).toOpaque()
        _ = xSetAuxdata(fts, retained) { pointer in
            if let pointer { Unmanaged<PhraseWeights>.fromOpaque(pointer).release() }
        }
    }
    let countsAny = calls.valueInt(values[1]) != 0
    let collector = state.rankWindow.capacity > 0 ? state.rankWindow : nil
    withUnsafeTemporaryAllocation(of: Float.self, capacity: max(phraseCount, 1)) { frequencies in
        for phrase in 0..<phraseCount {
            var iterator = Fts5PhraseIter()
            var column: Int32 = -1
            var offset: Int32 = 0
            var frequency: Float = 0
            if xPhraseFirst(fts, Int32(phrase), &iterator, &column, &offset) == FTS5Registration.ok {
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
        calls.resultDouble(context, rank)
    }
}
