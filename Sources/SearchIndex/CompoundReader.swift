import GRDB
import SearchCore
import TextAnalysis

/// Reads a query's words as compounds when the index says so, because Arabic and Persian write
/// many compounds three ways (روح‌الله, روح الله, روح‌الله; ثبت‌نام, ثبتنام, ثبت نام):
/// - a word that the index also has split in two (both halves are indexed words) matches the two
///   halves as a phrase too: روح‌الله finds "روح الله"; where the user typed a ZWNJ, the parts it
///   marks are always matched as a phrase (آن‌که finds "آن که", though both are function words);
/// - two adjacent query words whose joined spelling is an indexed word become one compound
///   clause, matching the joined word or the two words side by side: ثبت نام finds ثبت‌نام.
struct CompoundReader {
    let db: Database

    func read(_ query: ParsedQuery) throws -> ParsedQuery {
        var clauses: [ParsedQuery.Clause] = []
        for clause in query.clauses {
            // Only a plain query's clauses are adjacent words; with operators they may be apart.
            // A conjunction standing alone (سوريا و روسيا) is a word of its own, never half of one.
            if query.structure == nil, let previous = clauses.last, isPlainWord(previous), isPlainWord(clause),
               !Conjunction.isStandalone(previous.terms[0]), !Conjunction.isStandalone(clause.terms[0]),
               !query.matchesPartially || (!previous.isStopWord && !clause.isStopWord) {
                let joined = previous.terms[0] + clause.terms[0]
                if try isIndexed(joined) {
                    clauses[clauses.count - 1] = ParsedQuery.Clause(
                        literal: previous.literal + " " + clause.literal, terms: [joined], isPhrase: false)
                    clauses[clauses.count - 1].spacedSpellings = [previous.terms + clause.terms]
                    clauses[clauses.count - 1].language = clause.language
                    continue
                }
            }
            clauses.append(clause)
        }
        for index in clauses.indices where isPlainWord(clauses[index]) && clauses[index].spacedSpellings.isEmpty {
            let typed = typedSplit(of: clauses[index]).map { [$0] } ?? []
            clauses[index].spacedSpellings = typed + (try splits(of: clauses[index].terms[0])).filter { !typed.contains($0) }
        }
        var read = query
        read.clauses = clauses
        return read
    }

    /// The parts the user marked with a zero-width non-joiner (`Compound.partsMarked`).
    private func typedSplit(of clause: ParsedQuery.Clause) -> [String]? {
        Compound.partsMarked(in: clause.literal, term: clause.terms[0])
    }

    private func isPlainWord(_ clause: ParsedQuery.Clause) -> Bool {
        !clause.isPhrase && !clause.isPrefix && clause.terms.count == 1
    }

    /// The ways to cut `term` into two indexed words (of those `Compound.cuts` allows).
    private func splits(of term: String) throws -> [[String]] {
        try Compound.cuts(of: term).filter { try isIndexed($0[0]) && isIndexed($0[1]) }
    }

    private func isIndexed(_ term: String) throws -> Bool {
        try IndexedTerm.exists(term, db)
    }
}
