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
enum HTMLText {
    static func extract(_ text: String) -> (text: String, paragraphEnds: [Int]) {
        var text = text
        return text.withUTF8 { input in
            var scanner = Scanner(input: input)
            scanner.run()
            return (String(decoding: scanner.output, as: UTF8.self), scanner.paragraphEnds)
        }
    }

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

    private static let lineFeed = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let lessThan = UInt8(ascii: "<")
    private static let greaterThan = UInt8(ascii: ">")
    private static let ampersand = UInt8(ascii: "&")
    private static let slash = UInt8(ascii: "/")

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    @inline(__always)
    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    private struct Scanner {
        let input: UnsafeBufferPointer<UInt8>
        var output: [UInt8] = []
        var paragraphEnds: [Int] = []
        /// Inside <template> or <svg>: which one, and how deeply it nests. Only line feeds are kept.
        var hiddenElement = TagKey()
        var hiddenDepth = 0

        init(input: UnsafeBufferPointer<UInt8>) {
            self.input = input
            // The text is never longer than the source: every tag, comment and reference is at
            // least as long as what replaces it.
            output.reserveCapacity(input.count)
        }

        mutating func run() {
            var index = 0
            while index < input.count {
                let byte = input[index]
                if byte == lessThan {
                    index = markup(at: index)
                } else if byte == ampersand && hiddenDepth == 0 {
                    index = reference(at: index)
                } else if byte == lineFeed {
                    output.append(byte)
                    index += 1
                } else if hiddenDepth == 0 {
                    // Copy the run of plain text up to the next byte that needs a look.
                    var end = index + 1
                    while end < input.count {
                        let next = input[end]
                        if next == lessThan || next == ampersand || next == lineFeed { break }
                        end += 1
                    }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end]))
                    index = end
                } else {
                    index += 1
                }
            }
        }

        /// Removes `range`, keeping its line feeds.
        mutating func remove(_ range: Range<Int>) {
            for index in range where input[index] == lineFeed {
                output.append(lineFeed)
            }
        }

        /// The index after the first `byte` at or after `start`, or the end.
        func index(after byte: UInt8, from start: Int) -> Int {
            var index = start
            while index < input.count {
                if input[index] == byte { return index + 1 }
                index += 1
            }
            return input.count
        }

        /// Handles the "<" at `start`; returns where to go on.
        mutating func markup(at start: Int) -> Int {
            let count = input.count
            guard start + 1 < count else { return literal(at: start) }
            let next = input[start + 1]
            if next == UInt8(ascii: "!") {
                var end: Int
                if start + 3 < count && input[start + 2] == UInt8(ascii: "-") && input[start + 3] == UInt8(ascii: "-") {
                    end = start + 4
                    // "<!-->" and "<!--->" are empty comments.
                    if end < count && input[end] == greaterThan {
                        end += 1
                    } else if end + 1 < count && input[end] == UInt8(ascii: "-") && input[end + 1] == greaterThan {
                        end += 2
                    } else {
                        end = commentEnd(from: end)
                    }
                } else {
                    end = index(after: greaterThan, from: start + 2)
                }
                remove(start..<end)
                return end
            }
            if next == UInt8(ascii: "?") {
                let end = index(after: greaterThan, from: start + 2)
                remove(start..<end)
                return end
            }
            if next == slash {
                // "</" at the very end is text; "</>" and "</3…" are dropped like comments.
                guard start + 2 < count else { return literal(at: start) }
                if isLetter(input[start + 2]) { return tag(at: start, nameStart: start + 2, closing: true) }
                let end = index(after: greaterThan, from: start + 2)
                remove(start..<end)
                return end
            }
            if isLetter(next) { return tag(at: start, nameStart: start + 1, closing: false) }
            return literal(at: start)
        }

        mutating func literal(at index: Int) -> Int {
            if hiddenDepth == 0 { output.append(input[index]) }
            return index + 1
        }

        /// The index after the "-->" that ends a comment whose body starts at `start`, or the end.
        func commentEnd(from start: Int) -> Int {
            var index = start
            while index + 2 < input.count {
                if input[index] == UInt8(ascii: "-") && input[index + 1] == UInt8(ascii: "-")
                    && input[index + 2] == greaterThan {
                    return index + 3
                }
                index += 1
            }
            return input.count
        }

        mutating func tag(at start: Int, nameStart: Int, closing: Bool) -> Int {
            let count = input.count
            var index = nameStart
            var key = TagKey()
            while index < count {
                let byte = input[index]
                if isWhiteSpace(byte) || byte == slash || byte == greaterThan { break }
                key.append(byte)
                index += 1
            }
            // Attributes, up to ">". A quote right after "=" opens a value that may hold ">".
            var lastNonSpace: UInt8 = 0
            var end = count
            while index < count {
                let byte = input[index]
                if byte == greaterThan {
                    end = index + 1
                    break
                }
                if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && lastNonSpace == UInt8(ascii: "=") {
                    index = self.index(after: byte, from: index + 1)
                    lastNonSpace = byte
                    continue
                }
                if !isWhiteSpace(byte) { lastNonSpace = byte }
                index += 1
            }
            let selfClosing = lastNonSpace == slash
            let traits = elements[key] ?? []

            if hiddenDepth > 0 {
                remove(start..<end)
                if key == hiddenElement && !selfClosing { hiddenDepth += closing ? -1 : 1 }
                if traits.contains(.rawText) && !closing && !selfClosing { return skipRawText(from: end, element: key) }
                return end
            }
            if traits.contains(.lineBreak) || traits.contains(.endsParagraph) { paragraphEnds.append(output.count) }
            if traits.contains(.block) { output.append(space) }
            remove(start..<end)
            if !closing && !selfClosing {
                if traits.contains(.rawText) { return skipRawText(from: end, element: key) }
                if traits.contains(.hidden) {
                    hiddenElement = key
                    hiddenDepth = 1
                }
            }
            return end
        }

        /// Removes raw text up to the closing tag of `element`; returns the index of that tag's "<",
        /// so the main loop reads it as any other closing tag.
        mutating func skipRawText(from start: Int, element: TagKey) -> Int {
            let count = input.count
            var index = start
            while index + 1 < count {
                if input[index] == lessThan && input[index + 1] == slash {
                    var key = TagKey()
                    var nameEnd = index + 2
                    while nameEnd < count && isLetter(input[nameEnd]) && key.length <= element.length {
                        key.append(input[nameEnd])
                        nameEnd += 1
                    }
                    let endsName = nameEnd == count || isWhiteSpace(input[nameEnd]) || input[nameEnd] == slash
                        || input[nameEnd] == greaterThan
                    if key == element && endsName {
                        remove(start..<index)
                        return index
                    }
                }
                index += 1
            }
            remove(start..<count)
            return count
        }

        /// Decodes the character reference at `start` ("&…"); returns where to go on.
        mutating func reference(at start: Int) -> Int {
            let count = input.count
            var index = start + 1
            if index < count && input[index] == UInt8(ascii: "#") {
                index += 1
                var radix: UInt32 = 10
                if index < count && input[index] | 0x20 == UInt8(ascii: "x") {
                    radix = 16
                    index += 1
                }
                let digitsStart = index
                var value: UInt32 = 0
                while index < count, let digit = Self.digit(input[index], radix: radix) {
                    // Capped, so a long run of digits cannot overflow: anything above is invalid anyway.
                    value = min(value * radix + digit, 0x11_0000)
                    index += 1
                }
                guard index > digitsStart else { return literal(at: start) }
                if index < count && input[index] == UInt8(ascii: ";") { index += 1 }
                append(codePoint: value)
                return index
            }
            var key: UInt64 = 0
            let nameStart = index
            while index < count && index - nameStart < 8 {
                let byte = input[index]
                guard isLetter(byte) || byte &- 0x30 < 10 else { break }
                key |= UInt64(byte) << (8 * (index - nameStart))
                index += 1
            }
            guard index < count, input[index] == UInt8(ascii: ";"), let scalar = namedReferences[key] else {
                return literal(at: start)
            }
            append(scalar)
            return index + 1
        }

        static func digit(_ byte: UInt8, radix: UInt32) -> UInt32? {
            if byte &- 0x30 < 10 { return UInt32(byte &- 0x30) }
            if radix == 16 && (byte | 0x20) &- 0x61 < 6 { return UInt32((byte | 0x20) &- 0x61 + 10) }
            return nil
        }

        mutating func append(codePoint: UInt32) {
            let codePoint: UInt32 = switch codePoint {
            case 0x0A, 0x0D: 0x20
            case 0x80..<0xA0: windows1252C1[Int(codePoint - 0x80)]
            default: codePoint
            }
            // nil for 0, surrogates and anything above U+10FFFF.
            append(codePoint == 0 ? "\u{FFFD}" : Unicode.Scalar(codePoint) ?? "\u{FFFD}")
        }

        mutating func append(_ scalar: Unicode.Scalar) {
            for byte in UTF8.encode(scalar)! { output.append(byte) }
        }
    }
}
