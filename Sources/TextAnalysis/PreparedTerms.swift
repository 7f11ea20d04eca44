#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The index terms of one passage, computed ahead of the insert (on the preparing thread), so
/// that the `arfa` tokenizer only replays them to FTS5 on the writing thread.
public struct PreparedTerms: Sendable {
    /// 12 bytes a term: a passage is far below 4 GB, and a term or its span below 32 kB.
    struct Term: Sendable {
        var termStart: UInt32
        var byteStart: UInt32
        var termLength: UInt16
        /// The span's length, with the top bit set for a colocated term.
        var spanAndFlag: UInt16
    }

    /// The text the terms were computed from (sharing the passage's storage): a replay is only
    /// valid for these exact bytes.
    public let text: String
    private(set) var termBytes: [UInt8] = []
    private(set) var terms: [Term] = []

    /// Roughly the memory the terms take.
    public var byteCount: Int { termBytes.count + terms.count * MemoryLayout<Term>.stride }

    /// Nil for a passage too long for `Term`'s fields; it is then analyzed at insert time.
    public init?(text: String) {
        var text = text
        self.text = text
        var fits = true
        let indexTerms = IndexTerms()
        text.withUTF8 { utf8 in
            guard utf8.count < Int(UInt32.max) else { fits = false; return }
            indexTerms.generate(utf8: utf8) { term, byteStart, byteEnd, isColocated in
                let span = byteEnd - byteStart
                guard fits, term.count <= Int(UInt16.max), span < 0x8000 else { fits = false; return }
                terms.append(Term(
                    termStart: UInt32(termBytes.count), byteStart: UInt32(byteStart),
                    termLength: UInt16(term.count), spanAndFlag: UInt16(span) | (isColocated ? 0x8000 : 0)))
                termBytes.append(contentsOf: term)
            }
        }
        guard fits else { return nil }
    }

    /// Calls `body` for every term, as `IndexTerms.generate` would for `text`.
    public func replay(_ body: (_ term: UnsafeBufferPointer<UInt8>, _ byteStart: Int, _ byteEnd: Int, _ isColocated: Bool) throws -> Void) rethrows {
        try termBytes.withUnsafeBufferPointer { bytes in
            for term in terms {
                let start = Int(term.termStart)
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<start + Int(term.termLength)])
                let byteStart = Int(term.byteStart)
                try body(slice, byteStart, byteStart + Int(term.spanAndFlag & 0x7FFF), term.spanAndFlag & 0x8000 != 0)
            }
        }
    }

    /// Whether these terms were computed from exactly `other`'s bytes (a replay is valid only then).
    public func matches(_ other: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = text
        // memcmp: a passage may be thousands of bytes, compared once per insert.
        return text.utf8.count == other.count && text.withUTF8 { own in
            own.count == 0 || memcmp(own.baseAddress!, other.baseAddress!, own.count) == 0
        }
    }
}
