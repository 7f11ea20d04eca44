public import TextAnalysis

/// A parsed query: its clauses, and whether a passage must match all of them.
public struct ParsedQuery: Equatable, Sendable {
    /// One clause: a word, or a run of words that must appear in this order, adjacent.
    public struct Clause: Equatable, Sendable {
        /// The clause as typed (without its quotes): what an exact match must equal.
        public var literal: String
        /// The folded terms; several for a quoted phrase or a word such as `covid-19`.
        public var terms: [String]
        /// The light stems of a one-term word clause (shown by explanations; matching looks for
        /// document words whose stems include the word itself).
        public var stems: [String]
        /// Whether the user quoted it.
        public var isPhrase: Bool
        /// `word*`: the last term is a prefix (after folding: أست* finds استانا).
        public var isPrefix = false
        /// Under `-` or NOT: passages with it are left out; never ranked or highlighted.
        public var isExcluded = false
        /// Close spellings found in the index when the word typed matched nothing (or with
        /// `--fuzzy`): matched too, ranked below the word itself, marked `fuzzy`.
        public var fuzzySpellings: [String] = []
        /// Whose clitics and affixes the word may carry (from the whole query's letters).
        public var language: TextLanguage = .unknown
        /// A function word (في، من، را، که …): never required in a question, never scored there.
        public var isStopWord: Bool
        /// Other spellings of the same word as FTS5 phrases, found in the index's vocabulary:
        /// a compound written with a space (`"روح الله"` for روح‌الله).
        public var spacedSpellings: [[String]] = []
        /// The word after a conjunction و or ف that the index says this word starts with
        /// (وروسيا: روسيا; see `ConjunctionReader`): it and its forms are forms of this word.
        public var afterConjunction: String?

        public init(literal: String, terms: [String], stems: [String] = [], isPhrase: Bool, isStopWord: Bool = false) {
            self.literal = literal
            self.terms = terms
            self.stems = stems
            self.isPhrase = isPhrase
            self.isStopWord = isStopWord
        }

        /// The clause as one FTS5 phrase on folded surface forms (what NEAR takes).
        public var surfacePhrase: String {
            Self.quoted(terms.joined(separator: " ")) + (isPrefix ? "*" : "")
        }

        /// The FTS5 expression matching the folded surface form only.
        public var surfaceExpression: String {
            let surface = surfacePhrase
            guard !spacedSpellings.isEmpty else { return surface }
            return "(" + ([surface] + spacedSpellings.map { Self.quoted($0.joined(separator: " ")) })
                .joined(separator: " OR ") + ")"
        }

        /// The FTS5 expression matching the clause: its surface form, and the words that are
        /// this word with clitics or affixes (whose stems include it).
        ///
        /// The query word's own stems are not searched: كتاب finds والكتاب and كتابه, but
        /// انجازات does not find انجاز, nor الكتاب كتاب; what was typed is the word sought. A
        /// conjunction is not part of the word, though: وروسيا also finds روسيا and its forms.
        public var expression: String {
            guard !isPhrase, terms.count == 1, let term = terms.first else { return surfaceExpression }
            let star = isPrefix ? "*" : ""
            let stemmed = IndexTerms.stemMarkers(for: language).map {
                " OR " + Self.quoted(String(UnicodeScalar($0)) + term) + star
            }.joined()
            let conjoined = afterConjunction.map { word in
                " OR " + Self.quoted(word) + " OR " + Self.quoted(String(UnicodeScalar(IndexTerms.arabicStemMarker)) + word)
            } ?? ""
            let spaced = spacedSpellings.map { " OR " + Self.quoted($0.joined(separator: " ")) }.joined()
            let fuzzy = fuzzySpellings.map { spelling in
                " OR " + Self.quoted(spelling) + IndexTerms.stemMarkers(for: language).map {
                    " OR " + Self.quoted(String(UnicodeScalar($0)) + spelling)
                }.joined()
            }.joined()
            return "(" + Self.quoted(term) + star + stemmed + conjoined + spaced + fuzzy + ")"
        }

