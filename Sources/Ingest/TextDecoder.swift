/// Turns the bytes of a document in a known encoding into UTF-8, given in pieces of any size.
///
/// Every piece of output ends on a whole character, so the stages after it (HTML, the passage
/// splitter) never see half of one; the output is the same, byte for byte, whatever the pieces.
/// Invalid UTF-8 becomes U+FFFD as `String(decoding:as:)` makes it (one per maximal invalid
/// subpart), an unpaired UTF-16 surrogate or an odd last byte becomes U+FFFD.
struct TextDecoder {
    let encoding: SourceEncoding
    /// The bytes are known to be valid UTF-8 (the very bytes the survey found valid), so they
    /// are copied without being checked again.
    let isKnownValid: Bool
    /// Byte order mark bytes still to drop.
    private var skip: Int
    /// Bytes held back until the next piece shows how they end (at most 3).
    private var carry: [UInt8] = []

    init(encoding: SourceEncoding, byteOrderMarkLength: Int, isKnownValid: Bool = false) {
        self.encoding = encoding
        self.isKnownValid = isKnownValid && encoding == .utf8
        skip = byteOrderMarkLength
    }

    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var bytes = bytes
        if skip > 0 {
            let dropped = min(skip, bytes.count)
            skip -= dropped
            bytes = UnsafeBufferPointer(rebasing: bytes[dropped...])
        }
        guard !bytes.isEmpty else { return }
        switch encoding {
        case .windows1256:
            Windows1256.decode(bytes, into: &output)
        case .utf8:
            decodeUTF8(bytes, final: false, into: &output)
        case .utf16LittleEndian, .utf16BigEndian:
            decodeUTF16(bytes, final: false, into: &output)
        }
    }

    mutating func finish(into output: inout [UInt8]) {
        switch encoding {
        case .windows1256: break
        case .utf8: decodeUTF8(UnsafeBufferPointer(start: nil, count: 0), final: true, into: &output)
        case .utf16LittleEndian, .utf16BigEndian: decodeUTF16(UnsafeBufferPointer(start: nil, count: 0), final: true, into: &output)
        }
    }

    // MARK: UTF-8

    private mutating func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, into output: inout [UInt8]) {
        var bytes = bytes
        if !carry.isEmpty {
            // The held bytes start with a byte that is not a continuation byte; the piece's first
            // continuation bytes may finish its character. The cut after them is safe once a
            // byte that is not a continuation follows, or four continuation bytes did.
            var end = 0
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 && carry.count - 1 + end < 4 { end += 1 }
            carry.append(contentsOf: bytes[..<end])
            guard final || end < bytes.count || carry.count - 1 >= 4 else { return }
            carry.withUnsafeBufferPointer { appendUTF8($0, into: &output) }
            carry = []
            bytes = UnsafeBufferPointer(rebasing: bytes[end...])
        }
        let cut = final ? bytes.count : Self.safeCut(bytes)
        appendUTF8(UnsafeBufferPointer(rebasing: bytes[..<cut]), into: &output)
        carry.append(contentsOf: bytes[cut...])
    }

    /// Where bytes may be cut so that decoding each side gives what decoding them together
    /// would: after the last ASCII byte or before the last lead byte among the last four; at
    /// the end when the last four are all continuation bytes (no character is longer, so the
    /// last one cannot be part of an unfinished character).
    static func safeCut(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = bytes.count
        while index > 0 && index > bytes.count - 4 {
            index -= 1
            if bytes[index] < 0x80 { return index + 1 }
            if bytes[index] & 0xC0 != 0x80 { return index }
        }
        return bytes.count
    }

    /// Appends the bytes, valid ones as they are and invalid ones repaired.
    private func appendUTF8(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        var validation = UTF8Validation()
        if !isKnownValid { validation.add(bytes) }
        if isKnownValid || validation.finish() {
            output.append(contentsOf: bytes)
        } else {
            var repaired = String(decoding: bytes, as: UTF8.self)
            repaired.withUTF8 { output.append(contentsOf: $0) }
        }
    }

    // MARK: UTF-16

    private mutating func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, into output: inout [UInt8]) {
        guard !carry.isEmpty else { return decodeUTF16Units(bytes, final: final, into: &output) }
        var joined = carry
        carry = []
        joined.append(contentsOf: bytes)
        joined.withUnsafeBufferPointer { decodeUTF16Units($0, final: final, into: &output) }
    }

    private mutating func decodeUTF16Units(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool, into output: inout [UInt8]) {
        let littleEndian = encoding == .utf16LittleEndian
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index + 1 < bytes.count {
            units.append(Self.unit(bytes[index], bytes[index + 1], littleEndian: littleEndian))
            index += 2
        }
        var kept = bytes.count - index
        // A high surrogate waits for the next piece, which may hold its low half.
        if !final, let last = units.last, last & 0xFC00 == 0xD800 {
            units.removeLast()
            kept += 2
        }
        Self.appendUTF16(units, into: &output)
        if final {
            if bytes.count % 2 == 1 { output.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
        } else {
            carry.append(contentsOf: bytes.suffix(kept))
        }
    }

    @inline(__always)
    private static func unit(_ first: UInt8, _ second: UInt8, littleEndian: Bool) -> UInt16 {
        littleEndian ? UInt16(first) | UInt16(second) << 8 : UInt16(first) << 8 | UInt16(second)
    }

    /// Appends UTF-16 code units as UTF-8; each unpaired surrogate becomes U+FFFD.
    private static func appendUTF16(_ units: [UInt16], into output: inout [UInt8]) {
        var index = 0
        while index < units.count {
            let unit = units[index]
            index += 1
            var scalar = UInt32(unit)
            if unit & 0xFC00 == 0xD800 {
                if index < units.count && units[index] & 0xFC00 == 0xDC00 {
                    scalar = 0x10000 + (UInt32(unit & 0x3FF) << 10) + UInt32(units[index] & 0x3FF)
                    index += 1
                } else {
                    scalar = 0xFFFD
                }
            } else if unit & 0xFC00 == 0xDC00 {
                scalar = 0xFFFD
            }
            appendScalar(scalar, into: &output)
        }
    }

    @inline(__always)
    static func appendScalar(_ scalar: UInt32, into output: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            output.append(UInt8(scalar))
        case ..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
