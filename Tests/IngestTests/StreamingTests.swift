import Foundation
import Testing
@testable import Ingest

/// A document read as a stream, in pieces cut anywhere, gives the same text and the same
/// passages, byte for byte, as the whole document read at once: for every decoder, with the
/// pieces cut at every byte (inside a multi-byte character, between "\r" and "\n", inside an
/// HTML tag or entity, exactly at a blank line, inside a byte order mark …).
@Suite struct StreamingTests {
    /// Small limits, so that short fixtures still have over-long paragraphs and lines.
    static let splitter = PassageSplitter(maximumCharacters: 120, targetCharacters: 60, standaloneLineCharacters: 30)

    static let plain = """
        عنوان الخبر\r
        \r
        سطر أول من الفقرة\r
        سطر ثان فيها\r
        \u{A0}\t
        اين کتاب بزرگ\u{200C}ترين چاپ است؛ بگو چه گفت؟ سطر طويل جدا يتجاوز الحد. ثم جملة أخرى هنا! وثالثة؟ \
        ورابعة … وخامسة طويلة حتى النهاية. وسادسة\rبعد رجوع.
        بيت قصير
        بيت آخر
        بيت ثالث
        بيت رابع
        بيت خامس
        بيت سادس
        بيت سابع

        \(String(repeating: "بلا_مسافات", count: 30))
        الأخير 😀 بلا نهاية سطر
        """

    static let html = """
        <!DOCTYPE html><html><head><title>عنوان &amp; نص</title>\r
        <style>p > b { color: red }</style></head><body><p class="a>b"
           id='x'>فقرة أولى&nbsp;مع &#1580;&#x62F;ول &laquo;مقتبس&raquo; و&unknown; &amp</p><ul><li>بند</li><li>بند آخر</li></ul>
        <!-- تعليق
        على سطرين --><script>if (a < b) { s = "</div>"; }</script>سطر<br>سطر<BR/>ثالث
        <svg><p>ليس نصا</p></svg><template><template>لا</template>لا</template>نص &#10;بعد
        <div>فقرة طويلة تتجاوز الحد الأقصى للحروف في هذا الاختبار كي تقطع عند الجمل. جملة ثانية هنا. وجملة ثالثة أيضا.</div>
        a < b &lt; c <p>آخر
        """

