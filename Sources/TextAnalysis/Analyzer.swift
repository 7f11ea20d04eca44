/// Splits UTF-8 text into words and folds each word to its search form, reporting where each word
/// lies in the original bytes.
///
/// Guarantees:
/// - A word is a run of letters, or a run of digits, together with the marks and joiners inside
///   it: harakat, tatweel and ZWNJ never split a word (`مسيَّساً` is one word, `می‌گذاریم` is one
///   word), while a change between digits and letters does (`p53` is `p` and `53`).
/// - Each term is folded by the rules listed on `ScalarTable` (hamza, yeh, kaf, heh forms, marks,
///   digits, presentation forms, case), identically for documents and queries, and folding is
///   idempotent: analyzing a term gives the same term back.
/// - `byteStart..<byteEnd` is the word's span in the ORIGINAL bytes, trailing marks included, so a
///   highlight never separates a letter from its haraka.
/// - No allocation per token: terms are built in one scratch buffer per call. Terms longer than
///   `maximumTermBytes` are cut at a scalar boundary (identically for documents and queries).
///
/// For example, `"قرأتُ الكتابَ"` gives `قرات` at bytes 0..<10 and `الكتاب` at 11..<25.
public struct Analyzer: Sendable {
    /// Upper bound on the UTF-8 length of one term; longer words are truncated, never split.
    public static let maximumTermBytes = 255

    let table: ScalarTable

    public init() {
        table = ScalarTable.shared
    }

    /// Calls `body` once per term of `text`, in order.
    public func analyze(
        utf8 text: UnsafeBufferPointer<UInt8>,
        _ body: (_ term: UnsafeBufferPointer<UInt8>, _ byteStart: Int, _ byteEnd: Int) throws -> Void
    ) rethrows {
        try analyzeWords(utf8: text) { word in try body(word.term, word.byteStart, word.byteEnd) }
    }

