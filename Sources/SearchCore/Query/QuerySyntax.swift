import TextAnalysis

/// One piece of a typed query, with the 1-based column (in characters) where it starts.
struct QueryLexeme: Equatable {
    enum Token: Equatable {
        /// Text to find; `prefix` when it ended in `*`.
        case word(String, prefix: Bool)
        case phrase(String)
        case open, close, or, not, minus, near, comma
    }

    var token: Token
    var column: Int
}

/// Cuts a query into words, phrases and operators.
///
/// - `"` opens a phrase that runs to the next `"`; an unclosed one is an error.
/// - `(` and `)` group; `NEAR(` opens a NEAR group, inside which `,` separates the distance.
/// - `OR` and `NOT` are operators only in capitals and standing alone.
/// - `-` directly before a word, a quote or a parenthesis, at the start of a word, excludes;
///   inside a word (covid-19) it is part of the word.
enum QueryLexer {
    static func lexemes(of query: String) throws(QueryError) -> [QueryLexeme] {
        var lexemes: [QueryLexeme] = []
        let scalars = Array(query.unicodeScalars)
        var word = String.UnicodeScalarView()
        var wordColumn = 0
        var nearDepths: [Int] = []
        var depth = 0

        func endWord() {
            guard !word.isEmpty else { return }
            var text = String(word)
            word = String.UnicodeScalarView()
            switch text {
            case "OR": lexemes.append(QueryLexeme(token: .or, column: wordColumn))
            case "NOT": lexemes.append(QueryLexeme(token: .not, column: wordColumn))
            default:
                var prefix = false
                while text.hasSuffix("*") {
                    text.removeLast()
                    prefix = true
                }
                if !text.isEmpty { lexemes.append(QueryLexeme(token: .word(text, prefix: prefix), column: wordColumn)) }
            }
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let column = index + 1
            switch scalar {
            case "\"":
                endWord()
                guard let close = scalars[(index + 1)...].firstIndex(of: "\"") else {
                    throw .unbalancedQuote(column: column)
                }
                var phrase = String.UnicodeScalarView()
                phrase.append(contentsOf: scalars[(index + 1)..<close])
                lexemes.append(QueryLexeme(token: .phrase(String(phrase)), column: column))
                index = close
            case "(":
                if String(word) == "NEAR" {
                    word = String.UnicodeScalarView()
                    lexemes.append(QueryLexeme(token: .near, column: wordColumn))
                    nearDepths.append(depth + 1)
                } else {
                    endWord()
                }
                depth += 1
                lexemes.append(QueryLexeme(token: .open, column: column))
            case ")":
                endWord()
                if nearDepths.last == depth { nearDepths.removeLast() }
                depth -= 1
                lexemes.append(QueryLexeme(token: .close, column: column))
            case "," where nearDepths.last == depth && depth > 0:
                endWord()
                lexemes.append(QueryLexeme(token: .comma, column: column))
            case "-" where word.isEmpty && index + 1 < scalars.count
                && !scalars[index + 1].properties.isWhitespace && scalars[index + 1] != "-":
                lexemes.append(QueryLexeme(token: .minus, column: column))
            case _ where scalar.properties.isWhitespace:
                endWord()
            default:
                if word.isEmpty { wordColumn = column }
                word.append(scalar)
            }
            index += 1
        }
        endWord()
        return lexemes
    }
}

/// Builds clauses and their structure from lexemes, by recursive descent:
///
///     query   := any
///     any     := all ("OR" all)*
///     all     := unary unary*
///     unary   := ("NOT" | "-") primary | primary
///     primary := "(" any ")" | "NEAR" "(" words ["," N] ")" | phrase | word
struct QueryBuilder {
    let parser: QueryParser
    let lexemes: [QueryLexeme]
    let language: TextLanguage
    private var position = 0
    private(set) var clauses: [ParsedQuery.Clause] = []
    /// Whether OR, NOT, -, NEAR or a prefix was used (then the structure is kept); grouping
    /// without them is the same as the plain words.
    private(set) var usedOperators = false
    /// Where the first `-` or NOT is, to point at when a part of the query only excludes.
    private var firstExclusionColumn: Int?

    init(parser: QueryParser, lexemes: [QueryLexeme], language: TextLanguage) {
        self.parser = parser
        self.lexemes = lexemes
        self.language = language
    }

    private var current: QueryLexeme? { position < lexemes.count ? lexemes[position] : nil }

    mutating func parseQuery() throws(QueryError) -> QueryNode? {
        let root = try parseAny()
        if let extra = current {
            // Only a ) can stop `parseAny` before the end.
            throw .unopenedParenthesis(column: extra.column)
        }
        if let root { try Self.checkSomethingRequired(root, column: firstExclusionColumn ?? 1) }
        return root
    }

    /// Every part of the query that must match has something positive in it: `-a` alone,
    /// or `b OR -a`, would ask FTS5 for "everything except", which it cannot do.
    private static func checkSomethingRequired(_ node: QueryNode, column: Int) throws(QueryError) {
        switch node {
        case .exclude:
            throw .onlyExclusions(column: column)
        case .any(let children):
            for child in children { try checkSomethingRequired(child, column: column) }
        case .all(let children):
            guard children.contains(where: { !$0.isExclusion }) else { throw .onlyExclusions(column: column) }
            for child in children where !child.isExclusion { try checkSomethingRequired(child, column: column) }
        case .clause, .near:
            break
        }
    }

