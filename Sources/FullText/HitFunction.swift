import CSQLite
import SearchCore

/// The FTS5 auxiliary function `arfa_hits(passages_fts)`: where each phrase of the MATCH
/// expression occurs in the row's text, and which phrase it is.
///
/// It returns the blob `PhraseHit.encode` writes, one hit per phrase instance, in FTS5's order. The spans are those `highlight()` marks: a phrase instance
/// runs from the start of its first token to the end of its last, and a position's span is that
/// of its first token (a colocated stem shares its word's span). Knowing the phrase, a hit is
/// labelled by what the query asked for (`PhraseRole`), not guessed again from its letters.
public enum HitFunction {
    public static let name = "arfa_hits"
}

/// The byte span of each token position of a text, as the tokenizer reports them.
private final class PositionSpans {
    var starts: [Int32] = []
    var ends: [Int32] = []
}

/// `arfa_hits`'s C entry point (an `fts5_extension_function`); its user data is the connection's
/// `FullTextConnection`, for the SQLite functions it calls.
func arfaHits(
    api: UnsafePointer<Fts5ExtensionApi>?, fts: OpaquePointer?, context: OpaquePointer?,
    valueCount: Int32, values: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let state = api?.pointee.xUserData.flatMap({ $0(fts) })
        .map({ Unmanaged<FullTextConnection>.fromOpaque($0).takeUnretainedValue() }),
        let calls = state.calls else { return }
    guard let api = api?.pointee, let xInstCount = api.xInstCount, let xInst = api.xInst,
          let xPhraseSize = api.xPhraseSize, let xColumnText = api.xColumnText, let xTokenize = api.xTokenize else {
        calls.resultError(context, "arfa_hits(fts) is not available", -1)
        return
    }
    var instances: Int32 = 0
    guard xInstCount(fts, &instances) == FTS5Registration.ok else {
        calls.resultError(context, "arfa_hits: cannot read the phrase instances", -1)
        return
    }
    var text: UnsafePointer<CChar>?
    var length: Int32 = 0
    guard xColumnText(fts, 0, &text, &length) == FTS5Registration.ok else {
        calls.resultError(context, "arfa_hits: cannot read the text", -1)
        return
    }
    let spans = PositionSpans()
    if let text, length > 0 {
        let code = xTokenize(fts, text, length, Unmanaged.passUnretained(spans).toOpaque()) { pointer, flags, _, _, start, end in
            // Colocated tokens (stems, joined Persian spellings) share the position of the word.
            guard let pointer, flags & ArfaTokenizer.colocatedFlag == 0 else { return FTS5Registration.ok }
            let spans = Unmanaged<PositionSpans>.fromOpaque(pointer).takeUnretainedValue()
            spans.starts.append(start)
            spans.ends.append(end)
            return FTS5Registration.ok
        }
        guard code == FTS5Registration.ok else {
            calls.resultErrorCode(context, code)
            return
        }
    }
    var triples: [Int32] = []
    triples.reserveCapacity(3 * Int(instances))
    for index in 0..<instances {
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        guard xInst(fts, index, &phrase, &column, &offset) == FTS5Registration.ok, column == 0 else { continue }
        let last = Int(offset) + max(Int(xPhraseSize(fts, phrase)), 1) - 1
        guard offset >= 0, last < spans.starts.count else { continue }
        PhraseHit.encode(byteStart: spans.starts[Int(offset)], byteEnd: spans.ends[last], phrase: phrase, into: &triples)
    }
    triples.withUnsafeBytes { bytes in
        calls.resultBlob(context, bytes.baseAddress, Int32(bytes.count), SQLiteCalls.transient)
    }
}
