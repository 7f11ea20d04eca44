import GRDB
import SearchCore
import TextAnalysis

/// Reads a query word that starts with the conjunction و or ف as the conjunction + a word when
/// the index says so, so that وروسيا (typed in سوريا وروسيا) also finds روسيا and its forms.
///
/// The first letter is taken for a conjunction (`Conjunction.wordAfter`) only when
/// - the query word is one Arabic rules apply to (a Persian query writes و apart);
/// - what follows is a word the index has standing alone (روسيا; not فرنسا's رنسا);
/// - the index never has the query word itself after the article: الوسائل says that وسائل is a
///   word of its own (not و + سائل, a liquid), الفعالية that فعالية is not ف + عالية. A word
///   after a conjunction takes no article before it: there is no الوروسيا. (A preposition would
///   prove less: بوروسيا is Borussia, not ب + وروسيا.)
///
/// A word read so is not a typo: a correction the typo reader made for it is dropped.
struct ConjunctionReader {
    /// What stands before a word whose first letter is its own, and never before a conjunction.
    static let article = "ال"

    let db: Database

    func read(_ query: ParsedQuery, corrections: [TypoCorrection]) throws -> (ParsedQuery, [TypoCorrection]) {
        var read = query
        var corrections = corrections
        for index in read.clauses.indices {
            let clause = read.clauses[index]
            guard !clause.isPhrase, !clause.isPrefix, clause.terms.count == 1, clause.language.usesArabicRules,
                  let word = Conjunction.wordAfter(clause.terms[0]),
                  try isConjunction(before: word, in: clause.terms[0]) else { continue }
            read.clauses[index].afterConjunction = word
            if let corrected = corrections.firstIndex(where: { $0.typed == clause.literal && $0.typedMatchedNothing }) {
                corrections.remove(at: corrected)
                read.clauses[index].fuzzySpellings = []
            }
        }
        return (read, corrections)
    }

    private func isConjunction(before word: String, in term: String) throws -> Bool {
        // As a word of its own: every document word فرنسا has the stem رنسا, which proves nothing.
        guard try IndexedTerm.exists(word, db) else { return false }
        return try !IndexedTerm.exists(Self.article + term, db)
    }
}
