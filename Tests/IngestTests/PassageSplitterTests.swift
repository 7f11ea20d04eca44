import Testing
import Foundation
@testable import Ingest

@Suite struct PassageSplitterTests {
    let splitter = PassageSplitter()

    func lines(_ passages: [Passage]) -> [String] {
        passages.map { "\($0.startLine)-\($0.endLine)" }
    }

    @Test func blankLinesSeparateParagraphs() {
        let passages = splitter.passages(of: "عنوان\n\nسطر أول\nسطر ثان\n\n\nأخير\n")
        #expect(passages.map(\.text) == ["عنوان", "سطر أول\nسطر ثان", "أخير"])
        #expect(lines(passages) == ["1-1", "3-4", "7-7"])
    }

    @Test func whitespaceOnlyLinesCountAsBlank() {
        // NBSP-only and tab-only lines, as in the seeds.
        let passages = splitter.passages(of: "أ\n\u{00A0}\nب\n\t \nج")
        #expect(passages.map(\.text) == ["أ", "ب", "ج"])
        #expect(lines(passages) == ["1-1", "3-3", "5-5"])
    }

    @Test func crlfLineEndingsAreHandled() {
        let passages = splitter.passages(of: "أ\r\nب\r\n\r\nج\r\n")
        #expect(passages.map(\.text) == ["أ\nب", "ج"])
        #expect(lines(passages) == ["1-2", "4-4"])
    }

    @Test func emptyDocumentHasNoPassages() {
        #expect(splitter.passages(of: "").isEmpty)
        #expect(splitter.passages(of: "\n\n \n").isEmpty)
    }

    @Test func longParagraphOfLongLinesGivesOnePassagePerLine() {
        let line = String(repeating: "كلمة ", count: 60)  // 300 characters
        let passages = splitter.passages(of: Array(repeating: line, count: 8).joined(separator: "\n"))
        #expect(passages.count == 8)
        #expect(lines(passages) == (1...8).map { "\($0)-\($0)" })
    }

    @Test func longParagraphOfShortLinesKeepsLinesTogether() {
        let verse = "بيت من الشعر القديم"  // 20 characters
        let passages = splitter.passages(of: Array(repeating: verse, count: 200).joined(separator: "\n"))
        #expect(passages.count > 1)
        #expect(passages.allSatisfy { $0.text.unicodeScalars.count <= splitter.targetCharacters })
        #expect(passages.allSatisfy { $0.endLine > $0.startLine })
        #expect(passages.first?.startLine == 1 && passages.last?.endLine == 200)
    }

    @Test func overlongLineIsCutAtSentenceEnds() {
        let sentence = String(repeating: "كلمة ", count: 30) + "انتهت. "  // 157 characters
        let text = String(repeating: sentence, count: 30)
        let passages = splitter.passages(of: text)
        #expect(passages.count > 1)
        #expect(passages.allSatisfy { $0.startLine == 1 && $0.endLine == 1 })
        #expect(passages.dropLast().allSatisfy { $0.text.hasSuffix("انتهت.") })
        #expect(passages.allSatisfy { $0.text.unicodeScalars.count <= splitter.maximumCharacters })
        // Nothing is lost but the spaces at the cuts.
        #expect(passages.map(\.text).joined(separator: " ") == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func lineWithoutSpacesIsStillCut() {
        let blob = String(repeating: "x", count: 10_000)
        let passages = splitter.passages(of: blob)
        #expect(passages.count > 1)
        #expect(passages.map(\.text).joined() == blob)
    }

    /// The UTF-8 offset in `document` just before the `occurrence`th (1-based) `marker`.
    func offset(of marker: String, in document: String, occurrence: Int = 1) -> Int {
        var range = document.startIndex..<document.startIndex
        for _ in 0..<occurrence {
            range = document.range(of: marker, range: range.upperBound..<document.endIndex)!
        }
        return document.utf8.distance(from: document.startIndex, to: range.lowerBound)
    }

    @Test func paragraphEndsAtLineEndsEndParagraphsWithoutBlankLines() {
        let document = "أ\nب\nج\nد\nه"
        #expect(splitter.passages(of: document).map(\.text) == ["أ\nب\nج\nد\nه"])
        let passages = splitter.passages(
            of: document, paragraphEnds: [offset(of: "\n", in: document, occurrence: 2), offset(of: "\nد", in: document)])
        #expect(passages.map(\.text) == ["أ\nب", "ج", "د\nه"])
        #expect(lines(passages) == ["1-2", "3-3", "4-5"])
    }

    @Test func aParagraphEndInsideALineCutsItAndBothSidesKeepTheLine() {
        let document = "ألف باء  جيم\nدال\n\nهاء"
        let passages = splitter.passages(of: document, paragraphEnds: [offset(of: " باء", in: document), offset(of: "  جيم", in: document)])
        // White space next to each end is dropped; the rest of the line runs on into the next one.
        #expect(passages.map(\.text) == ["ألف", "باء", "جيم\nدال", "هاء"])
        #expect(lines(passages) == ["1-1", "1-1", "1-2", "4-4"])
    }

    @Test func paragraphEndsAtTheStartOfALineOrAroundWhiteSpaceAddNothingEmpty() {
        let document = "أ\n  \nب ج"
        let passages = splitter.passages(of: document, paragraphEnds: [0, 2, 3, 4, offset(of: "ب", in: document), document.utf8.count])
        #expect(passages.map(\.text) == ["أ", "ب ج"])
        #expect(lines(passages) == ["1-1", "3-3"])
    }

    @Test func paragraphEndsOnBlankLinesOrPastTheEndChangeNothing() {
        let document = "أ\nب\n\nج\r\nد"
        let plain = splitter.passages(of: document)
        #expect(splitter.passages(of: document, paragraphEnds: [offset(of: "\n\n", in: document) + 1, 99]) == plain)
        // At the carriage return or at the line feed, the end of line 4 is the same end.
        for end in [offset(of: "\r", in: document), offset(of: "\n", in: document, occurrence: 4)] {
            let passages = splitter.passages(of: document, paragraphEnds: [end])
            #expect(lines(passages) == ["1-2", "4-4", "5-5"])
            #expect(passages.map(\.text) == ["أ\nب", "ج", "د"])
        }
    }

    @Test func endedParagraphsAreStillCutWhenTooLong() {
        let line = String(repeating: "كلمة ", count: 60)  // 300 characters
        let document = Array(repeating: line, count: 8).joined(separator: "\n")
        // Lines 1–6 make 1,805 characters: cut, one line each; lines 7–8 (601) stay together.
        let endOfLine6 = Array(repeating: line, count: 6).joined(separator: "\n").utf8.count
        let passages = splitter.passages(of: document, paragraphEnds: [endOfLine6])
        #expect(lines(passages) == ["1-1", "2-2", "3-3", "4-4", "5-5", "6-6", "7-8"])
    }

    @Test func paragraphEndsInsideAnOverlongLineStillLeaveItsPiecesCut() {
        let sentence = String(repeating: "كلمة ", count: 40) + "نهاية. "  // 207 characters
        let long = String(repeating: sentence, count: 10)
        let document = "قبل " + long + "\nبعد"
        let passages = splitter.passages(of: document, paragraphEnds: [offset(of: " ", in: document)])
        #expect(passages.first?.text == "قبل")
        #expect(passages.count > 3)
        #expect(passages.dropLast().allSatisfy { $0.startLine == 1 && $0.endLine == 1 })
        #expect(passages.dropFirst().allSatisfy { $0.text.unicodeScalars.count <= splitter.maximumCharacters })
    }
}
