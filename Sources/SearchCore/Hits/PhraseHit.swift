/// One instance of a phrase of the MATCH expression in a passage's text, as FTS5's `arfa_hits`
/// reports it: the byte span `highlight()` would mark, and the phrase's number in FTS5's order
/// (its role says what the query asked for: `ParsedQuery.phraseRoles`).
public struct PhraseHit: Equatable, Sendable {
    public var byteStart: Int
    public var byteEnd: Int
    public var phrase: Int

    public init(byteStart: Int, byteEnd: Int, phrase: Int) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.phrase = phrase
    }

    /// `arfa_hits`' blob: little-endian `Int32` triples (byte start, byte end, phrase), one per
    /// phrase instance.
    public static func encode(byteStart: Int32, byteEnd: Int32, phrase: Int32, into blob: inout [Int32]) {
        blob.append(byteStart.littleEndian)
        blob.append(byteEnd.littleEndian)
        blob.append(phrase.littleEndian)
    }

    /// The hits of a blob `encode` wrote.
    public static func decode(_ blob: UnsafeRawBufferPointer) -> [PhraseHit] {
        let count = blob.count / (3 * MemoryLayout<Int32>.size)
        var hits: [PhraseHit] = []
        hits.reserveCapacity(count)
        for index in 0..<count {
            func field(_ offset: Int) -> Int {
                Int(Int32(littleEndian: blob.loadUnaligned(fromByteOffset: (3 * index + offset) * 4, as: Int32.self)))
            }
            hits.append(PhraseHit(byteStart: field(0), byteEnd: field(1), phrase: field(2)))
        }
        return hits
    }
}
