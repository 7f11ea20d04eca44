import TextAnalysis

/// Labels each highlighted range of a hit with how it matched the query: exactly as typed,
/// after folding, only through a stem, through a prefix, or through a typo correction.
struct MatchClassifier {
    private let literals: Set<String>
    private let surfaces: Set<String>
    private let corrected: Set<String>
    private let prefixes: [String]
    private let clauses: [ParsedQuery.Clause]
    private let analyzer = Analyzer()
    private let stemmer = LightStemmer()

    init(query: ParsedQuery) {
        let clauses = query.clauses.filter { !$0.isExcluded }
        self.clauses = clauses
        literals = Set(clauses.map(\.literal))
        var surfaces = Set<String>()
        for clause in clauses {
            // Spaces do not matter: کتاب ها and کتاب‌ها are the same folded word.
            surfaces.insert(clause.terms.joined())
            if clause.isPhrase { surfaces.formUnion(clause.terms) }
        }
        self.surfaces = surfaces
        corrected = Set(clauses.flatMap(\.fuzzySpellings))
        prefixes = clauses.filter(\.isPrefix).compactMap(\.terms.last)
    }

    func classify(_ highlights: inout [Highlight], in text: String) {
        guard !highlights.isEmpty else { return }
        let bytes = Array(text.utf8)
        for index in highlights.indices {
            let range = highlights[index].byteStart..<highlights[index].byteEnd
            let original = String(decoding: bytes[range], as: UTF8.self)
            let folded = analyzer.tokens(in: original).map(\.term).joined()
            if literals.contains(original) {
                highlights[index].kind = .exact
            } else if surfaces.contains(folded) {
                highlights[index].kind = .folded
            } else if corrected.contains(folded) {
                highlights[index].kind = .fuzzy
            } else if prefixes.contains(where: { folded.hasPrefix($0) }) {
                highlights[index].kind = .prefix
            } else {
                highlights[index].kind = .stem
            }
            highlights[index].queryWord = queryWord(for: original, folded: folded, kind: highlights[index].kind)
        }
    }

    /// Which clause a highlighted word answers, by the same tests that gave its kind.
    private func queryWord(for original: String, folded: String, kind: MatchKind) -> String? {
        let clause: ParsedQuery.Clause?
        switch kind {
        case .exact: clause = clauses.first { $0.literal == original }
        case .folded: clause = clauses.first { $0.terms.joined() == folded || ($0.isPhrase && $0.terms.contains(folded)) }
        case .fuzzy: clause = clauses.first { $0.fuzzySpellings.contains(folded) }
        case .prefix: clause = clauses.first { $0.isPrefix && $0.terms.last.map(folded.hasPrefix) == true }
        case .stem:
            clause = clauses.first { clause in
                clause.terms.count == 1
                    && stemmer.stems(of: folded, language: clause.language).contains { $0 == clause.terms[0] }
            }
        }
        return clause?.literal
    }
}
