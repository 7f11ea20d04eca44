import Testing
import TextAnalysis

/// Where words start and end: spans in the original bytes, separators, empty and odd input.
@Suite struct SegmentationTests {
    // MARK: The guarantees stated on `Analyzer`

    @Test func styleGuideExample() {
        // ق ر أ ت ُ: five 2-byte scalars; a space; ا ل ك ت ا ب َ: seven more.
        let text = "قرأت\u{064F} الكتاب\u{064E}"
        #expect(text.utf8.count == 25)
        expectTokens(Row("قرأتُ الكتابَ", text, [tok("قرات", 0, 10, 0), tok("الكتاب", 11, 25, 1)]))
    }

    @Test func wordWithShaddaAndTanweenIsOneTokenSpanningItsFinalMarks() {
        let word = "مسي\u{064E}\u{0651}سا\u{064B}"
        #expect(word.utf8.count == 16)
        expectTokens(Row("مسيَّساً", word, [tok("مسيسا", 0, word.utf8.count, 0)]))
        // Between other words, the span still ends after the tanween, before the space.
        expectTokens(Row("مسيَّساً in a sentence", "كان " + word + " جدا",
                         [tok("كان", 0, 6, 0), tok("مسيسا", 7, 23, 1), tok("جدا", 24, 30, 2)]))
    }

    @Test func tokenDescriptionShowsTermSpanAndPosition() {
        let token = analyzer.tokens(in: "قرأت\u{064F}").first
        #expect(token?.description == "قرات@0..<10#0")
        #expect(token == Token(term: "قرات", byteStart: 0, byteEnd: 10, position: 0))
    }

    // MARK: Emoji decorations

    @Test(arguments: [
        Row("variation selector after an emoji gives no token", "\u{2764}\u{FE0F} كتاب", [tok("كتاب", 7, 15, 0)]),
        Row("keycap digit is the digit", "1\u{FE0F}\u{20E3}", [tok("1", 0, 7, 0)]),
        Row("variation selector inside a word does not split it", "ك\u{FE00}تاب", [tok("كتاب", 0, 11, 0)]),
    ])
    func emojiDecorationsAreNotText(row: Row) {
        expectTokens(row)
    }

    // MARK: Digits and letters

    @Test(arguments: [
        Row("Latin letter and digits", "p53", [tok("p", 0, 1, 0), tok("53", 1, 3, 1)]),
        Row("Arabic word and digits", "هوادار53", [tok("هوادار", 0, 12, 0), tok("53", 12, 14, 1)]),
        Row("digits then letters", "53p", [tok("53", 0, 2, 0), tok("p", 2, 3, 1)]),
        Row("Persian digits then a letter", "۲۰۲۰م", [tok("2020", 0, 8, 0), tok("م", 8, 10, 1)]),
        Row("back and forth", "a1b2", [tok("a", 0, 1, 0), tok("1", 1, 2, 1), tok("b", 2, 3, 2), tok("2", 3, 4, 3)]),
        Row("a haraka stays with the letter before the digit", "ب\u{064E}٥", [tok("ب", 0, 4, 0), tok("5", 4, 6, 1)]),
        Row("a tatweel stays with the digit before the letter", "5\u{0640}ب", [tok("5", 0, 3, 0), tok("ب", 3, 5, 1)]),
        Row("a ZWNJ between a letter and a digit is in neither word", "ب\u{200C}5", [tok("ب", 0, 2, 0), tok("5", 5, 6, 1)]),
        Row("digits of both scripts stay one number", "1٩۴4", [tok("1944", 0, 6, 0)]),
    ])
    func digitsAndLettersGluedTogetherAreTwoWords(_ row: Row) {
        expectTokens(row)
    }

    @Test func gluedAndHyphenatedDigitsGiveTheSameTerms() {
        let terms = { (text: String) in analyzeChecked(text).map { Array($0.term.utf8) } }
        #expect(terms("g20") == terms("G-20"))
        #expect(terms("g20") == terms("g 20"))
        #expect(terms("هوادار۵۳") == terms("هوادار 53"))
    }