        /// For questions, where recall matters more than the form typed: also the words that
        /// share one of this word's stems (الكتب for الكتاب's كتاب, انجاز for انجازات).
        public var broadExpression: String {
            guard !isPhrase, !isPrefix, terms.count == 1, !stems.isEmpty else { return expression }
            let markers = IndexTerms.stemMarkers(for: language)
            let shared = sharedStems.map { stem in
                " OR " + Self.quoted(stem) + markers.map { " OR " + Self.quoted(String(UnicodeScalar($0)) + stem) }.joined()
            }.joined()
            return String(expression.dropLast()) + shared + ")"
        }

        /// The stems a question also searches: all but the word after a conjunction, which
        /// `expression` has already.
        private var sharedStems: [String] { stems.filter { $0 != afterConjunction } }

        /// For each FTS5 phrase of `surfaceExpression`, `expression` and `broadExpression`, in
        /// the order FTS5 numbers them: which form of the clause it is and how a hit on it is
        /// labelled (see `PhraseKind`).
        var surfaceExpressionPhrases: [PhraseKind] {
            [PhraseKind(form: .surface, match: surfaceMatch)]
                + Array(repeating: PhraseKind(form: .surface, match: .folded), count: spacedSpellings.count)
        }

        var expressionPhrases: [PhraseKind] { expressionPhrases(afterConjunction: .inflected) }

        /// - Parameter conjoined: how the word after a conjunction ranks.
        private func expressionPhrases(afterConjunction conjoined: PhraseForm) -> [PhraseKind] {
            guard !isPhrase, terms.count == 1 else { return surfaceExpressionPhrases }
            let markers = IndexTerms.stemMarkers(for: language).count
            return [PhraseKind(form: .surface, match: surfaceMatch)]
                + Array(repeating: PhraseKind(form: .inflected, match: isPrefix ? .prefix : .stem), count: markers)
                + Array(repeating: PhraseKind(form: conjoined, match: .stem), count: afterConjunction == nil ? 0 : 2)
                + Array(repeating: PhraseKind(form: .surface, match: .folded), count: spacedSpellings.count)
                + Array(repeating: PhraseKind(form: .related, match: .fuzzy), count: fuzzySpellings.count * (1 + markers))
        }

        /// In a question the word after a conjunction weighs half, as the word's other stems do
        /// (روسيا is one of وروسيا's stems, which a question searches anyway).
        var broadExpressionPhrases: [PhraseKind] {
            guard !isPhrase, !isPrefix, terms.count == 1, !stems.isEmpty else {
                return expressionPhrases(afterConjunction: .related)
            }
            let markers = IndexTerms.stemMarkers(for: language).count
            return expressionPhrases(afterConjunction: .related)
                + Array(repeating: PhraseKind(form: .related, match: .stem), count: sharedStems.count * (1 + markers))
        }

        /// The clause's folded surface form as FTS5 matches it (a prefix, for `word*`).
        var surfaceMatch: MatchKind { isPrefix ? .prefix : .folded }

        /// Every term is a double-quoted FTS5 string, so no user text can act as FTS5 syntax.
        /// (A quote inside is doubled, scalar by scalar: FTS5 reads bytes, not characters.)
        package static func quoted(_ text: String) -> String {
            var result = String.UnicodeScalarView()
            result.append("\"")
            for scalar in text.unicodeScalars {
                if scalar == "\"" { result.append(scalar) }
                result.append(scalar)
            }
            result.append("\"")
            return String(result)
        }
    }

    public var clauses: [Clause]
    /// How the clauses combine when the query used operators (OR, NOT, -, NEAR, parentheses,
    /// prefixes); nil for a plain list of words and phrases, which all must match (or, for a
    /// question, most of them).
    public var structure: QueryNode?
    /// A question or a long query: passages need only some of the meaningful clauses, and rank
    /// by how many they have.
    public var matchesPartially: Bool

    public init(clauses: [Clause], structure: QueryNode? = nil, matchesPartially: Bool = false) {
        self.clauses = clauses
        self.structure = structure
        self.matchesPartially = matchesPartially
    }

    /// The clauses that rank and highlight: for a plain query all but the function words
    /// (unless it has nothing else); with operators, every clause not excluded.
    public var scoringClauses: [Clause] { scoringClauseIndices.map { clauses[$0] } }

    /// The indices in `clauses` of `scoringClauses`.
    public var scoringClauseIndices: [Int] {
        guard structure == nil else { return clauses.indices.filter { !clauses[$0].isExcluded } }
        let meaningful = clauses.indices.filter { !clauses[$0].isStopWord || clauses[$0].isPhrase }
        return meaningful.isEmpty ? Array(clauses.indices) : meaningful
    }

