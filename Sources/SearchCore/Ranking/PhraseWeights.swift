/// What ranking needs to know about a query's phrases and clauses (see `Ranking`): computed once,
/// on the query's first row, and kept by FTS5 as the query's auxiliary data.
public final class PhraseWeights {
    /// For each phrase: its clause, or -1 when it does not rank.
    let phraseClause: [Int]
    /// For each phrase: how much one occurrence counts toward its clause's frequency.
    let phraseWeight: [Double]
    /// For each phrase: whether it is its clause's surface form.
    let phraseIsSurface: [Bool]
    /// By clause index: the IDF of the clause (of any of its forms).
    private(set) var clauseIDF = [Double](repeating: 0, count: Ranking.maximumClauses)
    /// The clauses that rank, as a mask, and the sum of their IDFs.
    private(set) var clauses: UInt64 = 0
    private(set) var totalIDF = 0.0
    /// The mean length of a row, in tokens (at least 1).
    let averageLength: Double

    /// - Parameter roles: a role byte per phrase (see `Ranking`); phrases beyond them do not rank.
    public init(_ statistics: some PhraseStatistics, roles: UnsafeBufferPointer<UInt8>) {
        let rows = statistics.rowCount
        let phraseCount = statistics.phraseCount
        averageLength = rows > 0 ? max(1, Double(statistics.tokenCount) / Double(rows)) : 1
        let role = { (phrase: Int) in phrase < roles.count ? roles[phrase] : Ranking.noRole }
        phraseClause = (0..<phraseCount).map { role($0) == Ranking.noRole ? -1 : Int(role($0) >> 2) }
        phraseIsSurface = (0..<phraseCount).map { role($0) != Ranking.noRole && role($0) & 3 == PhraseForm.surface.rawValue }
        phraseWeight = (0..<phraseCount).map {
            role($0) & 3 == PhraseForm.related.rawValue ? Ranking.relatedFormWeight : 1
        }
        // A clause's document frequency: the sum of its forms' (an upper bound: a passage may
        // have several), as one term of a query would count it.
        var clauseRows = [Double](repeating: 0, count: Ranking.maximumClauses)
        for phrase in 0..<phraseCount where phraseClause[phrase] >= 0 {
            clauseRows[phraseClause[phrase]] += Double(statistics.rowCount(matching: phrase))
            clauses |= 1 << UInt64(phraseClause[phrase])
        }
        for clause in 0..<Ranking.maximumClauses where clauses & (1 << UInt64(clause)) != 0 {
            clauseIDF[clause] = Ranking.idf(matching: clauseRows[clause], rows: Double(rows))
            totalIDF += clauseIDF[clause]
        }
    }

    /// The rank of the current row of `row` (tier, then score without length normalisation),
    /// offered to `window` when it collects.
    ///
    /// Inlinable so that `arfa_rank` gets it specialized for FTS5's API: it runs for every
    /// matching row, and reads every phrase's hits.
    @inlinable
    public func rank(of row: some PhraseStatistics, countsAny: Bool, window: RankWindow?) -> Double {
        let phraseCount = row.phraseCount
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: max(phraseCount, 1)) { frequencies in
            for phrase in 0..<phraseCount {
                frequencies[phrase] = Float(row.hitCount(of: phrase))
            }
            return rank(
                frequencies: UnsafeBufferPointer(start: frequencies.baseAddress, count: phraseCount),
                countsAny: countsAny, window: window, rowid: row.rowid)
        }
    }

    /// The rank of a row whose phrases occur `frequencies` times, offered to `window` when it
    /// collects (`rowid` is read only then).
    @usableFromInline
    func rank(frequencies: UnsafeBufferPointer<Float>, countsAny: Bool, window: RankWindow?, rowid: @autoclosure () -> Int64)
        -> Double
    {
        let (score, matched, surface) = score(frequencies, norm: Ranking.k1)
        let rank = rank(score: score, matched: matched, surface: surface, countsAny: countsAny)
        if let window, window.capacity > 0 {
            window.offer(rowid: rowid(), rank: rank, frequencies: frequencies, weights: self)
        }
        return rank
    }

    /// A row's score from its phrase frequencies, with BM25's length factor `norm`
    /// (k1 for no length normalisation); and the clauses it has, in any form and in surface form.
    func score(_ frequencies: UnsafeBufferPointer<Float>, norm: Double)
        -> (score: Double, matched: UInt64, surface: UInt64)
    {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Ranking.maximumClauses) { tf in
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
                score += clauseIDF[clause] * tf[clause] * (Ranking.k1 + 1) / (tf[clause] + norm)
                covered += clauseIDF[clause]
            }
            let coverage = totalIDF > 0 ? covered / totalIDF : 1
            return (score * coverage, matched, surface)
        }
    }

    /// The rank: tier, then the score, clamped below `Ranking.tierScale`.
    func rank(score: Double, matched: UInt64, surface: UInt64, countsAny: Bool) -> Double {
        let tier = countsAny ? (matched & clauses == clauses ? 1 : 0) : surface.nonzeroBitCount
        return Double(tier) * Ranking.tierScale + min(score, Ranking.tierScale - 1)
    }

    /// BM25's length factor for a row of `length` tokens.
    func lengthNorm(_ length: Int) -> Double {
        Ranking.k1 * (1 - Ranking.b + Ranking.b * Double(length) / averageLength)
    }
}
