/// How a document's bytes are read, decided from the bytes themselves (`DocumentDecoder`'s rules).
public enum DocumentVerdict: Equatable, Sendable {
    case binary
    /// Text in `encoding`, after a byte order mark of `byteOrderMarkLength` bytes; `repaired` when
    /// some bytes are invalid in it.
    case text(encoding: SourceEncoding, repaired: Bool, byteOrderMarkLength: Int)
}

/// How a document's bytes are to be read, decided by `DocumentDecoder`'s rules from bytes given
/// in pieces of any size: a file is surveyed as a stream, whatever its size.
///
/// Everything but one rule needs a single look at each byte. The Windows-1256 rule weighs all
/// the bytes of a file that is not valid UTF-8 (`Windows1256Statistics`): `finish()` asks for it
/// then, and the caller reads the bytes again to give it.
struct EncodingSurvey {
    typealias Verdict = DocumentVerdict

    enum Result: Equatable {
        case decided(Verdict)
        /// Not valid UTF-8 and no byte order mark: Windows-1256 or repaired UTF-8, which
        /// `verdict(readsAsWindows1256:)` tells from the statistics of the same bytes.
        case needsWindows1256Statistics
    }

    private enum Layout {
        case utf8(byteOrderMark: Bool)
        case utf16(littleEndian: Bool)
    }

    /// The first bytes, until there are enough to tell a byte order mark.
    private var head: [UInt8] = []
    private var layout: Layout?
    private var sniffRemaining = DocumentDecoder.sniffLength
    private var sawNUL = false
    private var utf8 = UTF8Validation()
    private var utf16 = UTF16Validation()

    init() {}

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let layout else {
            head.append(contentsOf: bytes)
            if head.count >= 3 { decideLayout() }
            return
        }
        switch layout {
        case .utf8:
            if sniffRemaining > 0 {
                let sniffed = UnsafeBufferPointer(rebasing: bytes.prefix(sniffRemaining))
                if sniffed.contains(0) { sawNUL = true }
                sniffRemaining -= sniffed.count
            }
            utf8.add(bytes)
        case .utf16(let littleEndian):
            utf16.add(bytes, littleEndian: littleEndian)
        }
    }

    private mutating func decideLayout() {
        let layout: Layout
        var bodyStart = 0
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            layout = .utf16(littleEndian: head[0] == 0xFF)
            bodyStart = 2
        } else if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            layout = .utf8(byteOrderMark: true)
            bodyStart = 3
        } else {
            layout = .utf8(byteOrderMark: false)
        }
        self.layout = layout
        let rest = head[bodyStart...]
        head = []
        Array(rest).withUnsafeBufferPointer { add($0) }
    }

    mutating func finish() -> Result {
        if layout == nil { decideLayout() }
        switch layout! {
        case .utf16(let littleEndian):
            let repaired = utf16.finish()
            return .decided(.text(
                encoding: littleEndian ? .utf16LittleEndian : .utf16BigEndian, repaired: repaired, byteOrderMarkLength: 2))
        case .utf8(let byteOrderMark):
            if sawNUL { return .decided(.binary) }
            if utf8.finish() { return .decided(.text(encoding: .utf8, repaired: false, byteOrderMarkLength: byteOrderMark ? 3 : 0)) }
            if byteOrderMark { return .decided(.text(encoding: .utf8, repaired: true, byteOrderMarkLength: 3)) }
            return .needsWindows1256Statistics
        }
    }

    /// The verdict on bytes that are not valid UTF-8 and have no byte order mark.
    static func verdict(readsAsWindows1256: Bool) -> Verdict {
        readsAsWindows1256
            ? .text(encoding: .windows1256, repaired: false, byteOrderMarkLength: 0)
            : .text(encoding: .utf8, repaired: true, byteOrderMarkLength: 0)
    }

    /// The verdict on a whole document held in memory.
    static func verdict(of bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        var survey = EncodingSurvey()
        survey.add(bytes)
        switch survey.finish() {
        case .decided(let verdict):
            return verdict
        case .needsWindows1256Statistics:
            var statistics = Windows1256Statistics()
            statistics.add(bytes)
            return verdict(readsAsWindows1256: statistics.finish())
        }
    }
}

