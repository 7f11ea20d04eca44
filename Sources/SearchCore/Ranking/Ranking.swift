#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a matching row is ranked, from the phrase hits FTS5 holds for it: `tier * tierScale +
/// score`, computed by `PhraseWeights` (FTS5's `arfa_rank` only reads the hits and hands them over).
///
/// - Each clause (a word of the query, with all its forms) is scored as one term, as BM25 scores
///   a word and its synonyms: its frequency is the sum of its forms' frequencies (`related` forms
///   count `relatedFormWeight`), and its IDF is that of any of its forms (its document frequency
///   is the sum of its forms'). Scored phrase by phrase, a rare inflected form would outweigh the
///   word itself, and a word with many forms would count several times.
/// - score: that BM25 (k1 = 1.2, no length normalisation: b = 0), times the share of the query's
///   meaning the row covers (the IDF of the clauses it has over the IDF of all), so that a passage
///   with the rare words of a question ranks above one with many of its common words.
/// - tier: for a plain query, how many clauses the row matches in their folded surface form
///   (exact-first ranking); for a question (`countsAny`), 1 when it has every clause in some form.
///   A score never reaches `tierScale` (it is clamped below), so a higher tier always ranks first.
///
/// Length normalisation is left out because the passage length is the one thing FTS5 must fetch
/// from another table for each row (`bm25()` looks up `%_docsize` per row, two thirds of the cost
/// of ranking a common word); the best rows get it afterwards (`RankWindow`).
///
/// Roles: one byte per phrase of the MATCH expression, in FTS5's order:
/// `clause << 2 | PhraseForm.rawValue`, or `noRole` for a phrase that does not rank.
public enum Ranking {
    /// Clauses are counted in a 64-bit mask and their index fits a role byte below 0xFF; a clause
    /// beyond this neither scores nor counts.
    public static let maximumClauses = 63
    /// Ranks compare tier first: scores stay below this (they are clamped to it).
    public static let tierScale = 10_000.0
    public static let k1 = 1.2
    /// BM25's length normalisation, applied when the best rows are ranked again (`RankWindow`).
    public static let b = 0.75
    /// How much an occurrence of a related form (a word sharing a stem) counts toward its clause.
    public static let relatedFormWeight = 0.5
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

    /// BM25's IDF of a term found in `matching` of `rows` rows: as FTS5's bm25(), never zero or
    /// negative, so that a common word still counts a little.
    static func idf(matching: Double, rows: Double) -> Double {
        let n = min(matching, rows)
        return max(1e-6, log((rows - n + 0.5) / (n + 0.5)))
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