    /// The bytes of `text` in `encoding`, with or without a byte order mark.
    static func encoded(_ text: String, _ encoding: SourceEncoding, byteOrderMark: Bool = false) -> [UInt8] {
        switch encoding {
        case .utf8:
            return (byteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        case .utf16LittleEndian:
            return [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case .utf16BigEndian:
            return [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case .windows1256:
            return DocumentDecoderTests.windows1256(text)
        }
    }

    /// The same document in every form the decoder reads, with what it should be read as.
    static var documents: [(name: String, bytes: [UInt8], format: DocumentFormat, encoding: SourceEncoding)] {
        // Windows-1256 has no emoji, no tatweel-free "چ"… only what its table holds.
        let legacy = plain.replacingOccurrences(of: " 😀", with: "").replacingOccurrences(of: "…", with: "...")
        // Invalid UTF-8 of every kind: a stray continuation byte, a lead without its
        // continuation, a truncated three-byte sequence, an overlong form, a byte that is never valid.
        var damaged = Array(plain.utf8)
        damaged.insert(contentsOf: [0xD8], at: 10)
        damaged.insert(contentsOf: [0x80, 0x80], at: 30)
        damaged.insert(contentsOf: [0xE2, 0x80], at: 61)
        damaged.insert(contentsOf: [0xC0, 0xAF, 0xFF], at: 140)
        damaged += [0xF0, 0x9F, 0x98]
        // A high surrogate with no low half, and an odd last byte.
        let brokenUTF16 = encoded("أول\u{10000}ثان", .utf16LittleEndian) + [0x3D, 0xD8, 0x41, 0x00, 0x42]
        return [
            ("UTF-8", encoded(plain, .utf8), .plain, .utf8),
            ("UTF-8 with BOM", encoded(plain, .utf8, byteOrderMark: true), .plain, .utf8),
            ("UTF-16 LE", encoded(plain, .utf16LittleEndian), .plain, .utf16LittleEndian),
            ("UTF-16 BE", encoded(plain, .utf16BigEndian), .plain, .utf16BigEndian),
            ("UTF-16 repaired", brokenUTF16, .plain, .utf16LittleEndian),
            ("Windows-1256", encoded(legacy, .windows1256), .plain, .windows1256),
            ("invalid UTF-8 repaired", damaged, .plain, .utf8),
            ("LF only", Array(plain.replacingOccurrences(of: "\r\n", with: "\n").utf8), .plain, .utf8),
            ("HTML", encoded(html, .utf8), .html, .utf8),
            ("HTML in UTF-16 BE", encoded(html, .utf16BigEndian), .html, .utf16BigEndian),
            ("HTML in Windows-1256", encoded(html.replacingOccurrences(of: "</ul>", with: "</ul>"), .windows1256), .html, .windows1256),
        ]
    }

    /// Reads `bytes` in the pieces that end at `cuts` (the last one at the end).
    static func streamed(
        _ bytes: [UInt8], cuts: [Int], encoding: SourceEncoding, byteOrderMarkLength: Int, format: DocumentFormat
    ) -> (text: [UInt8], ends: [Int], passages: [Passage]) {
        var text = DocumentText(encoding: encoding, byteOrderMarkLength: byteOrderMarkLength, format: format)
        var passages = DocumentPassages(
            encoding: encoding, byteOrderMarkLength: byteOrderMarkLength, format: format, splitter: splitter)
        var textBytes: [UInt8] = [], ends: [Int] = [], found: [Passage] = []
        var start = 0
        for cut in cuts {
            bytes[start..<cut].withUnsafeBufferPointer { piece in
                text.read(piece, into: &textBytes, paragraphEnds: &ends)
                passages.read(piece) { found.append($0) }
            }
            start = cut
        }
        text.finish(into: &textBytes, paragraphEnds: &ends)
        passages.finish { found.append($0) }
        return (textBytes, ends, found)
    }

    @Test(arguments: 0..<11) func streamedEqualsWholeWithTheCutAtEveryByte(document number: Int) throws {
        let document = Self.documents[number]
        let bytes = document.bytes
        guard case .text(let whole) = DocumentDecoder().decode(bytes, format: document.format) else {
            Issue.record("\(document.name) is not text")
            return
        }
        #expect(whole.encoding == document.encoding, "\(document.name)")
        let wholePassages = Self.splitter.passages(of: whole.text, paragraphEnds: whole.paragraphEnds)
        #expect(!wholePassages.isEmpty, "\(document.name)")
        let verdict = bytes.withUnsafeBufferPointer { EncodingSurvey.verdict(of: $0) }
        guard case .text(let encoding, let repaired, let byteOrderMarkLength) = verdict else { return }
        #expect(repaired == whole.repaired)
        // One piece, every cut in two pieces, and one byte at a time.
        var cutsToTry = [[bytes.count], Array(1...bytes.count)]
        cutsToTry += (0...bytes.count).map { [$0, bytes.count] }
        for cuts in cutsToTry {
            let stream = Self.streamed(bytes, cuts: cuts, encoding: encoding, byteOrderMarkLength: byteOrderMarkLength,
                                       format: document.format)
            let at = cuts.count == 2 ? "cut at \(cuts[0])" : "\(cuts.count) pieces"
            #expect(stream.text == Array(whole.text.utf8), "\(document.name), \(at): text")
            #expect(stream.ends == whole.paragraphEnds, "\(document.name), \(at): paragraph ends")
            #expect(stream.passages == wholePassages, "\(document.name), \(at): passages")
            if stream.passages != wholePassages { return }
        }
    }

    /// The awkward places the cuts above go through are all there.
    @Test func theDocumentsHaveEveryAwkwardPlace() {
        let plainBytes = Array(Self.plain.utf8)
        let htmlBytes = Array(Self.html.utf8)
        func has(_ pattern: String, in bytes: [UInt8]) -> Bool {
            let needle = Array(pattern.utf8)
            return bytes.indices.contains { bytes[$0...].starts(with: needle) }
        }
        #expect(has("\r\n", in: plainBytes))
        #expect(has("\r\n\r\n", in: plainBytes))
        #expect(has("\n\n", in: plainBytes))
        #expect(plainBytes.contains { $0 >= 0xF0 })  // a four-byte character
        #expect(has("<p class=", in: htmlBytes) && has("&laquo;", in: htmlBytes) && has("&#x62F;", in: htmlBytes))
        #expect(has("<!--", in: htmlBytes) && has("</script>", in: htmlBytes) && has("<li>", in: htmlBytes))
    }

    @Test func theSurveyGivesTheSameVerdictWhateverThePieces() {
        for document in Self.documents {
            let bytes = document.bytes
            let whole = bytes.withUnsafeBufferPointer { EncodingSurvey.verdict(of: $0) }
            for size in [1, 2, 3, 5, 64] {
                var survey = EncodingSurvey()
                var statistics = Windows1256Statistics()
                for start in stride(from: 0, to: bytes.count, by: size) {
                    bytes[start..<min(start + size, bytes.count)].withUnsafeBufferPointer {
                        survey.add($0)
                        statistics.add($0)
                    }
                }
                let verdict: DocumentVerdict = switch survey.finish() {
                case .decided(let verdict): verdict
                case .needsWindows1256Statistics: EncodingSurvey.verdict(readsAsWindows1256: statistics.finish())
                }
                #expect(verdict == whole, "\(document.name) in pieces of \(size)")
            }
        }
    }

    /// A line far longer than a piece, and a paragraph of many short lines: both cut as they come.
    @Test func longLinesAndParagraphsAcrossManyPieces() {
        let sentence = String(repeating: "كلمة ", count: 40) + "نهاية. "
        let line = String(repeating: sentence, count: 200) + String(repeating: "x", count: 7_000)
        let verses = (1...400).map { "بيت رقم \($0)" }.joined(separator: "\n")
        for text in [line, verses, line + "\n" + verses + "\n\n" + line] {
            let bytes = Array(text.utf8)
            let whole = PassageSplitter().passages(of: text)
            for size in [1, 7, 4_096] {
                var stream = PassageSplitter.Stream()
                var found: [Passage] = []
                var start = 0
                while start < bytes.count {
                    // Pieces of the splitter end on whole characters.
                    var end = min(start + size, bytes.count)
                    while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
                    bytes[start..<end].withUnsafeBufferPointer { stream.add($0) { found.append($0) } }
                    start = end
                }
                stream.finish { found.append($0) }
                #expect(found == whole, "pieces of \(size)")
            }
        }
    }

    /// A run of white space keeps its first `longestWhiteSpaceRun` characters: the splitter never
    /// holds more while it waits to see what follows.
    @Test func aVeryLongRunOfWhiteSpaceIsCutShort() {
        let kept = PassageSplitter.longestWhiteSpaceRun
        let long = "قبل" + String(repeating: " ", count: kept + 5_000) + "بعد"
        let short = "قبل" + String(repeating: " ", count: kept) + "بعد"
        #expect(PassageSplitter().passages(of: long) == PassageSplitter().passages(of: short))
        // A line of nothing but white space is blank, however long.
        let blank = "أ\n" + String(repeating: "\t ", count: 10_000) + "\nب"
        #expect(PassageSplitter().passages(of: blank).map(\.text) == ["أ", "ب"])
    }

    /// `DocumentFile` reads a file in pieces: the same hash, verdict and passages as the whole bytes.
    @Test func aFileReadInPiecesGivesWhatItsWholeBytesGive() throws {
        let folder = NSTemporaryDirectory() + "streaming-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (index, document) in Self.documents.enumerated() {
            let path = folder + "/\(index)" + (document.format == .html ? ".html" : ".txt")
            try Data(document.bytes).write(to: URL(fileURLWithPath: path))
            guard case .text(let whole) = DocumentDecoder().decode(document.bytes, format: document.format) else { continue }
            let expected = Self.splitter.passages(of: whole.text, paragraphEnds: whole.paragraphEnds)
            for pieceSize in [3, 64, 1 << 20] {
                let file = try DocumentFile.survey(path: path, pieceSize: pieceSize)
                #expect(file.contentHash == ContentHash.of(document.bytes))
                #expect(file.byteCount == document.bytes.count)
                #expect(file.verdict == document.bytes.withUnsafeBufferPointer { EncodingSurvey.verdict(of: $0) })
                #expect(file.isWhole == (pieceSize > document.bytes.count))
                var passages: [Passage] = []
                let read = try file.passages(splitter: Self.splitter, pieceSize: pieceSize) { passage, _ in
                    passages.append(passage)
                    return true
                }
                #expect(passages == expected, "\(document.name) in pieces of \(pieceSize)")
                #expect(read.contentHash == file.contentHash && read.byteCount == document.bytes.count)
            }
        }
        #expect(throws: DocumentFile.ReadError.vanished) { try DocumentFile.survey(path: folder + "/gone.txt") }
    }

    @Test func contentHashIsTheSameInPieces() {
        let bytes = Array(Self.plain.utf8)
        var hash = ContentHash()
        for start in stride(from: 0, to: bytes.count, by: 7) {
            bytes[start..<min(start + 7, bytes.count)].withUnsafeBufferPointer { hash.add($0) }
        }
        #expect(hash.value == ContentHash.of(bytes))
    }
}