    private mutating func parseAny() throws(QueryError) -> QueryNode? {
        var branches: [QueryNode] = []
        var sawOr = false
        if let first = try parseAll() { branches.append(first) }
        while let lexeme = current, lexeme.token == .or {
            usedOperators = true
            position += 1
            // A branch that vanished (only punctuation) leaves OR without a side.
            guard !branches.isEmpty, let next = try parseAll() else {
                throw .missingOperand(operator: "OR", column: lexeme.column)
            }
            branches.append(next)
            sawOr = true
        }
        if branches.isEmpty { return nil }
        return sawOr ? .any(branches) : branches[0]
    }

    private mutating func parseAll() throws(QueryError) -> QueryNode? {
        var items: [QueryNode] = []
        var pendingWords: [(literal: String, term: String, endsWithTehMarbuta: Bool)] = []
        func flush(_ builder: inout QueryBuilder) {
            for word in builder.parser.joinSpacedPersian(pendingWords, language: builder.language) {
                items.append(builder.add(builder.parser.wordClause(
                    word.literal, term: word.term, endsWithTehMarbuta: word.endsWithTehMarbuta,
                    language: builder.language)))
            }
            pendingWords = []
        }
        while let lexeme = current, lexeme.token != .or, lexeme.token != .close {
            // Plain words wait, so that Persian spaced spellings can be joined.
            if case .word(let text, prefix: false) = lexeme.token {
                let words = parser.analyzedWords(text)
                if words.count == 1 {
                    position += 1
                    pendingWords.append((parser.trimmed(text), words[0].term, words[0].endsWithTehMarbuta))
                    continue
                }
            }
            flush(&self)
            if let item = try parseUnary() { items.append(item) }
        }
        flush(&self)
        switch items.count {
        case 0: return nil
        case 1: return items[0]
        default: return .all(items)
        }
    }

    private mutating func parseUnary() throws(QueryError) -> QueryNode? {
        guard let lexeme = current else { return nil }
        guard lexeme.token == .not || lexeme.token == .minus else { return try parsePrimary() }
        usedOperators = true
        position += 1
        let name = lexeme.token == .minus ? "-" : "NOT"
        if firstExclusionColumn == nil { firstExclusionColumn = lexeme.column }
        guard let next = current, next.token != .or, next.token != .close, next.token != .not, next.token != .minus,
              let operand = try parsePrimary() else {
            throw .missingOperand(operator: name, column: lexeme.column)
        }
        markExcluded(operand)
        return .exclude(operand)
    }

    private mutating func parsePrimary() throws(QueryError) -> QueryNode? {
        guard let lexeme = current else { return nil }
        position += 1
        switch lexeme.token {
        case .open:
            // Parentheses alone change nothing: (عکس) in a pasted headline is just a word, and
            // the query stays plain (a long one still matches partially).
            let inner = try parseAny()
            guard let close = current, close.token == .close else { throw .unclosedParenthesis(column: lexeme.column) }
            position += 1
            guard let inner else { throw .emptyGroup(column: lexeme.column) }
            return inner
        case .near:
            usedOperators = true
            return try parseNear(at: lexeme.column)
        case .phrase(let text):
            return parser.clause(of: text, quoted: true, prefix: false, language: language).map { add($0) }
        case .word(let text, let prefix):
            if prefix { usedOperators = true }
            return parser.clause(of: text, quoted: false, prefix: prefix, language: language).map { add($0) }
        case .comma:
            return nil
        case .close, .or, .not, .minus:
            // Callers stop before these; reaching one here is a dangling operator.
            throw .missingOperand(operator: lexeme.token == .or ? "OR" : "NOT", column: lexeme.column)
        }
    }

    private mutating func parseNear(at column: Int) throws(QueryError) -> QueryNode {
        guard let open = current, open.token == .open else { throw .badNear(column: column, reason: "( expected") }
        position += 1
        var indices: [Int] = []
        var distance = QueryParser.defaultNearDistance
        while let lexeme = current, lexeme.token != .close {
            position += 1
            switch lexeme.token {
            case .word(let text, let prefix):
                if let clause = parser.clause(of: text, quoted: false, prefix: prefix, language: language),
                   case .clause(let index) = add(clause) { indices.append(index) }
            case .phrase(let text):
                if let clause = parser.clause(of: text, quoted: true, prefix: false, language: language),
                   case .clause(let index) = add(clause) { indices.append(index) }
            case .comma:
                guard let number = current, case .word(let digits, prefix: false) = number.token,
                      let value = Int(digits), (0...QueryParser.maximumNearDistance).contains(value) else {
                    throw .badNear(column: column, reason: "the distance after the comma must be a number from 0 to \(QueryParser.maximumNearDistance)")
                }
                distance = value
                position += 1
            default:
                throw .badNear(column: column, reason: "only words and phrases go inside")
            }
        }
        guard current?.token == .close else { throw .unclosedParenthesis(column: open.column) }
        position += 1
        guard indices.count >= 2 else { throw .badNear(column: column, reason: "it needs at least two words") }
        return .near(indices, distance: distance)
    }

    private mutating func add(_ clause: ParsedQuery.Clause) -> QueryNode {
        clauses.append(clause)
        return .clause(clauses.count - 1)
    }

    private mutating func markExcluded(_ node: QueryNode) {
        switch node {
        case .clause(let index): clauses[index].isExcluded = true
        case .near(let indices, _): for index in indices { clauses[index].isExcluded = true }
        case .all(let children), .any(let children): for child in children { markExcluded(child) }
        case .exclude(let inner): markExcluded(inner)
        }
    }
}
