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
        /// Whose clitics and affixes the word may carry (from the whole query's letters).
        public var language: TextLanguage = .unknown
        /// A function word (في، من، را، که …): never required in a question, never scored there.
        public var isStopWord: Bool
        /// Other spellings of the same word as FTS5 phrases, found in the index's vocabulary:
        /// a compound written with a space (`"روح الله"` for روح‌الله).
        public var spacedSpellings: [[String]] = []

        public init(literal: String, terms: [String], stems: [String] = [], isPhrase: Bool, isStopWord: Bool = false) {
            self.literal = literal
            self.terms = terms
            self.stems = stems
            self.isPhrase = isPhrase
            self.isStopWord = isStopWord
        }

        /// The FTS5 expression matching the folded surface form only.
        public var surfaceExpression: String {
            let surface = Self.quoted(terms.joined(separator: " "))
            guard !spacedSpellings.isEmpty else { return surface }
            return "(" + ([surface] + spacedSpellings.map { Self.quoted($0.joined(separator: " ")) })
                .joined(separator: " OR ") + ")"
        }

        /// The FTS5 expression matching the clause: its surface form, and the words that are
        /// this word with clitics or affixes (whose stems include it).
        ///
        /// The query word's own stems are not searched: كتاب finds والكتاب and كتابه, but
        /// انجازات does not find انجاز, nor الكتاب كتاب; what was typed is the word sought.
        public var expression: String {
            guard !isPhrase, terms.count == 1, let term = terms.first else { return surfaceExpression }
            let stemmed = IndexTerms.stemMarkers(for: language).map {
                " OR " + Self.quoted(String(UnicodeScalar($0)) + term)
            }.joined()
            let spaced = spacedSpellings.map { " OR " + Self.quoted($0.joined(separator: " ")) }.joined()
            return "(" + Self.quoted(term) + stemmed + spaced + ")"
        }

        /// For questions, where recall matters more than the form typed: also the words that
        /// share one of this word's stems (الكتب for الكتاب's كتاب, انجاز for انجازات).
        public var broadExpression: String {
            guard !isPhrase, terms.count == 1, !stems.isEmpty else { return expression }
            let markers = IndexTerms.stemMarkers(for: language)
            let shared = stems.map { stem in
                " OR " + Self.quoted(stem) + markers.map { " OR " + Self.quoted(String(UnicodeScalar($0)) + stem) }.joined()
            }.joined()
            return String(expression.dropLast()) + shared + ")"
        }

        /// Every term is a double-quoted FTS5 string, so no user text can act as FTS5 syntax.
        static func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    public var clauses: [Clause]
    /// A question or a long query: passages need only some of the meaningful clauses, and rank
    /// by how many they have.
    public var matchesPartially: Bool

    public init(clauses: [Clause], matchesPartially: Bool = false) {
        self.clauses = clauses
        self.matchesPartially = matchesPartially
    }

    /// The clauses that decide whether a passage matches: all but the function words, unless
    /// the query has nothing else.
    public var scoringClauses: [Clause] {
        let meaningful = clauses.filter { !$0.isStopWord || $0.isPhrase }
        return meaningful.isEmpty ? clauses : meaningful
    }

    /// The FTS5 MATCH expression: the scoring clauses, all required, or any for a question.
    public var fullTextExpression: String {
        matchesPartially
            ? scoringClauses.map(\.broadExpression).joined(separator: " OR ")
            : scoringClauses.map(\.expression).joined(separator: " AND ")
    }
}

/// What is wrong with a query, with the 1-based character column where it goes wrong.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    case empty
    case unbalancedQuote(column: Int)

    public var description: String {
        switch self {
        case .empty:
            "the query has no words to search for"
        case .unbalancedQuote(let column):
            "unbalanced quote: the phrase opened at column \(column) is never closed (add a closing \")"
        }
    }
}

/// Parses what the user typed into clauses: bare words, and "quoted phrases".
///
/// - Words are found and folded by the same `Analyzer` as documents, so `"أستانا"` and `استانا`
///   give the same clause, and punctuation alone (`-`, `؟`, `«`) adds nothing. The curly and
///   guillemet quotes people type in Arabic and Persian text count as words, not as phrase
///   quotes; only ASCII `"` opens a phrase.
/// - Each word gets its light stems, so كتاب also finds والكتاب and کتاب‌ها.
/// - Persian spaced spellings are joined as documents join them: `می خواهم` is one clause
///   `ميخواهم`, `کتاب ها` is `كتابها`.
/// - A question (it has ? or ؟) with two or more meaningful words, or any query with three or
///   more, matches partially: passages with all its words come first, then those with most.
public struct QueryParser: Sendable {
    /// Meaningful words from which a query is read as a question rather than a conjunction.
    static let partialMatchWordCount = 3

    private let analyzer = Analyzer()
    private let stemmer = LightStemmer()

    public init() {}

