/// Extracts the readable text of an HTML document, keeping every line where it was.
///
/// Rules:
/// - Every line feed of the source is kept, wherever it is (text, tags, comments, scripts), and
///   none is added, so line N of the text is line N of the file and `path:line` stays true.
/// - Tags, comments (`<!-- … -->`), declarations (`<!DOCTYPE …>`) and `<? … >` are removed.
///   Block-level tags (p, div, br, h1–h6, li, td, …) become one space, so words on either side do
///   not glue together; other tags (a, b, span, …) become nothing. Tag names are case-insensitive;
///   a quoted attribute value may hold ">".
/// - The content of script, style, noscript, template and svg elements is removed (their tags
///   also become one space). Script, style and noscript content is raw text: only their closing
///   tag ends it. Template and svg may nest.
/// - Character references are decoded: the named ones in `namedReferences` (";" required), and
///   decimal and hexadecimal ones (";" optional). A reference to a line feed or carriage return
///   becomes a space (a new line would shift every line after it); 0x80–0x9F are read as
///   Windows-1252, as browsers do; an invalid code point becomes U+FFFD. Unknown ones stay as written.
/// - A "<" that does not start a tag ("a < b") is kept as text. A tag left open at the end of the
///   file is dropped, as browsers do.
/// - `paragraphEnds` holds the places where a block ends, as UTF-8 byte offsets into the text,
///   ascending: where the closing tag of a paragraph-like element (p, div, h1–h6, li, blockquote,
///   title, tr, …), a <br> or an <hr> was, and, because old pages often leave `<p>` unclosed, where
///   an opening tag of such an element was. Each is the offset of the space the tag became, so a
///   block that ends in the middle of a line ends there (a minified page is still many
///   paragraphs). Tags inside removed content (script, svg, …) count for nothing.
/// - Nothing else is collapsed: spaces may repeat.
///
/// The document may be given in pieces of any size (`extract(_:into:paragraphEnds:)`, then
/// `finish`): a tag, comment, reference or script cut by the end of a piece is carried on by the
/// next, so the text is the same, byte for byte, and the extractor holds no more than the
/// construct it is in (a few bytes: comments and scripts are removed as they are read).
struct HTMLText {
    /// A lowercased tag name packed into 16 bytes (every name that matters is shorter), with its length.
    struct TagKey: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length = 0

        init() {}

        init(_ name: String) {
            for byte in name.utf8 { append(byte) }
        }