    /// The FTS5 MATCH expression: the scoring clauses, all required, or any for a question;
    /// with operators, the query's own structure.
    public var fullTextExpression: String {
        if let structure { return expression(of: structure) }
        return matchesPartially
            ? scoringClauses.map(\.broadExpression).joined(separator: " OR ")
            : scoringClauses.map(\.expression).joined(separator: " AND ")
    }

    /// The roles argument of `arfa_rank` (see `Ranking`): a byte per phrase of
    /// `fullTextExpression`; excluded clauses do not rank.
    package var rankRoles: [UInt8] {
        phraseRoles.map { role in
            clauses[role.clause].isExcluded ? Ranking.noRole : Ranking.role(clause: role.clause, form: role.form)
        }
    }

    /// What each phrase of `fullTextExpression` stands for, in the order FTS5 numbers them.
    public var phraseRoles: [PhraseRole] {
        if let structure { return phraseRoles(of: structure) }
        return scoringClauseIndices.flatMap { index in
            (matchesPartially ? clauses[index].broadExpressionPhrases : clauses[index].expressionPhrases)
                .map { PhraseRole(clause: index, $0) }
        }
    }

    private func phraseRoles(of node: QueryNode) -> [PhraseRole] {
        switch node {
        case .clause(let index):
            return clauses[index].expressionPhrases.map { PhraseRole(clause: index, $0) }
        case .any(let children):
            return children.flatMap(phraseRoles(of:))
        case .all(let children):
            // In the order `expression(of:)` writes them: required children, then exclusions.
            return children.filter { !$0.isExclusion }.flatMap(phraseRoles(of:))
                + children.filter(\.isExclusion).flatMap(phraseRoles(of:))
        case .exclude(let excluded):
            return phraseRoles(of: excluded)
        case .near(let indices, _):
            return indices.map { PhraseRole(clause: $0, PhraseKind(form: .surface, match: clauses[$0].surfaceMatch)) }
        }
    }

    private func expression(of node: QueryNode) -> String {
        switch node {
        case .clause(let index):
            return clauses[index].expression
        case .any(let children):
            return "(" + children.map(expression(of:)).joined(separator: " OR ") + ")"
        case .all(let children):
            // FTS5's NOT is binary (a NOT b): the required part first, then each exclusion.
            var result = "(" + children.filter { !$0.isExclusion }.map(expression(of:)).joined(separator: " AND ") + ")"
            for case .exclude(let excluded) in children {
                result = "(" + result + " NOT " + expression(of: excluded) + ")"
            }
            return result
        case .exclude(let excluded):
            // Only reachable inside `.all`, which handles it; kept total for safety.
            return expression(of: excluded)
        case .near(let indices, let distance):
            return "NEAR(" + indices.map { clauses[$0].surfacePhrase }.joined(separator: " ") + ", \(distance))"
        }
    }
}

/// One phrase of a MATCH expression: which clause it belongs to, which form of it, and how a
/// word it matches is labelled.
public struct PhraseRole: Equatable, Sendable {
    public var clause: Int
    public var form: PhraseForm
    /// `.folded` for the clause's surface form (a highlight that is the literal as typed is
    /// `.exact`), `.prefix` for any form of a `word*` clause, `.stem` for other forms of the
    /// word, `.fuzzy` for close spellings.
    public var match: MatchKind

    init(clause: Int, _ kind: PhraseKind) {
        self.clause = clause
        form = kind.form
        match = kind.match
    }
}

/// One phrase of a clause's expression, whatever clause it is in.
struct PhraseKind: Equatable {
    var form: PhraseForm
    var match: MatchKind
}

/// How the clauses of a query with operators combine.
public indirect enum QueryNode: Equatable, Sendable {
    /// One clause, by its index in `ParsedQuery.clauses`.
    case clause(Int)
    /// All children must match; `.exclude` children must not.
    case all([QueryNode])
    /// At least one child must match.
    case any([QueryNode])
    /// Passages matching this are left out (only inside `.all`).
    case exclude(QueryNode)
    /// The clauses within `distance` words of each other, in any order.
    case near([Int], distance: Int)

    var isExclusion: Bool {
        if case .exclude = self { return true }
        return false
    }
}
