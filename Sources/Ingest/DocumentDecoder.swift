/// The encoding a document's bytes were read in.
public enum SourceEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case windows1256 = "Windows-1256"
}

/// How a document's text is laid out in its bytes.
public enum DocumentFormat: Sendable {
    case plain
    /// Markup to strip: see `HTMLText`.
    case html

    /// `.html` for names ending in .html, .htm or .xhtml (any case); `.plain` for everything else,
    /// Markdown included (its markup is readable as it is).
    public static func of(path: String) -> DocumentFormat {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return .plain }
        switch name[name.utf8.index(after: dot)...].lowercased() {
        case "html", "htm", "xhtml": return .html
        default: return .plain
        }
    }
}

/// A document's text, ready for the passage splitter.
public struct DecodedDocument: Equatable, Sendable {
    public var text: String
    public var encoding: SourceEncoding
    /// Some bytes were invalid in `encoding` and became U+FFFD.
    public var repaired: Bool
    /// Where a paragraph ends although no blank line does (HTML block ends), as UTF-8 byte
    /// offsets into `text`, ascending; hand them to `PassageSplitter.passages(of:paragraphEnds:)`.
    public var paragraphEnds: [Int]

    public init(text: String, encoding: SourceEncoding, repaired: Bool = false, paragraphEnds: [Int] = []) {
        self.text = text
        self.encoding = encoding
        self.repaired = repaired
        self.paragraphEnds = paragraphEnds
    }
}

/// Turns the bytes of a file into text, or says why it is not text.
///
/// Rules:
/// - A UTF-8 byte order mark is dropped; UTF-16 with a byte order mark (LE or BE) is decoded
///   (unpaired surrogates and an odd last byte become U+FFFD and count as repaired).
/// - A NUL byte in the first `sniffLength` bytes means a binary file: not indexed.
/// - Valid UTF-8 is UTF-8.
/// - Otherwise, without a UTF-8 byte order mark (which declares UTF-8), the bytes are read as
///   Windows-1256 when that reading looks like Arabic script: at least half of the bytes ≥ 0x80
///   map into U+0600–U+06FF (letters, harakat, ، ؛ ؟) and stand next to another byte ≥ 0x80, as
///   the letters of a word do. A lone byte between ASCII ones is Latin-1 (Spanish á í ñ ó ú and
///   German ä ö are Arabic letters or harakat in Windows-1256) or damage, not Arabic. Not either
///   when most bytes ≥ 0x80 form well-formed UTF-8 sequences: that is UTF-8 with a few damaged
///   bytes, and UTF-8 Arabic reads as Arabic in Windows-1256 too (its lead bytes 0xD8–0xDB are
///   ط ظ ع غ).
/// - Anything else is UTF-8 repaired (each bad sequence becomes U+FFFD) and reported as `repaired`.
/// - With `format: .html`, the markup is stripped by `HTMLText`, line for line.
/// - C0 control characters other than tab, line feed and carriage return become spaces, so no
///   stored passage contains a control character (the highlighter relies on this), and every byte
///   offset stays where it was.
public struct DocumentDecoder: Sendable {
    /// How many leading bytes are checked for NUL when deciding whether a file is binary.
    public static let sniffLength = 8_192

    public init() {}

    public enum Outcome: Equatable, Sendable {
        case text(DecodedDocument)
        case binary
    }

    public func decode(_ bytes: [UInt8], format: DocumentFormat = .plain) -> Outcome {
        var document: DecodedDocument
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let (text, repaired) = Self.decodeUTF16(bytes)
            document = DecodedDocument(
                text: text, encoding: bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian, repaired: repaired)
        } else {
            var body = bytes[...]
            let hasByteOrderMark = body.starts(with: [0xEF, 0xBB, 0xBF])
            if hasByteOrderMark { body = body.dropFirst(3) }
            if body.prefix(Self.sniffLength).contains(0) { return .binary }
            if let text = String(validating: body, as: UTF8.self) {
                document = DecodedDocument(text: text, encoding: .utf8)
            } else if !hasByteOrderMark && Self.readsAsWindows1256(body) {
                document = DecodedDocument(text: Windows1256.decode(body), encoding: .windows1256)
            } else {
                document = DecodedDocument(text: String(decoding: body, as: UTF8.self), encoding: .utf8, repaired: true)
            }
        }
        if format == .html {
            (document.text, document.paragraphEnds) = HTMLText.extract(document.text)
        }
        // Byte for byte, so `paragraphEnds` still points where it did.
        document.text = Self.cleaned(document.text)
        return .text(document)
    }

    /// Whether bytes that are not valid UTF-8 are Windows-1256 Arabic or Persian (see the rules).
    static func readsAsWindows1256(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            var high = 0, arabicInWords = 0, inUTF8Sequences = 0
            Windows1256.codePoints.withUnsafeBufferPointer { table in
                var index = 0
                while index < bytes.count {
                    guard bytes[index] >= 0x80 else {
                        index += 1
                        continue
                    }
                    // A run of bytes ≥ 0x80: in Windows-1256 Arabic, a word.
                    let runStart = index
                    while index < bytes.count && bytes[index] >= 0x80 { index += 1 }
                    high += index - runStart
                    if index - runStart > 1 {
                        for offset in runStart..<index where Windows1256.isArabic(table[Int(bytes[offset] &- 0x80)]) {
                            arabicInWords += 1
                        }
                    }
                    var offset = runStart
                    while offset < index {
                        let length = utf8SequenceLength(bytes, at: offset)
                        inUTF8Sequences += length
                        offset += max(length, 1)
                    }
                }
            }
            return inUTF8Sequences * 2 < high && arabicInWords * 2 >= high
        }
    }

    /// The length of the well-formed multi-byte UTF-8 sequence starting at `index`, or 0.
    private static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default: return 0
        }
        guard index + length <= bytes.count, secondRange.contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }

    private static func decodeUTF16(_ bytes: [UInt8]) -> (text: String, repaired: Bool) {
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        // An unpaired surrogate becomes U+FFFD in String(decoding:); note it so it is reported.
        var repaired = bytes.count % 2 == 1
        var expectingLowSurrogate = false
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            let unit = littleEndian ? first | (second << 8) : (first << 8) | second
            let isLow = unit & 0xFC00 == 0xDC00
            if expectingLowSurrogate != isLow { repaired = true }
            expectingLowSurrogate = unit & 0xFC00 == 0xD800
            units.append(unit)
            index += 2
        }
        if expectingLowSurrogate { repaired = true }
        var text = String(decoding: units, as: UTF16.self)
        if bytes.count % 2 == 1 { text.append("\u{FFFD}") }
        return (text, repaired)
    }

    private static func isStrayControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    static func cleaned(_ text: String) -> String {
        var text = text
        // withUTF8 hands over the bytes of a native string without copying; a plain loop over them
        // is several times faster than the generic `utf8.contains(where:)`.
        let hasStrayControl = text.withUTF8 { bytes in
            for byte in bytes where isStrayControl(byte) { return true }
            return false
        }
        guard hasStrayControl else { return text }
        return String(decoding: text.utf8.map { isStrayControl($0) ? 0x20 : $0 }, as: UTF8.self)
    }
}
