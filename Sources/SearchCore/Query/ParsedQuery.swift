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
        /// The word's modern spellings when it is typed (or pasted) in Qur'anic or older spelling
        /// (`QuranicSpelling`: ٱلْكِتَـٰبَ is الكتاب, الصلوة is الصلاة): matched as the word itself.
        public var readings: [String] = []
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
        public var surfacePhrase: String { expression(reach: .surfacePhrase) }

        /// The FTS5 expression matching the folded surface form only.
        public var surfaceExpression: String { expression(reach: .surface) }

        /// The FTS5 expression matching the clause: its surface form, and the words that are
        /// this word with clitics or affixes (whose stems include it).
        ///
        /// The query word's own stems are not searched: كتاب finds والكتاب and كتابه, but
        /// انجازات does not find انجاز, nor الكتاب كتاب; what was typed is the word sought. A
        /// conjunction is not part of the word, though: وروسيا also finds روسيا and its forms.
        public var expression: String { expression(reach: .word) }

        /// For questions, where recall matters more than the form typed: also the words that
        /// share one of this word's stems (الكتب for الكتاب's كتاب, انجاز for انجازات).
        public var broadExpression: String { expression(reach: .question) }

        private func expression(reach: Reach) -> String {
            var expression = MatchExpression()
            expression.append(anyOf: phrases(clause: 0, reach: reach))
            return expression.text
        }

        /// How far a clause's expression reaches beyond the word as typed.
        enum Reach {
            /// Its folded surface form, as one phrase (NEAR takes phrases only).
            case surfacePhrase
            /// Its surface form and its spellings with a space.
            case surface
            /// Also the word with clitics or affixes, the word after a conjunction, close
            /// spellings: what a plain query or a query with operators looks for.
            case word
            /// For a question: also the words that share a stem with it, and the word after a
            /// conjunction weighs as they do (روسيا is one of وروسيا's stems, which a question
            /// searches anyway).
            case question
        }

        /// The FTS5 phrases any of which matches the clause (numbered `clause` in the query),
        /// each with its role: the one list both the MATCH text and the roles are written from.
        func phrases(clause: Int, reach: Reach) -> [MatchExpression.Phrase] {
            func phrase(_ terms: [String], prefix: Bool = false, _ form: PhraseForm, _ match: MatchKind) -> MatchExpression.Phrase {
                MatchExpression.Phrase(terms: terms, isPrefix: prefix, role: PhraseRole(clause: clause, form: form, match: match))
            }
            var phrases = [phrase(terms, prefix: isPrefix, .surface, surfaceMatch)]
            guard reach != .surfacePhrase else { return phrases }
            let spaced = spacedSpellings.map { phrase($0, .surface, .folded) }
            let read = readings.map { phrase([$0], prefix: isPrefix, .surface, surfaceMatch) }
            guard reach != .surface, !isPhrase, terms.count == 1, let term = terms.first else { return phrases + read + spaced }
            /// The words whose stems include `word` (`IndexTerms.stemTerms`).
            func inflections(of word: String, language: TextLanguage, prefix: Bool = false, _ form: PhraseForm,
                             _ match: MatchKind) -> [MatchExpression.Phrase] {
                IndexTerms.stemTerms(of: word, language: language).map { phrase([$0], prefix: prefix, form, match) }
            }
            phrases += inflections(of: term, language: language, prefix: isPrefix, .inflected, isPrefix ? .prefix : .stem)
            for (reading, phrase) in zip(readings, read) {
                phrases += [phrase] + inflections(of: reading, language: language, prefix: isPrefix, .inflected,
                                                  isPrefix ? .prefix : .stem)
            }
            if let word = afterConjunction {
                // Only Arabic attaches a conjunction (see `ConjunctionReader`).
                let form: PhraseForm = reach == .question ? .related : .inflected
                phrases += [phrase([word], form, .stem)] + inflections(of: word, language: .arabic, form, .stem)
            }
            phrases += spaced
            for spelling in fuzzySpellings {
                phrases += [phrase([spelling], .related, .fuzzy)] + inflections(of: spelling, language: language, .related, .fuzzy)
            }
            if reach == .question, !isPrefix {
                for stem in sharedStems {
                    phrases += [phrase([stem], .related, .stem)] + inflections(of: stem, language: language, .related, .stem)
                }
            }
            return phrases
        }

        /// The stems a question also searches: all but the word after a conjunction, which
        /// the word's expression has already.
        private var sharedStems: [String] { stems.filter { $0 != afterConjunction } }

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

    /// The FTS5 MATCH expression and the role of each of its phrases, written together: the
    /// scoring clauses, all required, or any for a question; with operators, the query's own
    /// structure.
    public var matchExpression: MatchExpression {
        var expression = MatchExpression()
        if let structure {
            append(structure, to: &expression)
        } else {
            for (position, index) in scoringClauseIndices.enumerated() {
                if position > 0 { expression.append(matchesPartially ? " OR " : " AND ") }
                expression.append(anyOf: clauses[index].phrases(clause: index, reach: matchesPartially ? .question : .word))
            }
        }
        return expression
    }

    /// The FTS5 MATCH expression (`matchExpression`'s text).
    public var fullTextExpression: String { matchExpression.text }

    /// What each phrase of `fullTextExpression` stands for, in the order FTS5 numbers them.
    public var phraseRoles: [PhraseRole] { matchExpression.roles }

    /// The roles argument of `arfa_rank` (see `Ranking`): a byte per phrase of
    /// `fullTextExpression`; excluded clauses do not rank.
    package var rankRoles: [UInt8] {
        phraseRoles.map { role in
            clauses[role.clause].isExcluded ? Ranking.noRole : Ranking.role(clause: role.clause, form: role.form)
        }
    }

    private func append(_ node: QueryNode, to expression: inout MatchExpression) {
        switch node {
        case .clause(let index):
            expression.append(anyOf: clauses[index].phrases(clause: index, reach: .word))
        case .any(let children):
            expression.append("(")
            for (position, child) in children.enumerated() {
                if position > 0 { expression.append(" OR ") }
                append(child, to: &expression)
            }
            expression.append(")")
        case .all(let children):
            // FTS5's NOT is binary (a NOT b): the required part first, then each exclusion,
            // ((required) NOT a) NOT b.
            let exclusions = children.filter(\.isExclusion)
            expression.append(String(repeating: "(", count: exclusions.count + 1))
            for (position, child) in children.filter({ !$0.isExclusion }).enumerated() {
                if position > 0 { expression.append(" AND ") }
                append(child, to: &expression)
            }
            expression.append(")")
            for exclusion in exclusions {
                expression.append(" NOT ")
                append(exclusion, to: &expression)
                expression.append(")")
            }
        case .exclude(let excluded):
            append(excluded, to: &expression)
        case .near(let indices, let distance):
            expression.append("NEAR(")
            for (position, index) in indices.enumerated() {
                if position > 0 { expression.append(" ") }
                expression.append(anyOf: clauses[index].phrases(clause: index, reach: .surfacePhrase))
            }
            expression.append(", \(distance))")
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

    public init(clause: Int, form: PhraseForm, match: MatchKind) {
        self.clause = clause
        self.form = form
        self.match = match
    }
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
