#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a word exactly as typed (same bytes, marks and all) standing as a whole word in a text:
/// what "exact" means when ranking exact forms above folded ones.
public struct WordOccurrence: Sendable {
    private let table = ScalarTable.shared

    public init() {}

    /// Whether `word` occurs in `text` with no letter, mark or joiner glued to either side.
    public func occurs(_ word: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let needle = word.baseAddress, let haystack = text.baseAddress,
              !word.isEmpty, word.count <= text.count else { return false }
        // The search jumps from one place holding a rare byte of the word to the next with
        // memchr: in Arabic script nearly every other byte is the lead byte D8 or D9, so the
        // word's first byte would rule out few places; a continuation byte rules out most.
        let anchorOffset = (1..<word.count).first { needle[$0] & 0xC0 == 0x80 } ?? 0
        let anchor = Int32(needle[anchorOffset])
        let lastStart = text.count - word.count
        var from = anchorOffset
        while from <= lastStart + anchorOffset,
              let found = memchr(haystack + from, anchor, lastStart + anchorOffset - from + 1) {
            let at = haystack.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let start = at - anchorOffset
            if Self.equal(haystack + start, needle, word.count)
                && !isWordScalar(endingAt: start, in: text) && !isWordScalar(startingAt: start + word.count, in: text) {
                return true
            }
            from = at + 1
        }
        return false
    }

    public func occurs(_ word: String, in text: String) -> Bool {
        var word = word
        var text = text
        return word.withUTF8 { word in text.withUTF8 { occurs(word, in: $0) } }
    }

    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for offset in 0..<count where a[offset] != b[offset] { return false }
        return true
    }

    private func isWordScalar(startingAt index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index < text.count else { return false }
        let (value, _) = UTF8Encoding.decode(text.baseAddress!, at: index, count: text.count)
        return isWordKind(value)
    }

    private func isWordScalar(endingAt index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index > 0 else { return false }
        var start = index - 1
        while start > 0 && text[start] & 0xC0 == 0x80 && index - start < 4 { start -= 1 }
        let (value, _) = UTF8Encoding.decode(text.baseAddress!, at: start, count: text.count)
        return isWordKind(value)
    }

    private func isWordKind(_ value: UInt32) -> Bool {
        ScalarTable.kind(of: table.entry(for: value)) != .separator
    }
}
