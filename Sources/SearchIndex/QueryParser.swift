import TextAnalysis

/// A parsed query: every clause must match (implicit AND).
public struct ParsedQuery: Equatable, Sendable {
    /// One required clause: a word, or a run of words that must appear in this order, adjacent.
    public struct Clause: Equatable, Sendable {
        /// The folded terms of the clause; several for a quoted phrase or a word such as `covid-19`.
        public var terms: [String]
        /// Whether the user quoted it.
        public var isPhrase: Bool
    }

    public var clauses: [Clause]

    /// The FTS5 MATCH expression. Every term is a double-quoted FTS5 string, so no user text can
    /// act as FTS5 syntax; terms are already folded, and folding again (FTS5 runs the tokenizer
    /// on query strings too) leaves them unchanged.
    public var fullTextExpression: String {
        clauses.map { clause in
            "\"" + clause.terms.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: " AND ")
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
/// Words are found and folded by the same `Analyzer` as documents, so `"أستانا"` and `استانا`
/// give the same clause, and punctuation alone (`-`, `؟`, `«`) adds nothing. The curly and
/// guillemet quotes people type in Arabic and Persian text count as words, not as phrase quotes;
/// only ASCII `"` opens a phrase.
public struct QueryParser: Sendable {
    private let analyzer = Analyzer()

    public init() {}

    public func parse(_ query: String) throws(QueryError) -> ParsedQuery {
        var clauses: [ParsedQuery.Clause] = []
        var word = ""
        var phrase: String?
        var phraseColumn = 0
        var column = 0

        func endWord() {
            defer { word = "" }
            let terms = analyzer.tokens(in: word).map(\.term)
            if !terms.isEmpty { clauses.append(.init(terms: terms, isPhrase: false)) }
        }

        for scalar in query.unicodeScalars {
            column += 1
            if var open = phrase {
                if scalar == "\"" {
                    let terms = analyzer.tokens(in: open).map(\.term)
                    if !terms.isEmpty { clauses.append(.init(terms: terms, isPhrase: true)) }
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
                word.unicodeScalars.append(scalar)
            }
        }
        if phrase != nil { throw .unbalancedQuote(column: phraseColumn) }
        endWord()
        guard !clauses.isEmpty else { throw .empty }
        return ParsedQuery(clauses: clauses)
    }
}
