/// An FTS5 MATCH expression and what each of its phrases stands for, written together: every
/// phrase is appended with its role (`append(anyOf:)`), so the roles that ranking and
/// highlighting read by phrase number always are those of the phrases FTS5 numbers.
///
/// Every term is a double-quoted FTS5 string, so no user text can act as FTS5 syntax; operators
/// and parentheses come from the query's structure (`append(_:)`), never from what was typed.
public struct MatchExpression: Equatable, Sendable {
    /// One phrase of the expression.
    public struct Phrase: Equatable, Sendable {
        /// Its terms, in order: folded words, or a stem marker and a stem.
        public var terms: [String]
        /// `word*`: its last term is a prefix.
        public var isPrefix: Bool
        public var role: PhraseRole

        /// The phrase as FTS5 reads it.
        var text: String {
            ParsedQuery.Clause.quoted(terms.joined(separator: " ")) + (isPrefix ? "*" : "")
        }
    }

    /// The MATCH text.
    public private(set) var text = ""
    /// Its phrases, in the order FTS5 numbers them (left to right).
    public private(set) var phrases: [Phrase] = []

    /// What each phrase stands for, in the order FTS5 numbers them.
    public var roles: [PhraseRole] { phrases.map(\.role) }

    init() {}

    /// Appends operators or parentheses.
    mutating func append(_ syntax: String) {
        text += syntax
    }

    /// Appends `phrases` as alternatives (OR), in parentheses when there are several.
    mutating func append(anyOf phrases: [Phrase]) {
        if phrases.count > 1 { text += "(" }
        for (position, phrase) in phrases.enumerated() {
            if position > 0 { text += " OR " }
            text += phrase.text
            self.phrases.append(phrase)
        }
        if phrases.count > 1 { text += ")" }
    }
}
