import TextAnalysis

/// The FTS5 tokenizer `arfa`: the text analysis run on the raw UTF-8 SQLite hands over, each
/// term reported with its byte span in that original text.
///
/// - Documents (and highlighting, which must see the same tokens) get `IndexTerms`: the folded
///   surface form of each word and, colocated, its stems and spaced Persian forms; terms the
///   indexer prepared ahead for these exact bytes are replayed instead of recomputed.
/// - Queries arrive already analyzed by the query parser, one FTS5 string per term: a string
///   that starts with a stem marker (`IndexTerms`) is a stem and passes through unchanged;
///   anything else is folded (idempotently) into surface terms.
///
/// All text rules live in `TextAnalysis`; this only adapts pointers and callbacks.
enum ArfaTokenizer {
    static let name = "arfa"
    /// FTS5_TOKENIZE_QUERY and FTS5_TOKEN_COLOCATED from fts5.h.
    static let queryFlag: Int32 = 0x0001
    static let colocatedFlag: Int32 = 0x0001

    /// Carries a non-OK code returned by SQLite's token callback out of the analyzer loop.
    private struct CallbackFailure: Error {
        let code: Int32
    }

    /// Calls `emit` for every term of `text`; returns SQLite's code (never swallows a callback
    /// error: SQLite may be out of memory or aborting).
    static func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, isQuery: Bool, state: FullTextConnection?,
        emit: (_ term: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ colocated: Bool) -> Int32
    ) -> Int32 {
        func report(_ term: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ colocated: Bool) throws {
            let code = emit(term, start, end, colocated)
            if code != FTS5Registration.ok { throw CallbackFailure(code: code) }
        }
        do {
            if isQuery {
                if IndexTerms.isStemMarker(text[0]) {
                    try report(text, 0, text.count, false)
                } else {
                    try Analyzer().analyze(utf8: text) { term, start, end in try report(term, start, end, false) }
                }
            } else if let prepared = state?.takeTerms(for: text) {
                try prepared.replay(report)
            } else {
                try IndexTerms().generate(utf8: text, report)
            }
        } catch let failure as CallbackFailure {
            return failure.code
        } catch {
            return 1 // SQLITE_ERROR
        }
        return FTS5Registration.ok
    }
}
