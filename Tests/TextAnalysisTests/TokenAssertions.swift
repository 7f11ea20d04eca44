import Testing
import TextAnalysis

/// The analyzer under test: one value, shared by every test (it is a `Sendable` struct).
let analyzer = Analyzer()

// MARK: - Exact tokens and labelled rows

/// A token compared byte for byte.
///
/// `Token` is `Equatable` through `String ==`, which uses canonical equivalence: it would call
/// `"أ"` equal to `"ا\u{0654}"` and hide a folding bug. Tables therefore compare `ExactToken`s.
struct ExactToken: Equatable, Sendable, CustomStringConvertible {
    var term: [UInt8]
    var byteStart: Int
    var byteEnd: Int
    var position: Int

    init(_ term: String, _ byteStart: Int, _ byteEnd: Int, _ position: Int) {
        self.term = Array(term.utf8)
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.position = position
    }

    init(_ token: Token) {
        self.init(token.term, token.byteStart, token.byteEnd, token.position)
    }

    var description: String {
        "\"\(visible(String(decoding: term, as: UTF8.self)))\"@\(byteStart)..<\(byteEnd)#\(position)"
    }
}

/// One labelled case of a token table: the label names the case when it fails.
struct Row: Sendable, CustomTestStringConvertible {
    let label: String
    let input: String
    let expected: [ExactToken]

    init(_ label: String, _ input: String, _ expected: [ExactToken]) {
        self.label = label
        self.input = input
        self.expected = expected
    }

    var testDescription: String { "\(label): \"\(visible(input))\"" }
}

/// Shorthand for one expected token in a table.
func tok(_ term: String, _ byteStart: Int, _ byteEnd: Int, _ position: Int) -> ExactToken {
    ExactToken(term, byteStart, byteEnd, position)
}

/// A set of spellings that must all give the same single term (a document spelling and the
/// spellings a user may type as a query).
struct Spellings: Sendable, CustomTestStringConvertible {
    let label: String
    let variants: [String]
    let term: String

    init(_ label: String, _ variants: [String], _ term: String) {
        self.label = label
        self.variants = variants
        self.term = term
    }

    var testDescription: String { label }
}

/// Text with invisible and combining scalars spelled as `\u{...}`, for failure messages.
func visible(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format, .control, .spaceSeparator,
             .lineSeparator, .paragraphSeparator, .unassigned, .surrogate, .privateUse:
            if scalar == " " {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        default:
            if scalar.value == 0x0640 {
                out += "\\u{640}"  // tatweel: visible, but easy to miscount
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

// MARK: - Table assertions

/// Analyzes `row.input`, checks every invariant, and compares the tokens with the table.
func expectTokens(_ row: Row, sourceLocation: SourceLocation = #_sourceLocation) {
    let tokens = analyzeChecked(row.input, sourceLocation: sourceLocation)
    #expect(tokens.map(ExactToken.init) == row.expected, "\(row.label)", sourceLocation: sourceLocation)
}

/// Every spelling gives exactly one token, `term`, spanning the whole spelling.
func expectSameTerm(_ spellings: Spellings, sourceLocation: SourceLocation = #_sourceLocation) {
    for variant in spellings.variants {
        let tokens = analyzeChecked(variant, sourceLocation: sourceLocation)
        #expect(
            tokens.map(ExactToken.init) == [tok(spellings.term, 0, variant.utf8.count, 0)],
            "\(spellings.label): \"\(visible(variant))\"",
            sourceLocation: sourceLocation)
    }
}

// MARK: - Invariants

/// The terms and spans that the hot path reports for `bytes`.
func rawTerms(of bytes: [UInt8]) -> [(term: [UInt8], byteStart: Int, byteEnd: Int)] {
    var raw: [(term: [UInt8], byteStart: Int, byteEnd: Int)] = []
    bytes.withUnsafeBufferPointer { buffer in
        analyzer.analyze(utf8: buffer) { term, byteStart, byteEnd in
            raw.append((Array(term), byteStart, byteEnd))
        }
    }
    return raw
}

/// Whether `bytes` is well-formed UTF-8 (decoding repairs ill-formed input with U+FFFD, so the
/// bytes round-trip exactly when they were well-formed).
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes)
}

/// Scalars that join or steer text but are never part of a word's span at its edges.
func isJoinerOrDirectionMark(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x200C...0x200F, 0x061C, 0x00AD, 0x2060, 0xFEFF: return true
    default: return false
    }
}

/// Scalars that can only belong to a word: letters, numbers and marks.
func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
         .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
        return true
    default:
        return false
    }
}

/// Whether `first` and `second` are one run of glued text split where digits meet letters
/// (`p53` is `p` and `53`).
func isDigitLetterBoundary(_ first: Token, _ second: Token) -> Bool {
    func isDigit(_ byte: UInt8?) -> Bool { byte.map { (0x30...0x39).contains($0) } ?? false }
    return first.byteEnd == second.byteStart
        && isDigit(first.term.utf8.last) != isDigit(second.term.utf8.first)
}

