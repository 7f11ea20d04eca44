/// Turns the bytes of a file into text, or says why it is not text.
///
/// Rules:
/// - A UTF-8 byte order mark is dropped; UTF-16 with a byte order mark (LE or BE) is decoded.
/// - A NUL byte in the first `sniffLength` bytes means a binary file: not indexed.
/// - Invalid UTF-8 is repaired (each bad sequence becomes U+FFFD) and reported as `repaired`.
/// - C0 control characters other than tab, line feed and carriage return become spaces, so no
///   stored passage contains a control character (the highlighter relies on this).
public struct DocumentDecoder: Sendable {
    /// How many leading bytes are checked for NUL when deciding whether a file is binary.
    public static let sniffLength = 8_192

    public init() {}

    public enum Outcome: Equatable, Sendable {
        case text(String, repaired: Bool)
        case binary
    }

    public func decode(_ bytes: [UInt8]) -> Outcome {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .text(Self.cleaned(Self.decodeUTF16(bytes)), repaired: false)
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.prefix(Self.sniffLength).contains(0) { return .binary }
        if let text = String(validating: body, as: UTF8.self) {
            return .text(Self.cleaned(text), repaired: false)
        }
        return .text(Self.cleaned(String(decoding: body, as: UTF8.self)), repaired: true)
    }

    private static func decodeUTF16(_ bytes: [UInt8]) -> String {
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | (second << 8) : (first << 8) | second)
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    private static func isStrayControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    static func cleaned(_ text: String) -> String {
        guard text.utf8.contains(where: isStrayControl) else { return text }
        return String(decoding: text.utf8.map { isStrayControl($0) ? 0x20 : $0 }, as: UTF8.self)
    }
}