    public func parse(_ query: String) throws(QueryError) -> ParsedQuery {
        var pieces: [(literal: String, isPhrase: Bool)] = []
        var word = ""
        var phrase: String?
        var phraseColumn = 0
        var column = 0
        var isQuestion = false

        func endWord() {
            if !word.isEmpty { pieces.append((word, false)) }
            word = ""
        }

        for scalar in query.unicodeScalars {
            column += 1
            if var open = phrase {
                if scalar == "\"" {
                    pieces.append((open, true))
                    phrase = nil
                } else {
                    open.unicodeScalars.append(scalar)
                    phrase = open
                }
            } else if scalar == "\"" {
                endWord()
                phrase = ""
                phraseColumn = column
            } else if scalar.properties.isWhitespace {
                endWord()
            } else {
                if scalar == "?" || scalar == "\u{061F}" { isQuestion = true }
                word.unicodeScalars.append(scalar)
            }
        }
        if phrase != nil { throw .unbalancedQuote(column: phraseColumn) }
        endWord()

        let language = TextLanguage.guess(query, countsKeyboardLetters: false)
        var clauses: [ParsedQuery.Clause] = []
        var pendingWords: [(literal: String, term: String, endsWithTehMarbuta: Bool)] = []
        func flushWords() {
            for joined in joinSpacedPersian(pendingWords, language: language) {
                clauses.append(wordClause(joined.literal, term: joined.term,
                                          endsWithTehMarbuta: joined.endsWithTehMarbuta, language: language))
            }
            pendingWords = []
        }
        for piece in pieces {
            let words = analyzedWords(piece.literal)
            if piece.isPhrase || words.count > 1 {
                flushWords()
                let terms = joinSpacedPersian(words, language: language).map(\.term)
                if !terms.isEmpty {
                    clauses.append(.init(literal: trimmed(piece.literal), terms: terms, isPhrase: piece.isPhrase))
                }
            } else if let only = words.first {
                pendingWords.append((trimmed(piece.literal), only.term, only.endsWithTehMarbuta))
            }
        }
        flushWords()
        guard !clauses.isEmpty else { throw .empty }

        var parsed = ParsedQuery(clauses: clauses)
        let meaningful = parsed.scoringClauses.count
        parsed.matchesPartially = meaningful >= Self.partialMatchWordCount || (isQuestion && meaningful >= 2)
        return parsed
    }

    private func wordClause(_ literal: String, term: String, endsWithTehMarbuta: Bool,
                            language: TextLanguage) -> ParsedQuery.Clause {
        let stems = stemmer.stems(of: term, endsWithTehMarbuta: endsWithTehMarbuta, language: language, isQuery: true)
        var clause = ParsedQuery.Clause(literal: literal, terms: [term], stems: stems, isPhrase: false,
                                        isStopWord: StopWords.contains(term))
        clause.language = language
        return clause
    }

    private func analyzedWords(_ text: String) -> [(literal: String, term: String, endsWithTehMarbuta: Bool)] {
        var text = text
        var words: [(literal: String, term: String, endsWithTehMarbuta: Bool)] = []
        text.withUTF8 { utf8 in
            analyzer.analyzeWords(utf8: utf8) { word in
                words.append((String(decoding: UnsafeBufferPointer(rebasing: utf8[word.byteStart..<word.byteEnd]), as: UTF8.self),
                              String(decoding: word.term, as: UTF8.self), word.endsWithTehMarbuta))
            }
        }
        return words
    }

    /// Joins کتاب + ها and می + خواهم into one word, as `IndexTerms` does for documents.
    private func joinSpacedPersian(_ words: [(literal: String, term: String, endsWithTehMarbuta: Bool)],
                                   language: TextLanguage) -> [(literal: String, term: String, endsWithTehMarbuta: Bool)] {
        guard language != .arabic else { return words }
        var result: [(literal: String, term: String, endsWithTehMarbuta: Bool)] = []
        for word in words {
            if let previous = result.last,
               Self.isPrefixWord(previous.term) || Self.isSuffixWord(word.term),
               !Self.isPrefixWord(word.term) {
                result[result.count - 1] = (previous.literal + " " + word.literal, previous.term + word.term,
                                            word.endsWithTehMarbuta)
            } else {
                result.append(word)
            }
        }
        return result
    }

    private static func isSuffixWord(_ term: String) -> Bool {
        var term = term
        return term.withUTF8 { PersianSpacing.isSuffixWord($0) }
    }

    private static func isPrefixWord(_ term: String) -> Bool {
        var term = term
        return term.withUTF8 { PersianSpacing.isPrefixWord($0) }
    }

    /// The literal without punctuation around it: `الزقوم؟` is typed, `الزقوم` is the word.
    private func trimmed(_ literal: String) -> String {
        var text = literal
        var span: (start: Int, end: Int)?
        text.withUTF8 { bytes in
            analyzer.analyzeWords(utf8: bytes) { word in
                span = (span?.start ?? word.byteStart, word.byteEnd)
            }
        }
        guard let span else { return literal }
        return String(decoding: Array(literal.utf8)[span.start..<span.end], as: UTF8.self)
    }
}