/// An Arabic presentation form: a ligature of several words (ﷺ, ﷻ) is the only scalar whose
/// span several tokens share.
func isPresentationForm(_ scalar: Unicode.Scalar) -> Bool {
    (0xFB50...0xFDFF).contains(scalar.value) || (0xFE70...0xFEFF).contains(scalar.value)
}

/// Analyzes `text` through both entry points and checks every invariant of the analysis:
///
/// - `tokens(in:)`, `analyze(utf8:)` and `fold(_:)` agree;
/// - every span lies inside the text, starts and ends on scalar boundaries, is not empty, does not
///   start or end with a joiner and holds no white space;
/// - spans come in order: a token starts at or after the end of the previous one, except the
///   tokens of one multi-word ligature, which share that ligature's scalar;
/// - no letter, digit or mark touches a span from outside (except where digits meet letters,
///   which splits a run into two adjacent words), and the text outside the spans gives no term;
/// - positions are 0, 1, 2…;
/// - every term is non-empty well-formed UTF-8 of at most `Analyzer.maximumTermBytes` bytes;
/// - folding is idempotent: analyzing a term gives exactly that term back, spanning all of it;
/// - analyzing a word's span alone gives that word's term.
@discardableResult
func analyzeChecked(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Token] {
    let tokens = analyzer.tokens(in: text)
    let bytes = Array(text.utf8)
    let label = "in \"\(visible(text))\""

    // The two entry points and `fold` agree.
    let raw = rawTerms(of: bytes)
    #expect(raw.map(\.term) == tokens.map { Array($0.term.utf8) }, "\(label)", sourceLocation: sourceLocation)
    #expect(raw.map(\.byteStart) == tokens.map(\.byteStart), "\(label)", sourceLocation: sourceLocation)
    #expect(raw.map(\.byteEnd) == tokens.map(\.byteEnd), "\(label)", sourceLocation: sourceLocation)
    #expect(analyzer.fold(text) == tokens.map(\.term).joined(separator: " "), "\(label)", sourceLocation: sourceLocation)

    // Scalar boundaries, and the scalar starting at each boundary.
    var scalarAt: [Int: Unicode.Scalar] = [:]
    var scalarEndingAt: [Int: (start: Int, scalar: Unicode.Scalar)] = [:]
    var offset = 0
    for scalar in text.unicodeScalars {
        let length = String(scalar).utf8.count
        scalarAt[offset] = scalar
        scalarEndingAt[offset + length] = (offset, scalar)
        offset += length
    }
    let boundaries = Set(scalarAt.keys).union([bytes.count])

    func scalars(_ range: Range<Int>) -> [Unicode.Scalar] {
        String(decoding: bytes[range], as: UTF8.self).unicodeScalars.map { $0 }
    }

    for (index, token) in tokens.enumerated() {
        let tokenLabel = "\(label), token \(ExactToken(token))"
        #expect(token.position == index, "\(tokenLabel)", sourceLocation: sourceLocation)
        #expect(0 <= token.byteStart && token.byteStart < token.byteEnd && token.byteEnd <= bytes.count,
                "\(tokenLabel)", sourceLocation: sourceLocation)
        guard 0 <= token.byteStart, token.byteStart < token.byteEnd, token.byteEnd <= bytes.count else { continue }
        #expect(boundaries.contains(token.byteStart), "start off a scalar boundary \(tokenLabel)",
                sourceLocation: sourceLocation)
        #expect(boundaries.contains(token.byteEnd), "end off a scalar boundary \(tokenLabel)",
                sourceLocation: sourceLocation)

        // The term.
        let term = Array(token.term.utf8)
        let rawTerm = index < raw.count ? raw[index].term : []
        #expect(!rawTerm.isEmpty, "empty term \(tokenLabel)", sourceLocation: sourceLocation)
        #expect(rawTerm.count <= Analyzer.maximumTermBytes, "term too long \(tokenLabel)",
                sourceLocation: sourceLocation)
        #expect(isValidUTF8(rawTerm), "ill-formed UTF-8 term \(rawTerm) \(tokenLabel)",
                sourceLocation: sourceLocation)

        // Idempotence: the term analyzes to itself, in one piece.
        let again = analyzer.tokens(in: token.term).map(ExactToken.init)
        #expect(again == [ExactToken(token.term, 0, term.count, 0)], "folding not idempotent \(tokenLabel)",
                sourceLocation: sourceLocation)

        // The span's edges.
        let span = scalars(token.byteStart..<token.byteEnd)
        if let first = span.first, let last = span.last {
            #expect(!isJoinerOrDirectionMark(first) && !isJoinerOrDirectionMark(last),
                    "span starts or ends with a joiner \(tokenLabel)", sourceLocation: sourceLocation)
        }
        #expect(!span.contains { $0.properties.isWhitespace }, "white space inside the span \(tokenLabel)",
                sourceLocation: sourceLocation)

        // Order, and the neighbours of the span.
        let previous = index > 0 ? tokens[index - 1] : nil
        let next = index + 1 < tokens.count ? tokens[index + 1] : nil
        var sharesLigatureWithPrevious = false
        if let previous {
            #expect(previous.byteStart <= token.byteStart, "starts out of order \(tokenLabel)",
                    sourceLocation: sourceLocation)
            #expect(previous.byteEnd <= token.byteEnd, "ends out of order \(tokenLabel)",
                    sourceLocation: sourceLocation)
            if token.byteStart < previous.byteEnd {
                // Only the words of one ligature may overlap: they share its scalar, which ends
                // the previous token and starts this one.
                sharesLigatureWithPrevious = true
                let ligature = scalarEndingAt[previous.byteEnd]
                #expect(ligature?.start == token.byteStart && ligature.map { isPresentationForm($0.scalar) } == true,
                        "overlapping spans outside a ligature \(tokenLabel)", sourceLocation: sourceLocation)
            }
        }
        let sharesLigatureWithNext = next.map { $0.byteStart < token.byteEnd } ?? false
        // A letter, digit or mark may touch the span only where digits meet letters: there the
        // neighbouring token starts exactly at the boundary, one side digits, the other not.
        if !sharesLigatureWithPrevious, let before = scalarEndingAt[token.byteStart]?.scalar, isWordScalar(before) {
            #expect(previous.map { isDigitLetterBoundary($0, token) } == true,
                    "word character just before the span \(tokenLabel)", sourceLocation: sourceLocation)
        }
        if !sharesLigatureWithNext, let after = scalarAt[token.byteEnd], isWordScalar(after) {
            #expect(next.map { isDigitLetterBoundary(token, $0) } == true,
                    "word character just after the span \(tokenLabel)", sourceLocation: sourceLocation)
        }

        // A word on its own analyzes to the same term.
        if !sharesLigatureWithPrevious && !sharesLigatureWithNext {
            let word = String(decoding: bytes[token.byteStart..<token.byteEnd], as: UTF8.self)
            let alone = analyzer.tokens(in: word).map(ExactToken.init)
            #expect(alone == [ExactToken(token.term, 0, token.byteEnd - token.byteStart, 0)],
                    "the span alone analyzes differently \(tokenLabel)", sourceLocation: sourceLocation)
        }
    }

    // Nothing outside the spans is a word.
    var gapStart = 0
    for token in tokens + [Token(term: "", byteStart: bytes.count, byteEnd: bytes.count, position: -1)] {
        if token.byteStart > gapStart, token.byteStart <= bytes.count {
            let gap = String(decoding: bytes[gapStart..<token.byteStart], as: UTF8.self)
            #expect(analyzer.tokens(in: gap).isEmpty, "a term between the spans: \"\(visible(gap))\" \(label)",
                    sourceLocation: sourceLocation)
        }
        gapStart = max(gapStart, min(token.byteEnd, bytes.count))
    }
    return tokens
}