    /// Calls `body` once per word of `text`, in order, with what stemming needs to know beyond
    /// the folded term.
    public func analyzeWords(utf8 text: UnsafeBufferPointer<UInt8>, _ body: (AnalyzedWord) throws -> Void) rethrows {
        guard let bytes = text.baseAddress, !text.isEmpty else { return }
        let count = text.count
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maximumTermBytes + 4) { scratch in
            let term = scratch.baseAddress!
            try table.low.withUnsafeBufferPointer { low in
                try table.presentation.withUnsafeBufferPointer { presentation in
                    var wordStart = -1      // byte offset of the current word, -1 between words
                    var wordEnd = 0         // end of its last letter or mark (joiners excluded)
                    var termLength = 0
                    var termEndsWithDigit = false
                    var endsWithTehMarbuta = false
                    var hasMarks = false
                    var index = 0

                    @inline(__always) func flush() throws {
                        if termLength > 0 {
                            try body(AnalyzedWord(term: UnsafeBufferPointer(start: term, count: termLength),
                                                  byteStart: wordStart, byteEnd: wordEnd,
                                                  endsWithTehMarbuta: endsWithTehMarbuta, hasMarks: hasMarks))
                        }
                        wordStart = -1
                        termLength = 0
                        hasMarks = false
                    }
                    @inline(__always) func append(_ value: UInt32) {
                        guard termLength + 4 <= Self.maximumTermBytes else { return }
                        termLength += UTF8Encoding.encode(value, into: term + termLength)
                    }

                    // Each iteration consumes one scalar: it extends the current word, or ends it.
                    while index < count {
                        let value: UInt32
                        let length: Int
                        let byte = bytes[index]
                        if byte < 0x80 {
                            value = UInt32(byte)
                            length = 1
                        } else {
                            (value, length) = UTF8Encoding.decode(bytes, at: index, count: count)
                        }
                        let entry: UInt32
                        if value < ScalarTable.lowLimit {
                            entry = low[Int(value)]
                        } else if value >= ScalarTable.presentationStart && value <= ScalarTable.presentationEnd {
                            entry = presentation[Int(value - ScalarTable.presentationStart)]
                        } else {
                            entry = ScalarTable.computeEntry(value)
                        }
                        let next = index + length
                        switch ScalarTable.kind(of: entry) {
                        case .letter:
                            let payload = ScalarTable.payload(of: entry)
                            let isDigit = payload &- 0x30 < 10
                            // Digits and letters glued together are two words (هوادار53, p53):
                            // text that lost its spaces still matches, and a query such as
                            // "g20" becomes the phrase "g 20", which matches "G-20" too.
                            if termLength > 0 && isDigit != termEndsWithDigit { try flush() }
                            if wordStart < 0 { wordStart = index }
                            append(payload)
                            termEndsWithDigit = isDigit
                            // Folding makes ة and ه one letter; the stemmer still needs to know.
                            endsWithTehMarbuta = value == ArabicScript.tehMarbuta
                                || value == ArabicScript.tehMarbutaGoal
                                || value == 0xFE93 || value == 0xFE94 // isolated and final ة
                            wordEnd = next
                        case .keptMark:
                            if wordStart < 0 { wordStart = index }
                            append(ScalarTable.payload(of: entry))
                            wordEnd = next
                        case .ignorableMark:
                            if wordStart < 0 { wordStart = index }
                            wordEnd = next
                            hasMarks = true
                        case .joiner:
                            // Inside a word only if a word character follows; a separator after it
                            // ends the word at `wordEnd`, which the joiner did not move.
                            break
                        case .expansion:
                            // A ligature's letters follow the `.letter` rules: they start a new
                            // word after digits, and are kept whole scalars at a time under the
                            // same limit as `append` (a lead byte decides for its scalar).
                            if termLength > 0 && termEndsWithDigit { try flush() }
                            if wordStart < 0 { wordStart = index }
                            var keepsScalar = false
                            for folded in table.expansions[Int(ScalarTable.payload(of: entry))] {
                                if folded == 0x20 {
                                    wordEnd = next
                                    try flush()
                                    wordStart = index
                                } else {
                                    if folded & 0xC0 != 0x80 {
                                        keepsScalar = termLength + 4 <= Self.maximumTermBytes
                                    }
                                    if keepsScalar {
                                        term[termLength] = folded
                                        termLength += 1
                                    }
                                }
                            }
                            termEndsWithDigit = false
                            endsWithTehMarbuta = false
                            wordEnd = next
                        case .separator:
                            if wordStart >= 0 { try flush() }
                        }
                        index = next
                    }
                    if wordStart >= 0 { try flush() }
                }
            }
        }
    }

    /// The terms of `text` as values: convenient for tests, explanations and highlighting, not
    /// for the indexing hot path.
    public func tokens(in text: String) -> [Token] {
        var text = text
        var tokens: [Token] = []
        text.withUTF8 { utf8 in
            analyze(utf8: utf8) { term, byteStart, byteEnd in
                tokens.append(Token(
                    term: String(decoding: term, as: UTF8.self),
                    byteStart: byteStart,
                    byteEnd: byteEnd,
                    position: tokens.count))
            }
        }
        return tokens
    }

    /// The folded search form of `text`: its terms joined by single spaces.
    ///
    /// For example, `fold("أَحْمَد")` is `"احمد"` and `fold("کتاب‌ها")` is `"كتابها"`.
    public func fold(_ text: String) -> String {
        tokens(in: text).map(\.term).joined(separator: " ")
    }
}

/// One word as the analyzer sees it: valid only during the callback.
public struct AnalyzedWord {
    /// The folded term.
    public var term: UnsafeBufferPointer<UInt8>
    public var byteStart: Int
    public var byteEnd: Int
    /// Whether the last letter was ة (folded to ه): part of the word, not a pronoun.
    public var endsWithTehMarbuta: Bool
    /// Whether the word carries marks folding removed (harakat, Qur'anic signs, tatweel): only
    /// such words can be in Qur'anic spelling (`QuranicSpelling`).
    public var hasMarks: Bool
}

/// One term of analyzed text.
public struct Token: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The folded search form.
    public var term: String
    /// Where the original word starts, in UTF-8 bytes from the start of the text.
    public var byteStart: Int
    /// Where the original word ends (exclusive), in UTF-8 bytes.
    public var byteEnd: Int
    /// The word's ordinal among the terms of the text, from 0.
    public var position: Int

    public init(term: String, byteStart: Int, byteEnd: Int, position: Int) {
        self.term = term
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.position = position
    }

    public var description: String { "\(term)@\(byteStart)..<\(byteEnd)#\(position)" }
}
