import TextAnalysis

/// Labels each highlighted range of a hit with how it matched the query: exactly as typed,
/// after folding, only through a stem, through a prefix, or through a typo correction.
struct MatchClassifier {
    private let literals: Set<String>
    private let surfaces: Set<String>
    private let corrected: Set<String>
    private let prefixes: [String]
    private let analyzer = Analyzer()

    init(query: ParsedQuery) {
        let clauses = query.clauses.filter { !$0.isExcluded }
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
        }
    }
}