/// Runs the hot path on arbitrary (possibly ill-formed) bytes and checks what holds for any
/// input: spans inside the buffer, in order, non-empty; terms non-empty, well-formed, bounded and
/// idempotent.
@discardableResult
func analyzeCheckedBytes(
    _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation
) -> [(term: [UInt8], byteStart: Int, byteEnd: Int)] {
    let raw = rawTerms(of: bytes)
    var previous: (byteStart: Int, byteEnd: Int)?
    for (term, byteStart, byteEnd) in raw {
        let label = "\(term)@\(byteStart)..<\(byteEnd) in \(bytes)"
        #expect(0 <= byteStart && byteStart < byteEnd && byteEnd <= bytes.count, "span outside the buffer \(label)",
                sourceLocation: sourceLocation)
        if let previous {
            #expect(previous.byteStart <= byteStart && previous.byteEnd <= byteEnd, "spans out of order \(label)",
                    sourceLocation: sourceLocation)
        }
        previous = (byteStart, byteEnd)
        #expect(!term.isEmpty && term.count <= Analyzer.maximumTermBytes, "term length \(label)",
                sourceLocation: sourceLocation)
        #expect(isValidUTF8(term), "ill-formed UTF-8 term \(label)", sourceLocation: sourceLocation)
        if isValidUTF8(term) {
            let again = rawTerms(of: term)
            #expect(again.count == 1 && again.first?.term == term, "folding not idempotent \(label)",
                    sourceLocation: sourceLocation)
        }
    }
    return raw
}