        mutating func append(_ byte: UInt8) {
            let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte
            if length < 8 {
                low |= UInt64(lower) << (8 * length)
            } else if length < 16 {
                high |= UInt64(lower) << (8 * (length - 8))
            }
            length += 1
        }
    }

    struct Traits: OptionSet {
        let rawValue: UInt8
        /// The tag becomes one space.
        static let block = Traits(rawValue: 1)
        /// Closing it ends a paragraph; opening it ends the one before.
        static let endsParagraph = Traits(rawValue: 2)
        /// <br>, <hr>: the paragraph ends at the tag, opening or closing.
        static let lineBreak = Traits(rawValue: 4)
        /// Content is raw text, removed up to the closing tag.
        static let rawText = Traits(rawValue: 8)
        /// Content is markup, removed up to the matching closing tag.
        static let hidden = Traits(rawValue: 16)
    }

    static let elements: [TagKey: Traits] = {
        var elements: [TagKey: Traits] = [:]
        for name in ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "title", "tr", "section",
                     "article", "header", "footer", "pre", "dd", "dt", "nav", "aside", "main", "figure",
                     "figcaption", "address", "caption"] {
            elements[TagKey(name)] = [.block, .endsParagraph]
        }
        for name in ["ul", "ol", "dl", "td", "th", "table", "option"] {
            elements[TagKey(name)] = .block
        }
        for name in ["br", "hr"] {
            elements[TagKey(name)] = [.block, .lineBreak]
        }
        for name in ["script", "style", "noscript"] {
            elements[TagKey(name)] = [.block, .rawText]
        }
        for name in ["template", "svg"] {
            elements[TagKey(name)] = [.block, .hidden]
        }
        return elements
    }()

    /// Named character references, packed like `TagKey.low` (case-sensitive, at most 8 letters).
    static let namedReferences: [UInt64: Unicode.Scalar] = {
        let table: [(String, Unicode.Scalar)] = [
            ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"),
            ("nbsp", "\u{A0}"), ("zwnj", "\u{200C}"), ("zwj", "\u{200D}"), ("lrm", "\u{200E}"),
            ("rlm", "\u{200F}"), ("shy", "\u{AD}"), ("mdash", "\u{2014}"), ("ndash", "\u{2013}"),
            ("hellip", "\u{2026}"), ("laquo", "\u{AB}"), ("raquo", "\u{BB}"), ("copy", "\u{A9}"),
            ("reg", "\u{AE}"), ("lsquo", "\u{2018}"), ("rsquo", "\u{2019}"), ("ldquo", "\u{201C}"),
            ("rdquo", "\u{201D}"), ("bull", "\u{2022}"), ("middot", "\u{B7}"), ("times", "\u{D7}"),
            ("divide", "\u{F7}"), ("deg", "\u{B0}"), ("trade", "\u{2122}"), ("euro", "\u{20AC}"),
        ]
        var references: [UInt64: Unicode.Scalar] = [:]
        for (name, scalar) in table {
            var key: UInt64 = 0
            for (index, byte) in name.utf8.enumerated() { key |= UInt64(byte) << (8 * index) }
            references[key] = scalar
        }
        return references
    }()

    /// What browsers make of numeric references to 0x80–0x9F: the Windows-1252 character, or a
    /// space for the five bytes Windows-1252 leaves undefined (they would be C1 controls).
    /// Generated with: python3 -c "[ord(bytes([b]).decode('cp1252')) for b in range(0x80, 0xA0)]"
    static let windows1252C1: [UInt32] = [
        0x20AC, 0x0020, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x0020, 0x017D, 0x0020,
        0x0020, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x0020, 0x017E, 0x0178,
    ]

    fileprivate static let lineFeed = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
    fileprivate static let ampersand = UInt8(ascii: "&")
    private static let slash = UInt8(ascii: "/")

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    @inline(__always)
    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// A tag being read.
    private struct Tag {
        var key = TagKey()
        var closing: Bool
        /// The last byte other than white space, so far: "/" at the end makes it self-closing.
        var lastNonSpace: UInt8 = 0
        /// Whether it began inside removed content (set when its name ends).
        var inHidden = false
    }

    /// How far the closing tag of a raw-text element has been matched.
    private enum RawTextMatch {
        case none
        case lessThan
        case name(TagKey)
    }

    /// Where the extractor is: in text, or inside a construct that the next bytes continue.
    private enum State {
        case text
        /// "<"
        case lessThan
        /// "<!"
        case bang
        /// "<!-"
        case bangDash
        /// "<!--", at the first byte of the comment
        case commentStart
        /// "<!---", at the second byte of the comment
        case commentFirstDash
        /// Inside a comment, after `dashes` "-" in a row.
        case comment(dashes: Int)
        /// "<!…", "<?…", "</…" not followed by a letter: removed up to ">".
        case declaration
        /// "</"
        case closing
        case tagName(Tag)
        case tagAttributes(Tag)
        case tagQuoted(Tag, quote: UInt8)
        /// "&"
        case referenceStart
        /// "&#"
        case referenceHash
        /// "&#x", with the x as written
        case referenceHashX(UInt8)
        case referenceDigits(value: UInt32, radix: UInt32)
        /// "&" and up to 8 letters or digits, packed like `namedReferences`' keys.
        case referenceName(key: UInt64, length: Int)
        /// Inside a script, style or noscript element.
        case rawText(element: TagKey, match: RawTextMatch)
    }

    private var state = State.text
    /// Inside <template> or <svg>: which one, and how deeply it nests. Only line feeds are kept.
    private var hiddenElement = TagKey()
    private var hiddenDepth = 0
    /// Bytes of text written so far, so that block ends are offsets into the whole text.
    private(set) var written = 0

    init() {}

    /// The text of a whole document, with its block ends.
    static func extract(_ text: String) -> (text: String, paragraphEnds: [Int]) {
        var text = text
        var extractor = HTMLText()
        var output: [UInt8] = []
        var paragraphEnds: [Int] = []
        text.withUTF8 { extractor.extract($0, into: &output, paragraphEnds: &paragraphEnds) }
        extractor.finish(into: &output, paragraphEnds: &paragraphEnds)
        return (String(decoding: output, as: UTF8.self), paragraphEnds)
    }

    /// Appends the text of the next piece of the document to `output`, and its block ends (as
    /// offsets into the whole text) to `paragraphEnds`. A construct cut by the end of the piece
    /// is carried on by the next one: the text is the same whatever the pieces.
    mutating func extract(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], paragraphEnds: inout [Int]) {
        var sink = Sink(output: output, base: written - output.count, paragraphEnds: paragraphEnds)
        output = []
        paragraphEnds = []
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            switch state {
            case .text:
                if byte == Self.lessThan {
                    state = .lessThan
                    index += 1
                } else if byte == Self.ampersand && hiddenDepth == 0 {
                    state = .referenceStart
                    index += 1
                } else if byte == Self.lineFeed {
                    sink.output.append(byte)
                    index += 1
                } else {
                    // The run up to the next byte that needs a look: copied, or skipped when hidden.
                    var end = index + 1
                    if hiddenDepth == 0 {
                        while end < count {
                            let next = input[end]
                            if next == Self.lessThan || next == Self.ampersand || next == Self.lineFeed { break }
                            end += 1
                        }
                        sink.output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end]))
                    } else {
                        while end < count && input[end] != Self.lessThan && input[end] != Self.lineFeed { end += 1 }
                    }
                    index = end
                }
            case .lessThan:
                if byte == UInt8(ascii: "!") {
                    state = .bang
                    index += 1
                } else if byte == UInt8(ascii: "?") {
                    state = .declaration
                    index += 1
                } else if byte == Self.slash {
                    state = .closing
                    index += 1
                } else if Self.isLetter(byte) {
                    var tag = Tag(closing: false)
                    tag.key.append(byte)
                    state = .tagName(tag)
                    index += 1
                } else {
                    // Not markup: the "<" is text, and this byte is read again as text.
                    if hiddenDepth == 0 { sink.output.append(Self.lessThan) }
                    state = .text
                }
            case .bang:
                if byte == UInt8(ascii: "-") {
                    state = .bangDash
                    index += 1
                } else {
                    state = .declaration
                }
            case .bangDash:
                if byte == UInt8(ascii: "-") {
                    state = .commentStart
                    index += 1
                } else {
                    state = .declaration
                }
            case .commentStart:
                // "<!-->" is an empty comment.
                index += 1
                if byte == Self.greaterThan {
                    state = .text
                } else if byte == UInt8(ascii: "-") {
                    state = .commentFirstDash
                } else {
                    if byte == Self.lineFeed { sink.output.append(byte) }
                    state = .comment(dashes: 0)
                }
            case .commentFirstDash:
                // "<!--->" is an empty comment too.
                index += 1
                if byte == Self.greaterThan {
                    state = .text
                } else if byte == UInt8(ascii: "-") {
                    state = .comment(dashes: 2)
                } else {
                    if byte == Self.lineFeed { sink.output.append(byte) }
                    state = .comment(dashes: 0)
                }
            case .comment(let dashes):
                index += 1
                if byte == UInt8(ascii: "-") {
                    state = .comment(dashes: min(dashes + 1, 2))
                } else if byte == Self.greaterThan && dashes >= 2 {
                    state = .text
                } else {
                    if byte == Self.lineFeed { sink.output.append(byte) }
                    if dashes > 0 { state = .comment(dashes: 0) }
                    // The run up to the next byte that could end the comment or is a line feed.
                    while index < count {
                        let next = input[index]
                        if next == UInt8(ascii: "-") || next == Self.lineFeed { break }
                        index += 1
                    }
                }
            case .declaration:
                index += 1
                if byte == Self.greaterThan {
                    state = .text
                } else if byte == Self.lineFeed {
                    sink.output.append(byte)
                }
            case .closing:
                if Self.isLetter(byte) {
                    var tag = Tag(closing: true)
                    tag.key.append(byte)
                    state = .tagName(tag)
                    index += 1
                } else {
                    // "</>" and "</3…" are dropped like declarations.
                    state = .declaration
                }
            case .tagName(var tag):
                if Self.isWhiteSpace(byte) || byte == Self.slash || byte == Self.greaterThan {
                    nameEnded(&tag, &sink)
                    state = .tagAttributes(tag)
                } else {
                    tag.key.append(byte)
                    state = .tagName(tag)
                    index += 1
                }
            case .tagAttributes(var tag):
                index += 1
                if byte == Self.greaterThan {
                    tagEnded(tag)
                } else if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && tag.lastNonSpace == UInt8(ascii: "=") {
                    // A quoted value, which may hold ">".
                    state = .tagQuoted(tag, quote: byte)
                } else {
                    if byte == Self.lineFeed { sink.output.append(byte) }
                    if !Self.isWhiteSpace(byte) {
                        tag.lastNonSpace = byte
                        state = .tagAttributes(tag)
                    }
                }
            case .tagQuoted(var tag, let quote):
                index += 1
                if byte == quote {
                    tag.lastNonSpace = quote
                    state = .tagAttributes(tag)
                } else if byte == Self.lineFeed {
                    sink.output.append(byte)
                }
            case .referenceStart:
                if byte == UInt8(ascii: "#") {
                    state = .referenceHash
                    index += 1
                } else if Self.isLetter(byte) || byte &- 0x30 < 10 {
                    state = .referenceName(key: UInt64(byte), length: 1)
                    index += 1
                } else {
                    sink.output.append(Self.ampersand)
                    state = .text
                }
            case .referenceHash:
                if byte | 0x20 == UInt8(ascii: "x") {
                    state = .referenceHashX(byte)
                    index += 1
                } else if let digit = Self.digit(byte, radix: 10) {
                    state = .referenceDigits(value: digit, radix: 10)
                    index += 1
                } else {
                    // No digits: "&#" is text.
                    sink.output.append(contentsOf: [Self.ampersand, UInt8(ascii: "#")])
                    state = .text
                }
            case .referenceHashX(let x):
                if let digit = Self.digit(byte, radix: 16) {
                    state = .referenceDigits(value: digit, radix: 16)
                    index += 1
                } else {
                    sink.output.append(contentsOf: [Self.ampersand, UInt8(ascii: "#"), x])
                    state = .text
                }
            case .referenceDigits(let value, let radix):
                if let digit = Self.digit(byte, radix: radix) {
                    // Capped, so a long run of digits cannot overflow: anything above is invalid anyway.
                    state = .referenceDigits(value: min(value * radix + digit, 0x11_0000), radix: radix)
                    index += 1
                } else {
                    sink.append(codePoint: value)
                    state = .text
                    if byte == UInt8(ascii: ";") { index += 1 }
                }
            case .referenceName(let key, let length):
                if length < 8 && (Self.isLetter(byte) || byte &- 0x30 < 10) {
                    state = .referenceName(key: key | UInt64(byte) << (8 * length), length: length + 1)
                    index += 1
                } else if byte == UInt8(ascii: ";"), let scalar = Self.namedReferences[key] {
                    sink.append(scalar)
                    state = .text
                    index += 1
                } else {
                    // Unknown or unterminated: kept as written.
                    sink.appendLiteralReference(key: key, length: length)
                    state = .text
                }
            case .rawText(let element, let match):
                switch match {
                case .none:
                    index += 1
                    if byte == Self.lessThan {
                        state = .rawText(element: element, match: .lessThan)
                    } else {
                        if byte == Self.lineFeed { sink.output.append(byte) }
                        while index < count && input[index] != Self.lessThan && input[index] != Self.lineFeed { index += 1 }
                    }
                case .lessThan:
                    if byte == Self.slash {
                        state = .rawText(element: element, match: .name(TagKey()))
                        index += 1
                    } else {
                        state = .rawText(element: element, match: .none)
                    }
                case .name(var key):
                    if Self.isLetter(byte) && key.length <= element.length {
                        key.append(byte)
                        state = .rawText(element: element, match: .name(key))
                        index += 1
                    } else if key == element && Self.endsName(byte) {
                        // The closing tag: read on as any other, from the end of its name.
                        var tag = Tag(key: element, closing: true)
                        nameEnded(&tag, &sink)
                        state = .tagAttributes(tag)
                    } else {
                        state = .rawText(element: element, match: .none)
                    }
                }
            }
        }
        written = sink.base + sink.output.count
        output = sink.output
        paragraphEnds = sink.paragraphEnds
    }

    /// Ends the document: a construct left open is dropped or kept as the rules say.
    mutating func finish(into output: inout [UInt8], paragraphEnds: inout [Int]) {
        var sink = Sink(output: output, base: written - output.count, paragraphEnds: paragraphEnds)
        output = []
        paragraphEnds = []
        switch state {
        case .text, .bang, .bangDash, .commentStart, .commentFirstDash, .comment, .declaration:
            break
        case .lessThan:
            if hiddenDepth == 0 { sink.output.append(Self.lessThan) }
        case .closing:
            if hiddenDepth == 0 { sink.output.append(contentsOf: [Self.lessThan, Self.slash]) }
        case .tagName(var tag):
            nameEnded(&tag, &sink)
            tagEnded(tag)
        case .tagAttributes(let tag):
            tagEnded(tag)
        case .tagQuoted(var tag, let quote):
            tag.lastNonSpace = quote
            tagEnded(tag)
        case .referenceStart:
            sink.output.append(Self.ampersand)
        case .referenceHash:
            sink.output.append(contentsOf: [Self.ampersand, UInt8(ascii: "#")])
        case .referenceHashX(let x):
            sink.output.append(contentsOf: [Self.ampersand, UInt8(ascii: "#"), x])
        case .referenceDigits(let value, _):
            sink.append(codePoint: value)
        case .referenceName(let key, let length):
            sink.appendLiteralReference(key: key, length: length)
        case .rawText(let element, let match):
            // "</script" at the very end closes it.
            if case .name(let key) = match, key == element {
                var tag = Tag(key: element, closing: true)
                nameEnded(&tag, &sink)
                tagEnded(tag)
            }
        }
        state = .text
        written = sink.base + sink.output.count
        output = sink.output
        paragraphEnds = sink.paragraphEnds
    }

    /// A tag's name is known: outside removed content, a block tag becomes a space, and one that
    /// ends a paragraph marks it there.
    private func nameEnded(_ tag: inout Tag, _ sink: inout Sink) {
        tag.inHidden = hiddenDepth > 0
        guard !tag.inHidden else { return }
        let traits = Self.elements[tag.key] ?? []
        if traits.contains(.lineBreak) || traits.contains(.endsParagraph) { sink.paragraphEnds.append(sink.offset) }
        if traits.contains(.block) { sink.output.append(Self.space) }
    }

    /// A tag's ">" (or the end of the document): what it opens or closes.
    private mutating func tagEnded(_ tag: Tag) {
        let selfClosing = tag.lastNonSpace == Self.slash
        let traits = Self.elements[tag.key] ?? []
        state = .text
        if tag.inHidden {
            if tag.key == hiddenElement && !selfClosing { hiddenDepth += tag.closing ? -1 : 1 }
            if traits.contains(.rawText) && !tag.closing && !selfClosing { state = .rawText(element: tag.key, match: .none) }
        } else if !tag.closing && !selfClosing {
            if traits.contains(.rawText) {
                state = .rawText(element: tag.key, match: .none)
            } else if traits.contains(.hidden) {
                hiddenElement = tag.key
                hiddenDepth = 1
            }
        }
    }

    /// The text written by one call, with the offset of its first byte in the whole text.
    private struct Sink {
        var output: [UInt8]
        let base: Int
        var paragraphEnds: [Int]

        var offset: Int { base + output.count }

        mutating func append(codePoint: UInt32) {
            let codePoint: UInt32 = switch codePoint {
            case 0x0A, 0x0D: 0x20
            case 0x80..<0xA0: HTMLText.windows1252C1[Int(codePoint - 0x80)]
            default: codePoint
            }
            // nil for 0, surrogates and anything above U+10FFFF.
            append(codePoint == 0 ? "\u{FFFD}" : Unicode.Scalar(codePoint) ?? "\u{FFFD}")
        }

        mutating func append(_ scalar: Unicode.Scalar) {
            for byte in UTF8.encode(scalar)! { output.append(byte) }
        }

        /// "&" and the name as written, for a reference that is not one.
        mutating func appendLiteralReference(key: UInt64, length: Int) {
            output.append(HTMLText.ampersand)
            for index in 0..<length { output.append(UInt8(truncatingIfNeeded: key >> (8 * index))) }
        }
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isWhiteSpace(byte) || byte == slash || byte == greaterThan
    }

    static func digit(_ byte: UInt8, radix: UInt32) -> UInt32? {
        if byte &- 0x30 < 10 { return UInt32(byte &- 0x30) }
        if radix == 16 && (byte | 0x20) &- 0x61 < 6 { return UInt32((byte | 0x20) &- 0x61 + 10) }
        return nil
    }
}
