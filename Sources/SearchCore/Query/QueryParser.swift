import TextAnalysis

/// Parses what the user typed into clauses and, when it used operators, their structure.
///
/// Syntax (only these ASCII forms are operators; anything else is text to find):
/// - words, all required; `"a phrase"` (ASCII quotes; « » and “ ” are ordinary punctuation);
/// - `a OR b`; `-word`, `-"a phrase"`, `-(…)` or `NOT word` to leave out; `word*` for a prefix;
/// - `NEAR(a b, N)`: the words within N words of each other (default 10);
/// - parentheses group: `(أستانا OR سوتشي) مفاوضات`.
///
/// - Words are found and folded by the same `Analyzer` as documents, so `"أستانا"` and `استانا`
///   give the same clause, and punctuation alone (`-`, `؟`, `«`) adds nothing.
/// - Each word gets its light stems, so كتاب also finds والكتاب and کتاب‌ها.
/// - Persian spaced spellings are joined as documents join them (`PersianSpacing`): `می خواهم`
///   is one clause `ميخواهم`, `کتاب ها` is `كتابها`.
/// - A plain query (no operators) that is a question (it has ? or ؟) with two or more meaningful
///   words, or that has three or more, matches partially: passages with all its words come
///   first, then those with most.
/// - Whatever the user types, the FTS5 expression is built from quoted terms and our own
///   operators: user text never reaches FTS5 as syntax.
public struct QueryParser: Sendable {
    /// Meaningful words from which a query is read as a question rather than a conjunction.
    static let partialMatchWordCount = 3
    /// NEAR's distance when none is given, and the largest accepted.
    static let defaultNearDistance = 10
    static let maximumNearDistance = 1_000

    private let analyzer = Analyzer()
    private let stemmer = LightStemmer()

    public init() {}

    public func parse(_ query: String) throws(QueryError) -> ParsedQuery {
        let lexemes = try QueryLexer.lexemes(of: query)
        var builder = QueryBuilder(parser: self, lexemes: lexemes, language: Self.language(of: lexemes))
        let root = try builder.parseQuery()
        guard let root, !builder.clauses.isEmpty else { throw .empty }
        var parsed = ParsedQuery(clauses: builder.clauses)
        if builder.usedOperators {
            parsed.structure = root
        } else {
            let meaningful = parsed.scoringClauses.count
            let isQuestion = query.unicodeScalars.contains { $0 == "?" || $0 == "\u{061F}" }
            parsed.matchesPartially = meaningful >= Self.partialMatchWordCount || (isQuestion && meaningful >= 2)
        }
        return parsed
    }

    /// The language of a query, from the words and phrases typed: operators are not words, and a
    /// prefix is the start of a word, not the word it spells (`است*` is not the Persian است, so
    /// it is read as `أست*` is).
    static func language(of lexemes: [QueryLexeme]) -> TextLanguage {
        var evidence = TextLanguage.Evidence()
        for lexeme in lexemes {
            switch lexeme.token {
            case .word(let text, let prefix): evidence.add(text, wholeWords: !prefix)
            case .phrase(let text): evidence.add(text)
            default: break
            }
        }
        return evidence.language(keyboardLettersBreakTiesOnly: true)
    }

    /// The clause one piece of typed text gives: a phrase clause for quoted text or a word with
    /// inner punctuation (covid-19), else a word clause; nil when it has no word at all.
    func clause(of text: String, quoted: Bool, prefix: Bool, language: TextLanguage) -> ParsedQuery.Clause? {
        let words = analyzedWords(text)
        if quoted || words.count > 1 {
            let terms = joinSpacedPersian(words, language: language).map(\.term)
            guard !terms.isEmpty else { return nil }
            var clause = ParsedQuery.Clause(literal: trimmed(text), terms: terms, isPhrase: quoted)
            clause.isPrefix = prefix
            return clause
        }
        guard let only = words.first else { return nil }
        var clause = wordClause(trimmed(text), term: only.term, endsWithTehMarbuta: only.endsWithTehMarbuta,
                                language: language)
        clause.isPrefix = prefix
        return clause
    }

    func wordClause(_ literal: String, term: String, endsWithTehMarbuta: Bool,
                            language: TextLanguage) -> ParsedQuery.Clause {
        let stems = stemmer.stems(of: term, endsWithTehMarbuta: endsWithTehMarbuta, language: language, isQuery: true)
        var clause = ParsedQuery.Clause(literal: literal, terms: [term], stems: stems, isPhrase: false,
                                        isStopWord: StopWords.contains(term))
        clause.language = language
        clause.readings = QuranicSpelling.modernReadings(ofWord: literal, folded: term)
        return clause
    }

    func analyzedWords(_ text: String) -> [(literal: String, term: String, endsWithTehMarbuta: Bool)] {
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

    /// Joins کتاب + ها and می + خواهم into one word, by the rule documents are indexed with
    /// (`PersianSpacing`): «کتاب ها ی» is the word كتابهاي.
    func joinSpacedPersian(_ words: [(literal: String, term: String, endsWithTehMarbuta: Bool)],
                           language: TextLanguage) -> [(literal: String, term: String, endsWithTehMarbuta: Bool)] {
        guard language.usesPersianRules else { return words }
        return PersianSpacing.runs(of: words.map(\.term)).map { run in
            let joined = words[run]
            return (joined.map(\.literal).joined(separator: " "), joined.map(\.term).joined(), joined.last!.endsWithTehMarbuta)
        }
    }

    /// The literal without punctuation around it: `الزقوم؟` is typed, `الزقوم` is the word.
    func trimmed(_ literal: String) -> String {
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
