import GRDB
import TextAnalysis

/// The FTS5 tokenizer `arfa`: runs `Analyzer` on the raw UTF-8 that SQLite hands over and reports
/// each term with its byte span in that original text.
///
/// It is registered on every connection by `IndexStore`, used for documents and queries alike,
/// and only adapts pointers and callbacks: all text rules live in `TextAnalysis`.
final class ArabicPersianTokenizer: FTS5CustomTokenizer {
    static let name = "arfa"

    private let analyzer = Analyzer()

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
        do {
            try analyzer.analyze(utf8: text) { term, byteStart, byteEnd in
                let code = UnsafeRawPointer(term.baseAddress!).withMemoryRebound(to: CChar.self, capacity: term.count) {
                    tokenCallback(context, 0, $0, CInt(term.count), CInt(byteStart), CInt(byteEnd))
                }
                // Never swallow a callback error: SQLite may be out of memory or aborting.
                if code != ResultCode.SQLITE_OK.rawValue { throw CallbackFailure(code: code) }
            }
        } catch let failure as CallbackFailure {
            return failure.code
        } catch {
            return ResultCode.SQLITE_ERROR.rawValue
        }
        return ResultCode.SQLITE_OK.rawValue
    }
}
