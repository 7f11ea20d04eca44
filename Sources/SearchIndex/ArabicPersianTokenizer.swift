import GRDB
import TextAnalysis

/// The FTS5 tokenizer `arfa`: runs the text analysis on the raw UTF-8 that SQLite hands over and
/// reports each term with its byte span in that original text.
///
/// - Documents (and highlighting, which must see the same tokens) get `IndexTerms`: the folded
///   surface form of each word and, colocated, its stems and spaced Persian forms.
/// - Queries arrive already analyzed by `QueryParser`, one FTS5 string per term: a string that
///   starts with a stem marker (`IndexTerms`) is a stem and passes through unchanged; anything else is
///   folded (idempotently) into surface terms.
///
/// It is registered on every connection by `IndexStore` and only adapts pointers and callbacks:
/// all text rules live in `TextAnalysis`.
final class ArabicPersianTokenizer: FTS5CustomTokenizer {
    static let name = "arfa"
    /// FTS5_TOKEN_COLOCATED from fts5.h, which the Swift importer does not expose.
    static let colocatedFlag: CInt = 0x0001

    private let analyzer = Analyzer()
    private let indexTerms = IndexTerms()

    /// The tokenizer takes no arguments; an unknown one is an error, not silently ignored.
    init(db: Database, arguments: [String]) throws {
        guard arguments.isEmpty else {
            throw DatabaseError(message: "the arfa tokenizer takes no arguments, got: \(arguments.joined(separator: " "))")
        }
    }

    /// Carries a non-OK code returned by SQLite's token callback out of the analyzer loop.
    private struct CallbackFailure: Error {
        let code: CInt
    }

    func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return ResultCode.SQLITE_OK.rawValue }
        let text = UnsafeBufferPointer(
            start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self),
            count: Int(nText))
        func emit(_ term: UnsafeBufferPointer<UInt8>, _ byteStart: Int, _ byteEnd: Int, _ isColocated: Bool) throws {
            let flags: CInt = isColocated ? Self.colocatedFlag : 0
            let code = UnsafeRawPointer(term.baseAddress!).withMemoryRebound(to: CChar.self, capacity: term.count) {
                tokenCallback(context, flags, $0, CInt(term.count), CInt(byteStart), CInt(byteEnd))
            }
            // Never swallow a callback error: SQLite may be out of memory or aborting.
            if code != ResultCode.SQLITE_OK.rawValue { throw CallbackFailure(code: code) }
        }
        do {
            if tokenization.contains(.query) {
                if IndexTerms.isStemMarker(text[0]) {
                    try emit(text, 0, text.count, false)
                } else {
                    try analyzer.analyze(utf8: text) { term, byteStart, byteEnd in
                        try emit(term, byteStart, byteEnd, false)
                    }
                }
            } else if let prepared = PreparedTerms.take(for: text) {
                try prepared.replay(emit)
            } else {
                try indexTerms.generate(utf8: text, emit)
            }
        } catch let failure as CallbackFailure {
            return failure.code
        } catch {
            return ResultCode.SQLITE_ERROR.rawValue
        }
        return ResultCode.SQLITE_OK.rawValue
    }
}
