import Foundation
import Testing
@testable import SearchCore

/// A full-text table as ranking sees it through FTS5's extension API: rows of a given length,
/// each with how often every phrase of the query occurs in it.
struct FakeFTS5: PhraseStatistics {
    struct Row {
        var length: Int
        var hits: [Int]
    }

    var rows: [Row]
    var current = 0

    init(_ rows: [Row]) {
        self.rows = rows
    }

    var rowCount: Int { rows.count }
    var tokenCount: Int { rows.reduce(0) { $0 + $1.length } }
    var phraseCount: Int { rows.first?.hits.count ?? 0 }
    func rowCount(matching phrase: Int) -> Int { rows.count { $0.hits[phrase] > 0 } }
    var rowid: Int64 { Int64(current + 1) }
    func hitCount(of phrase: Int) -> Int { rows[current].hits[phrase] }

    /// The table positioned on `row`.
    func at(_ row: Int) -> FakeFTS5 {
        var positioned = self
        positioned.current = row
        return positioned
    }
}

/// The ranking math of `arfa_rank` (`Ranking`, `PhraseWeights`, `RankWindow`), against a fake
/// FTS5: tiers, the clamp that keeps scores below them, related forms, clauses scored as one term
/// over their forms, coverage, and the window that scores the best rows again with their length.
@Suite struct RankingMathTests {
    static func weights(_ table: FakeFTS5, _ roles: [UInt8]) -> PhraseWeights {
        roles.withUnsafeBufferPointer { PhraseWeights(table, roles: $0) }
    }

    /// The rank of every row.
    static func ranks(_ table: FakeFTS5, _ roles: [UInt8], countsAny: Bool = false, window: RankWindow? = nil) -> [Double] {
        let weights = weights(table, roles)
        return table.rows.indices.map { weights.rank(of: table.at($0), countsAny: countsAny, window: window) }
    }

    static func role(_ clause: Int, _ form: PhraseForm) -> UInt8 { Ranking.role(clause: clause, form: form) }

    /// BM25 of one term without length normalisation, as `Ranking` defines it.
    static func bm25(idf: Double, tf: Double) -> Double { idf * tf * (Ranking.k1 + 1) / (tf + Ranking.k1) }

    static func idf(matching: Double, rows: Double) -> Double { log((rows - matching + 0.5) / (matching + 0.5)) }

    /// 20 rows of 10 tokens: `rows` first, then filler with no hit.
    static func table(_ rows: [[Int]], length: Int = 10) -> FakeFTS5 {
        let filler = FakeFTS5.Row(length: length, hits: Array(repeating: 0, count: rows[0].count))
        return FakeFTS5(rows.map { FakeFTS5.Row(length: length, hits: $0) }
            + Array(repeating: filler, count: 20 - rows.count))
    }

    @Test func theTierCountsClausesFoundInTheirSurfaceFormAndAlwaysOutranksTheScore() {
        // Phrases: clause 0 surface, clause 0 inflected, clause 1 surface.
        let roles = [Self.role(0, .surface), Self.role(0, .inflected), Self.role(1, .surface)]
        let table = Self.table([[1, 0, 1], [0, 50, 1], [0, 0, 0]])
        let ranks = Self.ranks(table, roles)
        #expect(ranks.map { Ranking.split($0).tier } == [2, 1] + Array(repeating: 0, count: 18))
        #expect(ranks[0] > ranks[1])
        // However large a score, it stays below the next tier: clamped, never carried over.
        let weights = Self.weights(table, roles)
        let clamped = weights.rank(score: 1e9, matched: 0b11, surface: 0b01, countsAny: false)
        #expect(Ranking.split(clamped).tier == 1)
        #expect(Ranking.split(clamped).score == Ranking.tierScale - 1)
        #expect(clamped < weights.rank(score: 0, matched: 0b11, surface: 0b11, countsAny: false))
    }

    @Test func aQuestionsTierIsWhetherEveryClauseIsThereInAnyForm() {
        let roles = [Self.role(0, .surface), Self.role(0, .related), Self.role(1, .inflected)]
        let table = Self.table([[0, 1, 1], [3, 0, 0], [1, 0, 1]])
        let tiers = Self.ranks(table, roles, countsAny: true).prefix(3).map { Ranking.split($0).tier }
        #expect(tiers == [1, 0, 1])
    }

    @Test func aRelatedFormCountsHalfAnOccurrence() {
        let roles = [Self.role(0, .surface), Self.role(0, .related)]
        let table = Self.table([[0, 2], [1, 0], [0, 1]])
        let scores = Self.ranks(table, roles).map { Ranking.split($0).score }
        // Two related hits weigh one surface hit; one weighs half of one.
        #expect(abs(scores[0] - scores[1]) < 1e-12)
        let idf = Self.idf(matching: 3, rows: 20)
        #expect(abs(scores[2] - Self.bm25(idf: idf, tf: Ranking.relatedFormWeight)) < 1e-12)
        #expect(abs(scores[1] - Self.bm25(idf: idf, tf: 1)) < 1e-12)
    }

