import Foundation
import GRDB
import GRDBSQLite

/// The FTS5 auxiliary function `arfa_hits(passages_fts)`: where each phrase of the MATCH
/// expression occurs in the row's text, and which phrase it is.
///
/// It returns a blob of little-endian `Int32` triples (byte start, byte end, phrase), one per
/// phrase instance, in FTS5's order. The spans are those `highlight()` marks: a phrase instance
/// runs from the start of its first token to the end of its last, and a position's span is that
/// of its first token (a colocated stem shares its word's span). Knowing the phrase, a hit is
/// labelled by what the query asked for (`PhraseRole`), not guessed again from its letters.
enum HitFunction {
    static let name = "arfa_hits"

    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, arfaHits, nil)
    }

    /// One phrase instance in a passage's text.
    struct Hit: Equatable {
        var byteStart: Int
        var byteEnd: Int
        var phrase: Int
    }

    /// Decodes the blob `arfa_hits` returns.
    static func hits(from blob: Data) -> [Hit] {
        var hits: [Hit] = []
        blob.withUnsafeBytes { raw in
            let count = raw.count / (3 * MemoryLayout<Int32>.size)
            hits.reserveCapacity(count)
            for index in 0..<count {
                func field(_ offset: Int) -> Int {
                    Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: (3 * index + offset) * 4, as: Int32.self)))
                }
                hits.append(Hit(byteStart: field(0), byteEnd: field(1), phrase: field(2)))
            }
        }
        return hits
    }
}

/// The byte span of each token position of a text, as the tokenizer reports them.
private final class PositionSpans {
    var starts: [Int32] = []
    var ends: [Int32] = []
}

private func arfaHits(
    api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
    valueCount: Int32, values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api = api?.pointee, let xInstCount = api.xInstCount, let xInst = api.xInst,
          let xPhraseSize = api.xPhraseSize, let xColumnText = api.xColumnText, let xTokenize = api.xTokenize else {
        sqlite3_result_error(context, "arfa_hits(fts) is not available", -1)
        return
    }
    var instances: Int32 = 0
    guard xInstCount(fts, &instances) == SQLITE_OK else {
        sqlite3_result_error(context, "arfa_hits: cannot read the phrase instances", -1)
        return
    }
    var text: UnsafePointer<CChar>?
    var length: Int32 = 0
    guard xColumnText(fts, 0, &text, &length) == SQLITE_OK else {
        sqlite3_result_error(context, "arfa_hits: cannot read the text", -1)
        return
    }
    let spans = PositionSpans()
    if let text, length > 0 {
        let code = xTokenize(fts, text, length, Unmanaged.passUnretained(spans).toOpaque()) { pointer, flags, _, _, start, end in
            // Colocated tokens (stems, joined Persian spellings) share the position of the word.
            guard let pointer, flags & 0x0001 == 0 else { return SQLITE_OK } // 0x0001: FTS5_TOKEN_COLOCATED
            let spans = Unmanaged<PositionSpans>.fromOpaque(pointer).takeUnretainedValue()
            spans.starts.append(start)
            spans.ends.append(end)
            return SQLITE_OK
        }
        guard code == SQLITE_OK else {
            sqlite3_result_error_code(context, code)
            return
        }
    }
    var triples: [Int32] = []
    triples.reserveCapacity(3 * Int(instances))
    for index in 0..<instances {
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        guard xInst(fts, index, &phrase, &column, &offset) == SQLITE_OK, column == 0 else { continue }
        let last = Int(offset) + max(Int(xPhraseSize(fts, phrase)), 1) - 1
        guard offset >= 0, last < spans.starts.count else { continue }
        triples.append(contentsOf: [spans.starts[Int(offset)].littleEndian, spans.ends[last].littleEndian, phrase.littleEndian])
    }
    triples.withUnsafeBytes { bytes in
        sqlite3_result_blob(context, bytes.baseAddress, Int32(bytes.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }
}