    /// Bug (fixed): a presentation-form ligature after digits was appended to the digits' term
    /// (`5ﻻ` gave `5لا`), while the same letters spelled out start a new word (`5لا` gives `5`
    /// and `لا`): documents and queries disagreed, and the term `5لا` did not fold to itself.
    @Test(arguments: [
        Row("lam alef after a digit", "5\u{FEFB}", [tok("5", 0, 1, 0), tok("لا", 1, 4, 1)]),
        Row("lam alef after Arabic-Indic digits", "١٢\u{FEFB}", [tok("12", 0, 4, 0), tok("لا", 4, 7, 1)]),
        Row("multi-word ligature after a digit", "0\u{FDFB}", [tok("0", 0, 1, 0), tok("جل", 1, 4, 1), tok("جلاله", 1, 4, 2)]),
        Row("digit after a ligature", "\u{FEFB}5", [tok("لا", 0, 3, 0), tok("5", 3, 4, 1)]),
    ])
    func ligatureAfterDigitsStartsANewWord(_ row: Row) {
        expectTokens(row)
        let spelledOut = row.input.replacingLigatures()
        #expect(analyzeChecked(row.input).map { Array($0.term.utf8) } == analyzeChecked(spelledOut).map { Array($0.term.utf8) },
                "\(row.label): \"\(spelledOut)\"")
    }

    // MARK: Separators

    @Test(arguments: [
        Row("Arabic comma", "قال، ثم", [tok("قال", 0, 6, 0), tok("ثم", 9, 13, 1)]),
        Row("Arabic semicolon without spaces", "كتب؛قرأ", [tok("كتب", 0, 6, 0), tok("قرا", 8, 14, 1)]),
        Row("Arabic question mark without spaces", "هل؟نعم", [tok("هل", 0, 4, 0), tok("نعم", 6, 12, 1)]),
        Row("guillemets", "«سلام»", [tok("سلام", 2, 10, 0)]),
        Row("colon, guillemets and full stop", "قال:«نعم».", [tok("قال", 0, 6, 0), tok("نعم", 9, 15, 1)]),
        Row("Urdu full stop U+06D4", "ختم\u{06D4} بعد", [tok("ختم", 0, 6, 0), tok("بعد", 9, 15, 1)]),
        Row("Arabic percent sign", "٥٠٪", [tok("50", 0, 4, 0)]),
        Row("Arabic comma between digits", "١،٢", [tok("1", 0, 2, 0), tok("2", 4, 6, 1)]),
    ])
    func arabicPunctuationSplitsWords(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("comma", "hello,world", [tok("hello", 0, 5, 0), tok("world", 6, 11, 1)]),
        Row("point, hyphen and underscore", "a.b-c_d", [tok("a", 0, 1, 0), tok("b", 2, 3, 1), tok("c", 4, 5, 2), tok("d", 6, 7, 3)]),
        Row("parentheses around an Arabic word", "(كتاب)", [tok("كتاب", 1, 9, 0)]),
        Row("slash between Arabic letters", "ب/ت", [tok("ب", 0, 2, 0), tok("ت", 3, 5, 1)]),
        Row("quotes", "\"سلام\"", [tok("سلام", 1, 9, 0)]),
        Row("apostrophe", "don't", [tok("don", 0, 3, 0), tok("t", 4, 5, 1)]),
        Row("exclamation and question marks", "لا!نعم?", [tok("لا", 0, 4, 0), tok("نعم", 5, 11, 1)]),
    ])
    func asciiPunctuationSplitsWords(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("tab, newline and CRLF", "a\tb\nc\r\nd", [tok("a", 0, 1, 0), tok("b", 2, 3, 1), tok("c", 4, 5, 2), tok("d", 7, 8, 3)]),
        Row("no-break space", "ب\u{00A0}ت", [tok("ب", 0, 2, 0), tok("ت", 4, 6, 1)]),
        Row("thin space", "ب\u{2009}ت", [tok("ب", 0, 2, 0), tok("ت", 5, 7, 1)]),
        Row("ideographic space", "a\u{3000}b", [tok("a", 0, 1, 0), tok("b", 4, 5, 1)]),
        Row("runs of spaces", "  ب   ت  ", [tok("ب", 2, 4, 0), tok("ت", 7, 9, 1)]),
    ])
    func whiteSpaceSplitsWords(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("end of ayah between words", "الرحيم\u{06DD}الحمد", [tok("الرحيم", 0, 12, 0), tok("الحمد", 14, 24, 1)]),
        Row("end of ayah with its number", "الرحيم \u{06DD}١ الحمد",
            [tok("الرحيم", 0, 12, 0), tok("1", 15, 17, 1), tok("الحمد", 18, 28, 2)]),
        Row("rub el hizb", "\u{06DE} الم", [tok("الم", 3, 9, 0)]),
        Row("place of sajdah after a word", "يسجدون\u{06E9}", [tok("يسجدون", 0, 12, 0)]),
    ])
    func endOfAyahAndOtherQuranicSignsSeparate(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("tatweel only", "\u{0640}\u{0640}\u{0640}", []),
        Row("harakat only", "\u{064E}\u{0651}", []),
        Row("superscript alef only", "\u{0670}", []),
        Row("Quranic mark only", "\u{06D6}", []),
        Row("honorific sign only", "\u{0610}", []),
        Row("isolated haraka form only", "\u{FE76}", []),
        Row("joiners around a tatweel", "\u{200C}\u{0640}\u{200C}", []),
        Row("between two words", "ب \u{0640}\u{064E} ت", [tok("ب", 0, 2, 0), tok("ت", 8, 10, 1)]),
    ])
    func wordOfOnlyTatweelOrMarksGivesNoToken(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: ["", " ", "\n\n\t", "،؛؟«»", ".,;:!?()", "\u{200C}", "\u{FEFF}", "\u{06DD}"])
    func inputWithoutWordsGivesNoTokens(_ text: String) {
        #expect(analyzeChecked(text).isEmpty)
        #expect(analyzer.fold(text).isEmpty)
    }

    @Test func emptyBufferGivesNoTokens() {
        var calls = 0
        analyzer.analyze(utf8: UnsafeBufferPointer(start: nil, count: 0)) { _, _, _ in calls += 1 }
        [UInt8]().withUnsafeBufferPointer { buffer in
            analyzer.analyze(utf8: buffer) { _, _, _ in calls += 1 }
        }
        #expect(calls == 0)
    }

    // MARK: 4-byte scalars

    @Test(arguments: [
        Row("emoji between words", "كتاب\u{1F600}كتاب", [tok("كتاب", 0, 8, 0), tok("كتاب", 12, 20, 1)]),
        Row("emoji alone", "\u{1F600}", []),
        Row("flag", "\u{1F1F8}\u{1F1E6}", []),
        Row("emoji joined by ZWJ", "\u{1F468}\u{200D}\u{1F469}", []),
        Row("ZWJ between a letter and an emoji", "ب\u{200D}\u{1F600}", [tok("ب", 0, 2, 0)]),
        Row("CJK Extension B letter", "\u{20000}", [tok("\u{20000}", 0, 4, 0)]),
        Row("two CJK Extension B letters", "\u{20000}\u{20001}", [tok("\u{20000}\u{20001}", 0, 8, 0)]),
        Row("CJK Extension B letter between Arabic words", "كتاب \u{20000} قلم",
            [tok("كتاب", 0, 8, 0), tok("\u{20000}", 9, 13, 1), tok("قلم", 14, 20, 2)]),
        Row("CJK Extension B letter glued to Arabic", "ب\u{20000}ت", [tok("ب\u{20000}ت", 0, 8, 0)]),
        Row("Arabic mathematical letter", "\u{1EE01}", [tok("\u{1EE01}", 0, 4, 0)]),
    ])
    func astralCharactersKeepOffsetsValid(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Ill-formed UTF-8 given to the hot path

    struct ByteRow: Sendable, CustomTestStringConvertible {
        let label: String
        let bytes: [UInt8]
        let expected: [ExactToken]
        var testDescription: String { "\(label): \(bytes)" }
    }

    static let ب = Array("ب".utf8)
    static let ت = Array("ت".utf8)

    @Test(arguments: [
        ByteRow(label: "lone lead byte of a 2-byte scalar", bytes: [0xD8], expected: []),
        ByteRow(label: "truncated 3-byte scalar", bytes: [0xE2, 0x82], expected: []),
        ByteRow(label: "0xFF", bytes: [0xFF], expected: []),
        ByteRow(label: "0xFE 0xFF", bytes: [0xFE, 0xFF], expected: []),
        ByteRow(label: "lone continuation byte", bytes: [0x80], expected: []),
        ByteRow(label: "overlong NUL", bytes: [0xC0, 0x80], expected: []),
        ByteRow(label: "overlong ب (3 bytes)", bytes: [0xE0, 0x98, 0xA8], expected: []),
        ByteRow(label: "UTF-16 surrogate", bytes: [0xED, 0xA0, 0x80], expected: []),
        ByteRow(label: "beyond U+10FFFF", bytes: [0xF4, 0x90, 0x80, 0x80], expected: []),
        ByteRow(label: "truncated 4-byte scalar", bytes: [0xF0, 0x9F, 0x98], expected: []),
        ByteRow(label: "0xFF between words", bytes: Array("كتاب".utf8) + [0xFF] + Array("قلم".utf8),
                expected: [tok("كتاب", 0, 8, 0), tok("قلم", 9, 15, 1)]),
        ByteRow(label: "lone lead byte at the end", bytes: ب + [0xD8], expected: [tok("ب", 0, 2, 0)]),
        ByteRow(label: "lone lead byte at the start", bytes: [0xD8] + ب, expected: [tok("ب", 1, 3, 0)]),
        ByteRow(label: "lead byte followed by another lead byte", bytes: ب + [0xD9] + ت,
                expected: [tok("ب", 0, 2, 0), tok("ت", 3, 5, 1)]),
        ByteRow(label: "truncated 3-byte scalar at the end", bytes: ب + [0xE2, 0x82], expected: [tok("ب", 0, 2, 0)]),
        ByteRow(label: "truncated 4-byte scalar inside a word", bytes: ب + [0xF0, 0xA0, 0x80] + ت,
                expected: [tok("ب", 0, 2, 0), tok("ت", 5, 7, 1)]),
    ])
    func invalidUTF8NeverCrashesNorEscapesTheBuffer(_ row: ByteRow) {
        let raw = analyzeCheckedBytes(row.bytes)
        let tokens = raw.enumerated().map { ExactToken(String(decoding: $1.term, as: UTF8.self), $1.byteStart, $1.byteEnd, $0) }
        #expect(tokens == row.expected, "\(row.label)")
    }

    @Test func decodingNeverReadsPastTheEndOfTheBuffer() {
        // "aب" whose buffer is cut inside ب: the byte after the cut must not be read.
        let bytes: [UInt8] = [0x61, 0xD8, 0xA8]
        var seen: [(term: [UInt8], byteStart: Int, byteEnd: Int)] = []
        bytes.withUnsafeBufferPointer { whole in
            analyzer.analyze(utf8: UnsafeBufferPointer(rebasing: whole[0..<2])) { term, byteStart, byteEnd in
                seen.append((Array(term), byteStart, byteEnd))
            }
        }
        #expect(seen.map(\.term) == [[0x61]])
        #expect(seen.map(\.byteStart) == [0])
        #expect(seen.map(\.byteEnd) == [1])
    }

    @Test func analyzeStopsWhenTheBodyThrows() {
        struct Stop: Error {}
        var seen: [Int] = []
        #expect(throws: Stop.self) {
            try Array("اول ثان ثالث".utf8).withUnsafeBufferPointer { buffer in
                try analyzer.analyze(utf8: buffer) { _, byteStart, _ in
                    seen.append(byteStart)
                    if seen.count == 2 { throw Stop() }
                }
            }
        }
        #expect(seen == [0, 7])
    }
}

private extension String {
    /// The text with the ligatures used above spelled out as ordinary letters.
    func replacingLigatures() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0xFEFB: out += "لا"
            case 0xFDFB: out += "جل جلاله"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