/// Whether bytes are well-formed UTF-8, given in pieces of any size.
struct UTF8Validation {
    private var valid = true
    /// Continuation bytes still expected, and the range the next one must be in.
    private var expected = 0
    private var nextLow: UInt8 = 0x80
    private var nextHigh: UInt8 = 0xBF

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard valid, let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = 0
        while index < count {
            if expected == 0 {
                // Eight ASCII bytes at a time: most text, in any script, has runs of them.
                while index + 8 <= count,
                      UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                }
                guard index < count else { break }
                let lead = base[index]
                index += 1
                if lead < 0x80 { continue }
                (nextLow, nextHigh) = (0x80, 0xBF)
                switch lead {
                case 0xC2...0xDF: expected = 1
                case 0xE0: expected = 2; nextLow = 0xA0
                case 0xED: expected = 2; nextHigh = 0x9F
                case 0xE1...0xEF: expected = 2
                case 0xF0: expected = 3; nextLow = 0x90
                case 0xF4: expected = 3; nextHigh = 0x8F
                case 0xF1...0xF3: expected = 3
                default:
                    valid = false
                    return
                }
            } else {
                let byte = base[index]
                index += 1
                guard byte >= nextLow && byte <= nextHigh else {
                    valid = false
                    return
                }
                expected -= 1
                (nextLow, nextHigh) = (0x80, 0xBF)
            }
        }
    }

    /// Whether everything added was valid UTF-8, ending on a whole character.
    func finish() -> Bool { valid && expected == 0 }
}

/// Whether the bytes of UTF-16 text (after its byte order mark) decode without repair: no
/// unpaired surrogate and no odd last byte. Given in pieces of any size.
struct UTF16Validation {
    private var pendingByte: UInt8?
    private var expectingLowSurrogate = false
    private var repaired = false

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, littleEndian: Bool) {
        var index = 0
        if let first = pendingByte, !bytes.isEmpty {
            check(unit(first, bytes[0], littleEndian: littleEndian))
            pendingByte = nil
            index = 1
        }
        while index + 1 < bytes.count {
            check(unit(bytes[index], bytes[index + 1], littleEndian: littleEndian))
            index += 2
        }
        if index < bytes.count { pendingByte = bytes[index] }
    }

    @inline(__always)
    private func unit(_ first: UInt8, _ second: UInt8, littleEndian: Bool) -> UInt16 {
        littleEndian ? UInt16(first) | UInt16(second) << 8 : UInt16(first) << 8 | UInt16(second)
    }

    @inline(__always)
    private mutating func check(_ unit: UInt16) {
        let isLow = unit & 0xFC00 == 0xDC00
        if expectingLowSurrogate != isLow { repaired = true }
        expectingLowSurrogate = unit & 0xFC00 == 0xD800
    }

    /// Whether decoding needs repairs.
    func finish() -> Bool { repaired || expectingLowSurrogate || pendingByte != nil }
}

/// The statistics behind the Windows-1256 rule of `DocumentDecoder`, over bytes given in pieces
/// of any size: how many bytes are ≥ 0x80, how many of those are Arabic letters in runs of two or
/// more (the letters of a word), and how many form well-formed multi-byte UTF-8 sequences
/// (read greedily, run by run, from the start of each run).
struct Windows1256Statistics {
    private var high = 0
    private var arabicInWords = 0
    private var inUTF8Sequences = 0
    /// The run of bytes ≥ 0x80 under way: its length and how many are Arabic in Windows-1256.
    private var runLength = 0
    private var runArabic = 0
    /// The bytes of a UTF-8 sequence that may still turn out well-formed (at most 3).
    private var candidate: [UInt8] = []

    init() {
        candidate.reserveCapacity(4)
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        Windows1256.codePoints.withUnsafeBufferPointer { table in
            for byte in bytes {
                guard byte >= 0x80 else {
                    if runLength > 0 { endRun() }
                    continue
                }
                high += 1
                runLength += 1
                if Windows1256.isArabic(table[Int(byte &- 0x80)]) { runArabic += 1 }
                candidate.append(byte)
                readCandidate()
            }
        }
    }

    /// Counts the sequences the candidate bytes complete; drops the lead of one that cannot be.
    private mutating func readCandidate() {
        while let lead = candidate.first {
            let (length, secondLow, secondHigh) = Self.shape(of: lead)
            var failed = length == 0
            var index = 1
            while !failed && index < min(length, candidate.count) {
                let byte = candidate[index]
                failed = index == 1 ? !(secondLow...secondHigh).contains(byte) : byte & 0xC0 != 0x80
                index += 1
            }
            if failed {
                candidate.removeFirst()
            } else if candidate.count >= length {
                inUTF8Sequences += length
                candidate.removeFirst(length)
            } else {
                return
            }
        }
    }

    /// The length of a multi-byte sequence `lead` starts, with the range of its second byte; 0 if none.
    private static func shape(of lead: UInt8) -> (length: Int, secondLow: UInt8, secondHigh: UInt8) {
        switch lead {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xE1...0xEF: (3, 0x80, 0xBF)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        default: (0, 0, 0)
        }
    }

    /// A run ends: its Arabic bytes count if it is a word (two bytes or more); a sequence it
    /// left unfinished is not one.
    private mutating func endRun() {
        if runLength > 1 { arabicInWords += runArabic }
        runLength = 0
        runArabic = 0
        candidate.removeAll(keepingCapacity: true)
    }

    /// Whether the bytes read as Arabic or Persian in Windows-1256 (see `DocumentDecoder`).
    mutating func finish() -> Bool {
        endRun()
        return inUTF8Sequences * 2 < high && arabicInWords * 2 >= high
    }
}
