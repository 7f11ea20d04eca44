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
///
/// `decode` reads a document held in memory. The indexer reads files as streams instead, in
/// pieces, by the same rules and with the same result (`DocumentFile`, `DocumentText`,
/// `DocumentPassages`): the encoding is decided in a first pass over the bytes (`EncodingSurvey`).
public struct DocumentDecoder: Sendable {
    /// How many leading bytes are checked for NUL when deciding whether a file is binary.
    public static let sniffLength = 8_192

    public init() {}

    public enum Outcome: Equatable, Sendable {
        case text(DecodedDocument)
        case binary
    }

    public func decode(_ bytes: [UInt8], format: DocumentFormat = .plain) -> Outcome {
        bytes.withUnsafeBufferPointer { bytes in
            guard case .text(let encoding, let repaired, let byteOrderMarkLength) = EncodingSurvey.verdict(of: bytes) else {
                return .binary
            }
            var stream = DocumentText(
                encoding: encoding, byteOrderMarkLength: byteOrderMarkLength, format: format, isKnownValid: !repaired)
            var text: [UInt8] = []
            var paragraphEnds: [Int] = []
            stream.read(bytes, into: &text, paragraphEnds: &paragraphEnds)
            stream.finish(into: &text, paragraphEnds: &paragraphEnds)
            return .text(DecodedDocument(
                text: String(decoding: text, as: UTF8.self), encoding: encoding, repaired: repaired,
                paragraphEnds: paragraphEnds))
        }
    }

    /// Turns the stray control characters of `text[start...]` (C0 controls other than tab, line
    /// feed and carriage return, and DEL) into spaces, byte for byte.
    static func clean(_ text: inout [UInt8], from start: Int) {
        text.withUnsafeMutableBufferPointer { bytes in
            guard var byte = bytes.baseAddress.map({ $0 + start }) else { return }
            let end = bytes.baseAddress! + bytes.count
            while byte < end {
                let value = byte.pointee
                if value < 0x20 || value == 0x7F, value != 0x09 && value != 0x0A && value != 0x0D { byte.pointee = 0x20 }
                byte += 1
            }
        }
    }
}

/// The text of a document read as a stream: its bytes, given in pieces of any size, decoded
/// (see `TextDecoder`), the text of HTML extracted (`HTMLText`), stray control characters made
/// spaces; the same text, byte for byte, as `DocumentDecoder.decode` gives for the whole.
public struct DocumentText {
    private var decoder: TextDecoder
    private var html: HTMLText?
    /// Decoded HTML, before its text is extracted.
    private var markup: [UInt8] = []

    /// `isKnownValid`: the bytes to come are those a survey found valid UTF-8 (not read again
    /// from a file that may have changed since), so they need no second check.
    public init(encoding: SourceEncoding, byteOrderMarkLength: Int, format: DocumentFormat, isKnownValid: Bool = false) {
        decoder = TextDecoder(encoding: encoding, byteOrderMarkLength: byteOrderMarkLength, isKnownValid: isKnownValid)
        html = format == .html ? HTMLText() : nil
    }

    /// Appends the text of the next bytes to `text`, and where HTML blocks end (offsets into the
    /// whole text) to `paragraphEnds`. The text appended ends on a whole character.
    public mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, into text: inout [UInt8], paragraphEnds: inout [Int]) {
        let start = text.count
        if html == nil {
            decoder.decode(bytes, into: &text)
        } else {
            decoder.decode(bytes, into: &markup)
            extractMarkup(into: &text, paragraphEnds: &paragraphEnds)
        }
        DocumentDecoder.clean(&text, from: start)
    }

    public mutating func finish(into text: inout [UInt8], paragraphEnds: inout [Int]) {
        let start = text.count
        if html == nil {
            decoder.finish(into: &text)
        } else {
            decoder.finish(into: &markup)
            extractMarkup(into: &text, paragraphEnds: &paragraphEnds)
            html!.finish(into: &text, paragraphEnds: &paragraphEnds)
        }
        DocumentDecoder.clean(&text, from: start)
    }

    private mutating func extractMarkup(into text: inout [UInt8], paragraphEnds: inout [Int]) {
        markup.withUnsafeBufferPointer { html!.extract($0, into: &text, paragraphEnds: &paragraphEnds) }
        markup.removeAll(keepingCapacity: true)
    }
}

/// The passages of a document read as a stream: `DocumentText`, then `PassageSplitter.Stream`.
/// Passages come out as soon as they are complete, the same as the whole document gives.
public struct DocumentPassages {
    private var text: DocumentText
    private var splitter: PassageSplitter.Stream
    private var buffer: [UInt8] = []
    private var paragraphEnds: [Int] = []

    public init(
        encoding: SourceEncoding, byteOrderMarkLength: Int, format: DocumentFormat, splitter: PassageSplitter = PassageSplitter(),
        isKnownValid: Bool = false
    ) {
        text = DocumentText(encoding: encoding, byteOrderMarkLength: byteOrderMarkLength, format: format, isKnownValid: isKnownValid)
        self.splitter = PassageSplitter.Stream(splitter: splitter)
    }

    public mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, emit: (Passage) -> Void) {
        text.read(bytes, into: &buffer, paragraphEnds: &paragraphEnds)
        split(emit)
    }

    public mutating func finish(emit: (Passage) -> Void) {
        text.finish(into: &buffer, paragraphEnds: &paragraphEnds)
        split(emit)
        splitter.finish(emit: emit)
    }

    private mutating func split(_ emit: (Passage) -> Void) {
        buffer.withUnsafeBufferPointer { splitter.add($0, paragraphEnds: paragraphEnds, emit: emit) }
        buffer.removeAll(keepingCapacity: true)
        paragraphEnds.removeAll(keepingCapacity: true)
    }
}
