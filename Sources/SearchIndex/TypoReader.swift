import GRDB
import SearchCore
import TextAnalysis

/// Reads query words that the index does not know as their close spellings that it does
/// (بوطين → بوتين, لافرف → لافروف), with `TypoDistance`'s costs, which make the classic
/// Arabic and Persian confusions cheap.
///
/// Only plain, required words are read this way: a phrase, a prefix or an excluded word means
/// what it says. A word matches something if the index has it as a word or as the stem of a
/// word; spelling variants that folding unifies (آستانا/أستانا) are therefore never typos.
struct TypoReader {
    let db: Database

    func read(_ query: ParsedQuery, tolerance: TypoTolerance) throws -> (ParsedQuery, [TypoCorrection]) {
        guard tolerance != .off else { return (query, []) }
        var read = query
        var corrections: [TypoCorrection] = []
        for index in read.clauses.indices {
            let clause = read.clauses[index]
            guard !clause.isPhrase, !clause.isPrefix, !clause.isExcluded, clause.terms.count == 1,
                  clause.spacedSpellings.isEmpty else { continue }
            let matchesNothing = try !isKnown(clause)
            guard matchesNothing || tolerance == .always else { continue }
            let spellings = try closeSpellings(of: clause.terms[0])
            guard !spellings.isEmpty else { continue }
            read.clauses[index].fuzzySpellings = spellings
            corrections.append(TypoCorrection(typed: clause.literal, spellings: spellings, typedMatchedNothing: matchesNothing))
        }
        return (read, corrections)
    }

    private func isKnown(_ clause: ParsedQuery.Clause) throws -> Bool {
        let term = clause.terms[0]
        let forms = [term] + IndexTerms.stemMarkers(for: clause.language).map { String(UnicodeScalar($0)) + term }
        for form in forms {
            if try IndexedTerm.exists(form, db) { return true }
        }
        return false
    }

    /// The closest indexed words, read in one pass over the vocabulary's words of a near length
    /// (stems, behind their control-byte markers, are left out).
    private func closeSpellings(of term: String) throws -> [String] {
        let letters = term.unicodeScalars.count
        guard let allowed = TypoCandidates.allowedDistance(letterCount: letters) else { return [] }
        let spread = Int(allowed.rounded(.down))
        let vocabulary = try Row.fetchAll(db, sql: """
            SELECT term, doc FROM \(Schema.vocabularyTable)
            WHERE term > ' ' AND length(term) BETWEEN ? AND ?
            """, arguments: [letters - spread, letters + spread]).map { row -> (term: String, frequency: Int) in
            (row["term"], row["doc"])
        }
        return TypoCandidates.closest(to: term, in: vocabulary).map(\.term)
    }
}