    @Test func aClauseIsOneTermOverAllItsForms() {
        // Clause 0 has two forms, in 3 rows each: its IDF is that of a word in 6 rows, and a row
        // with both forms counts their occurrences together, not two terms' worth.
        let roles = [Self.role(0, .surface), Self.role(0, .inflected)]
        let table = Self.table([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1]])
        let scores = Self.ranks(table, roles).map { Ranking.split($0).score }
        let idf = Self.idf(matching: 6, rows: 20)
        #expect(abs(scores[0] - Self.bm25(idf: idf, tf: 1)) < 1e-12)
        #expect(abs(scores[3] - scores[0]) < 1e-12)
        let both = Self.table([[1, 1], [1, 0], [1, 0], [0, 1], [0, 1], [0, 1]])
        let bothScores = Self.ranks(both, roles).map { Ranking.split($0).score }
        #expect(abs(bothScores[0] - Self.bm25(idf: Self.idf(matching: 7, rows: 20), tf: 2)) < 1e-12)
        // A form so common that the sum passes the row count still gives a tiny positive IDF.
        let common = FakeFTS5(Array(repeating: FakeFTS5.Row(length: 5, hits: [1, 1]), count: 4))
        #expect(Self.ranks(common, roles).allSatisfy { Ranking.split($0).score > 0 })
    }

    @Test func aRowScoresByTheShareOfTheQuerysMeaningItCovers() {
        // Clause 0 is rare (1 row of 20), clause 1 common (8 rows): a question's row with the
        // rare word ranks above one with the common word, each scaled by its IDF's share.
        let roles = [Self.role(0, .surface), Self.role(1, .surface)]
        let table = Self.table([[1, 0]] + Array(repeating: [0, 1], count: 8))
        let scores = Self.ranks(table, roles, countsAny: true).map { Ranking.split($0).score }
        let rare = Self.idf(matching: 1, rows: 20), common = Self.idf(matching: 8, rows: 20)
        #expect(abs(scores[0] - Self.bm25(idf: rare, tf: 1) * rare / (rare + common)) < 1e-12)
        #expect(abs(scores[1] - Self.bm25(idf: common, tf: 1) * common / (rare + common)) < 1e-12)
        #expect(scores[0] > scores[1])
        // A row with both has the whole query's meaning: no scaling.
        let both = Self.table([[1, 1]] + Array(repeating: [0, 1], count: 7))
        let bothScore = Ranking.split(Self.ranks(both, roles, countsAny: true)[0]).score
        #expect(abs(bothScore - Self.bm25(idf: rare, tf: 1) - Self.bm25(idf: common, tf: 1)) < 1e-12)
    }

    @Test func phrasesWithoutARoleNeitherScoreNorCount() {
        // Phrase 1 belongs to an excluded clause; phrase 2 has no role byte at all.
        let roles = [Self.role(0, .surface), Ranking.noRole]
        let table = Self.table([[1, 0, 0], [1, 5, 5]])
        let ranks = Self.ranks(table, roles)
        #expect(ranks[0] == ranks[1])
        #expect(Ranking.split(ranks[1]).tier == 1)
        #expect(Self.ranks(table, roles, countsAny: true).prefix(2).allSatisfy { Ranking.split($0).tier == 1 })
        #expect(Ranking.role(clause: Ranking.maximumClauses, form: .surface) == Ranking.noRole)
    }

    @Test func theWindowKeepsTheBestRowsAndScoresThemAgainWithTheirLength() {
        let roles = [Self.role(0, .surface)]
        let table = Self.table([[1], [3], [2], [4]])
        let window = RankWindow()
        window.reset(capacity: 2)
        let ranks = Self.ranks(table, roles, window: window)
        // Rows 4 and 2 (ids) rank best; the others were not kept.
        #expect(window.score(of: 1, length: 10) == nil)
        #expect(window.score(of: 3, length: 10) == nil)
        // At the mean length, full BM25 is the score without length normalisation.
        let average = Ranking.split(ranks[3]).score
        #expect(abs(window.score(of: 4, length: 10)! - average) < 1e-12)
        // A longer passage scores lower, a shorter one higher, by BM25's length factor.
        let idf = Self.idf(matching: 4, rows: 20)
        let norm = Ranking.k1 * (1 - Ranking.b + Ranking.b * 30 / 10)
        #expect(abs(window.score(of: 4, length: 30)! - idf * 4 * (Ranking.k1 + 1) / (4 + norm)) < 1e-12)
        #expect(window.score(of: 2, length: 5)! > window.score(of: 2, length: 10)!)
        // Not collecting: nothing is kept.
        window.reset(capacity: 0)
        _ = Self.ranks(table, roles, window: window)
        #expect(window.score(of: 4, length: 10) == nil)
    }
}
