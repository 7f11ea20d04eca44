import GRDB
import Testing
@testable import SearchIndex

/// The FTS5 adapter, through a real SQLite connection: terms and the byte offsets SQLite receives.
@Suite struct TokenizerAdapterTests {
    struct Emitted: Equatable, CustomStringConvertible {
        var term: String
        var byteStart: Int
        var byteEnd: Int
        var description: String { "\(term)@\(byteStart)..<\(byteEnd)" }
    }

    /// Collects what the tokenizer hands to SQLite's callback.
    final class Recorder {
        var emitted: [Emitted] = []
    }

    func tokenize(_ text: String) throws -> [Emitted] {
        let queue = try DatabaseQueue(configuration: IndexStore.configuration(readOnly: false))
        return try queue.read { db in
            let tokenizer = try db.makeTokenizer(FTS5TokenizerDescriptor(components: ["arfa"]))
            let recorder = Recorder()
            var bytes = Array(text.utf8)
            let code = bytes.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) { pText in
                    tokenizer.tokenize(
                        context: Unmanaged.passUnretained(recorder).toOpaque(),
                        tokenization: .document,
                        pText: pText,
                        nText: CInt(buffer.count),
                        tokenCallback: { context, _, pToken, nToken, iStart, iEnd in
                            let recorder = Unmanaged<Recorder>.fromOpaque(context!).takeUnretainedValue()
                            let term = UnsafeRawBufferPointer(start: pToken, count: Int(nToken))
                            recorder.emitted.append(Emitted(
                                term: String(decoding: term, as: UTF8.self),
                                byteStart: Int(iStart), byteEnd: Int(iEnd)))
                            return 0
                        })
                }
            }
            #expect(code == 0)
            // Stems (behind their control-character markers) are tested in IndexTermsTests.
            return recorder.emitted.filter { $0.term.unicodeScalars.first.map { $0.value > 0x1F } ?? true }
        }
    }

    @Test func offsetsPointIntoTheOriginalText() throws {
        // قرأتُ: 4 letters + damma = 10 bytes; the damma stays inside the span.
        #expect(try tokenize("قرأتُ الكتابَ") == [
            Emitted(term: "قرات", byteStart: 0, byteEnd: 10),
            Emitted(term: "الكتاب", byteStart: 11, byteEnd: 25),
        ])
    }

    @Test func vocalisedWordIsOneTokenCoveringItsMarks() throws {
        let word = "مسيَّساً"
        #expect(try tokenize(word) == [Emitted(term: "مسيسا", byteStart: 0, byteEnd: word.utf8.count)])
    }

    @Test func zwnjSpellingIsOneToken() throws {
        let word = "می\u{200C}گذاریم"
        #expect(try tokenize(word) == [Emitted(term: "ميگذاريم", byteStart: 0, byteEnd: word.utf8.count)])
    }

    @Test func tokenizerRejectsArguments() throws {
        let queue = try DatabaseQueue(configuration: IndexStore.configuration(readOnly: false))
        #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='arfa bogus')")
            }
        }
    }

    @Test func indexHoldsFoldedTerms() throws {
        let queue = try DatabaseQueue(configuration: IndexStore.configuration(readOnly: false))
        let terms = try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='arfa')")
            try db.execute(sql: "INSERT INTO t (x) VALUES (?)", arguments: ["أستانا وروسیه عاجــــل ١٩٤٤ ﻛﺘﺎﺏ"])
            try db.execute(sql: "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
            return try String.fetchAll(db, sql: "SELECT term FROM v ORDER BY term")
        }
        #expect(Set(terms) == ["1944", "استانا", "وروسيه", "عاجل", "كتاب"])
    }
}
