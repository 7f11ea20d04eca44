import TextAnalysis

/// Labels each highlighted range of a hit with how it matched the query: exactly as typed,
/// after folding, or only through a stem.
struct MatchClassifier {
    private let literals: Set<String>
    private let surfaces: Set<String>
    private let analyzer = Analyzer()

    init(query: ParsedQuery) {
        literals = Set(query.clauses.map(\.literal))
        var surfaces = Set<String>()
        for clause in query.clauses {
            // Spaces do not matter: کتاب ها and کتاب‌ها are the same folded word.
            surfaces.insert(clause.terms.joined())
            if clause.isPhrase { surfaces.formUnion(clause.terms) }
        }
        self.surfaces = surfaces
    }

    func classify(_ highlights: inout [Highlight], in text: String) {
        guard !highlights.isEmpty else { return }
        let bytes = Array(text.utf8)
        for index in highlights.indices {
            let range = highlights[index].byteStart..<highlights[index].byteEnd
            let original = String(decoding: bytes[range], as: UTF8.self)
            if literals.contains(original) {
                highlights[index].kind = .exact
            } else if surfaces.contains(analyzer.tokens(in: original).map(\.term).joined()) {
                highlights[index].kind = .folded
            } else {
                highlights[index].kind = .stem
            }
        }
    }
}
