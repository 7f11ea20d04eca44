import Testing
@testable import Ingest

@Suite struct DocumentDecoderTests {
    let decoder = DocumentDecoder()

    func text(_ text: String, _ encoding: SourceEncoding = .utf8, repaired: Bool = false) -> DocumentDecoder.Outcome {
        .text(DecodedDocument(text: text, encoding: encoding, repaired: repaired))
    }

    @Test func plainUTF8() {
        #expect(decoder.decode(Array("كتاب".utf8)) == text("كتاب"))
    }

    @Test func utf8ByteOrderMarkIsDropped() {
        #expect(decoder.decode([0xEF, 0xBB, 0xBF] + Array("كتاب".utf8)) == text("كتاب"))
    }

    @Test func utf16WithByteOrderMark() {
        let units = Array("كتاب a".utf16)
        var little: [UInt8] = [0xFF, 0xFE], big: [UInt8] = [0xFE, 0xFF]
        for unit in units {
            little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        #expect(decoder.decode(little) == text("كتاب a", .utf16LittleEndian))
        #expect(decoder.decode(big) == text("كتاب a", .utf16BigEndian))
    }

    @Test func brokenUTF16IsRepaired() {
        // "a", a lone high surrogate, "b", then an odd last byte.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8, 0x62, 0x00, 0x63]
        #expect(decoder.decode(bytes) == text("a\u{FFFD}b\u{FFFD}", .utf16LittleEndian, repaired: true))
    }

    @Test func nulByteMeansBinary() {
        #expect(decoder.decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A]) == .binary)
        #expect(decoder.decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A], format: .html) == .binary)
    }

    @Test func invalidUTF8IsRepaired() {
        #expect(decoder.decode(Array("ab".utf8) + [0xFF] + Array("cd".utf8)) == text("ab\u{FFFD}cd", repaired: true))
    }

    @Test func controlCharactersBecomeSpaces() {
        #expect(decoder.decode([0x61, 0x01, 0x62, 0x09, 0x63, 0x0A, 0x64, 0x7F]) == text("a b\tc\nd "))
    }

    @Test func contentHashIsStableAndSensitive() {
        #expect(ContentHash.of(Array("كتاب".utf8)) == ContentHash.of(Array("كتاب".utf8)))
        #expect(ContentHash.of(Array("كتاب".utf8)) != ContentHash.of(Array("كتب".utf8)))
        #expect(ContentHash.of([]).count == 16)
    }

    // MARK: Windows-1256

    /// Python: 'ذهب الطالب إلى المكتبة، وقرأ كتاباً؟'.encode('cp1256')
    static let arabicSentence = "ذهب الطالب إلى المكتبة، وقرأ كتاباً؟"
    static let arabicSentence1256: [UInt8] = [
        0xD0, 0xE5, 0xC8, 0x20, 0xC7, 0xE1, 0xD8, 0xC7, 0xE1, 0xC8, 0x20, 0xC5, 0xE1, 0xEC, 0x20, 0xC7,
        0xE1, 0xE3, 0xDF, 0xCA, 0xC8, 0xC9, 0xA1, 0x20, 0xE6, 0xDE, 0xD1, 0xC3, 0x20, 0xDF, 0xCA, 0xC7,
        0xC8, 0xC7, 0xF0, 0xBF,
    ]

    /// Encodes `text` in Windows-1256 with the reverse of the decoder's table.
    static func windows1256(_ text: String) -> [UInt8] {
        var reverse: [UInt32: UInt8] = [:]
        for (offset, codePoint) in Windows1256.codePoints.enumerated() { reverse[UInt32(codePoint)] = UInt8(0x80 + offset) }
        return text.unicodeScalars.map { $0.value < 0x80 ? UInt8($0.value) : reverse[$0.value]! }
    }

    @Test func windows1256TableIsOneToOneAndDecodesEveryByte() {
        #expect(Set(Windows1256.codePoints).count == 128)
        #expect(Windows1256.codePoints.allSatisfy { $0 >= 0xA0 })
        let all = Windows1256.decode((0...255).map { UInt8($0) }[...])
        #expect(all.unicodeScalars.map(\.value) == (0..<128).map { UInt32($0) } + Windows1256.codePoints.map(UInt32.init))
        #expect(Self.windows1256(Self.arabicSentence) == Self.arabicSentence1256)
    }

    @Test func windows1256ArabicIsDecoded() {
        #expect(decoder.decode(Self.arabicSentence1256) == text(Self.arabicSentence, .windows1256))
        let lines = Array("1. ".utf8) + Self.arabicSentence1256 + [0x0D, 0x0A] + Array("2. ".utf8) + Self.arabicSentence1256
        #expect(decoder.decode(lines) == text("1. \(Self.arabicSentence)\r\n2. \(Self.arabicSentence)", .windows1256))
    }

    @Test func windows1256PersianIsDecoded() {
        // Persian in Windows-1256: پ چ ژ گ ک and the zero-width non-joiner sit in 0x80–0x9F, and
        // some pairs of them happen to be valid UTF-8 (بگ is C8 90), which must not tip the balance.
        let persian = "اين کتاب بزرگ\u{200C}ترين چاپ پژوهشگاه است؛ بگو چه گفت؟"
        #expect(decoder.decode(Self.windows1256(persian)) == text(persian, .windows1256))
    }

    @Test func latinBytesAreRepairedNotReadAsWindows1256() {
        // "café au lait" in Latin-1: é is 0xE9, which is also é in Windows-1256, not Arabic.
        let bytes: [UInt8] = Array("caf".utf8) + [0xE9] + Array(" au lait".utf8)
        #expect(decoder.decode(bytes) == text("caf\u{FFFD} au lait", repaired: true))
    }

    @Test func lonelyHighBytesAreNotArabicWords() {
        // Spanish in Latin-1: ñ á í are ٌ ل ي in Windows-1256, but each stands alone among ASCII letters.
        let spanish: [UInt8] = Array("a".utf8) + [0xF1] + Array("o est".utf8) + [0xE1] + Array(" aqu".utf8) + [0xED]
        #expect(decoder.decode(spanish) == text("a\u{FFFD}o est\u{FFFD} aqu\u{FFFD}", repaired: true))
        // A short Arabic word is enough, though.
        #expect(decoder.decode(Self.windows1256("نعم")) == text("نعم", .windows1256))
    }

    @Test func utf8ArabicWithADamagedByteStaysUTF8() {
        // UTF-8 Arabic reads as Arabic in Windows-1256 too (0xD8 is ط), so the damaged byte must
        // not turn the whole file into mojibake.
        let bytes = Array("كتاب جميل في المكتبة".utf8) + [0xFF] + Array(" وقلم".utf8)
        #expect(decoder.decode(bytes) == text("كتاب جميل في المكتبة\u{FFFD} وقلم", repaired: true))
    }

    @Test func utf8ByteOrderMarkRulesOutWindows1256() {
        let outcome = decoder.decode([0xEF, 0xBB, 0xBF] + Self.arabicSentence1256)
        guard case .text(let document) = outcome else {
            Issue.record("expected text")
            return
        }
        #expect(document.encoding == .utf8)
        #expect(document.repaired)
    }

    // MARK: HTML

    func html(_ source: String) -> DecodedDocument {
        guard case .text(let document) = decoder.decode(Array(source.utf8), format: .html) else {
            Issue.record("expected text")
            return DecodedDocument(text: "", encoding: .utf8)
        }
        return document
    }

    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func formatComesFromTheExtension() {
        #expect(DocumentFormat.of(path: "/a/b/page.html") == .html)
        #expect(DocumentFormat.of(path: "/a/b/PAGE.HTM") == .html)
        #expect(DocumentFormat.of(path: "book.xhtml") == .html)
        #expect(DocumentFormat.of(path: "/a/notes.md") == .plain)
        #expect(DocumentFormat.of(path: "/a/page.html.txt") == .plain)
        #expect(DocumentFormat.of(path: "/site.html/readme") == .plain)
        #expect(DocumentFormat.of(path: "/a/.html") == .plain)
        #expect(DocumentFormat.of(path: "html") == .plain)
    }

    @Test func plainFormatKeepsMarkup() {
        #expect(decoder.decode(Array("<p>a &amp; b</p>".utf8)) == text("<p>a &amp; b</p>"))
    }

    @Test func linesStayWhereTheyWereInTheSource() {
        let source = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8">
            <title>عنوان &amp; نص</title>
            <style>
            body { color: red; }
            </style></head><body><p class="x"
               id="y">الهدف في السطر السابع</p>
            <!-- a comment
            spanning two lines -->
            <script>
            var a = 1 < 2; document.write("<p>not text</p>");
            </script>
            <DIV>آخر</DIV>
            </body></html>
            """
        let document = html(source)
        let textLines = lines(document.text)
        #expect(textLines.count == lines(source).count)
        #expect(textLines.count == 14)
        #expect(textLines[2] == " عنوان & نص ")
        #expect(textLines[6] == "الهدف في السطر السابع ")
        #expect(textLines[12] == " آخر ")
        // Everything else was markup, a style, a comment or a script.
        for (index, line) in textLines.enumerated() where ![2, 6, 12].contains(index) {
            #expect(line.allSatisfy { $0 == " " }, "line \(index + 1): \(line)")
        }
        // title (opened and closed on 3), p (opened on 6, closed on 7), DIV (opened and closed on
        // 13); the <p> inside the script is not markup.
        #expect(document.paragraphEnds.map { line(of: $0, in: document.text) } == [3, 3, 6, 7, 13, 13])
        let passages = PassageSplitter().passages(of: document.text, paragraphEnds: document.paragraphEnds)
        #expect(passages.map { "\($0.startLine)-\($0.endLine)" } == ["3-3", "7-7", "13-13"])
        #expect(passages.map(\.text) == ["عنوان & نص", "الهدف في السطر السابع", "آخر"])
    }

    @Test func scriptsStylesAndCommentsAreDropped() {
        let document = html("""
            a<script type="text/javascript">if (x < y && y > z) { s = "</div>"; }</script>b \
            <style>p > b { color: red }</style>c<!-- hidden <b>text</b> -->d<!---->e<!-->f \
            <noscript><p>enable scripts</p></noscript>g<template><p>later</p><template>x</template>y</template>h \
            <svg viewBox="0 0 1 1"><title>icon</title><svg><text>t</text></svg>z</svg>i<svg/>j \
            <?xml version="1.0"?>k<![CDATA[l]]>m</>n
            """)
        #expect(document.text == "a  b   cdef   g h  i j kmn")
        #expect(document.paragraphEnds.isEmpty)
    }

    @Test func entitiesAreDecoded() {
        let document = html("""
            &amp; &lt;b&gt; &quot;q&quot; &apos;a&apos; x&nbsp;y ن&zwnj;ه ن&zwj;ه &lrm;&rlm;&shy; \
            &#1575;&#x627;&#X627 &hellip;&laquo;&raquo;&mdash;&ndash;&copy;&reg; \
            &unknown; AT&T &amp &#; &#10;&#13; &#0;&#xD800;&#x110000;&#99999999999; &#150;&#129;
            """)
        let expected = "& <b> \"q\" 'a' x\u{A0}y ن\u{200C}ه ن\u{200D}ه \u{200E}\u{200F}\u{AD} "
            + "ااا …«»—–©® "
            // Unknown or unterminated names stay; line feed and carriage return references are spaces.
            + "&unknown; AT&T &amp &#; " + "  " + " "
            + "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} " + "\u{2013}" + " "
        #expect(document.text == expected)
        #expect(lines(document.text).count == 1)
    }

    @Test func titleTextIsKept() {
        let document = html("<html><head><title>كتاب الأغاني</title></head><body>متن</body></html>")
        #expect(document.text == " كتاب الأغاني متن")
    }

    @Test func blockTagsSeparateWordsAndInlineTagsDoNot() {
        let document = html("<table><tr><td>خانة</td><td>أخرى</td></tr></table>سطر<br>تال<b>ي</b> <a href=\"x\">رابط</a>")
        #expect(document.text.split(separator: " ") == ["خانة", "أخرى", "سطر", "تالي", "رابط"])
    }

    @Test func uppercaseAndMixedCaseTags() {
        let document = html("<P CLASS=A>one</P>\n<SCRIPT>hidden()</SCRIPT>two<Br/>\n<sTyLe>x</StYlE><H2>three</h2>")
        #expect(document.text == " one \n  two \n   three ")
        // Each at the space its tag became: <P>, </P>, <Br/>, <H2>, </h2>.
        #expect(document.paragraphEnds == [0, 4, 11, 15, 21])
    }

    @Test func quotedAttributeMayHoldAGreaterThanSign() {
        let document = html("<a title=\"x > y\" data-z='<p>'>link</a> 3 < 4 <5 a<\n</")
        #expect(document.text == "link 3 < 4 <5 a<\n</")
    }

    @Test func paragraphSpanningLinesEndsWhereItCloses() {
        let source = "<p>first line\nsecond line\nthird line</p>\n<p>next paragraph</p><p>same line</p>\nloose text\nmore loose text<br>\nafter break"
        let document = html(source)
        #expect(lines(document.text).count == 7)
        let passages = PassageSplitter().passages(of: document.text, paragraphEnds: document.paragraphEnds)
        #expect(passages.map { "\($0.startLine)-\($0.endLine)" } == ["1-3", "4-4", "4-4", "5-6", "7-7"])
        #expect(passages.map(\.text) == [
            "first line\nsecond line\nthird line", "next paragraph", "same line", "loose text\nmore loose text",
            "after break",
        ])
    }

    @Test func unclosedParagraphsStillEndAtTheNextOne() {
        // Old pages often never close <p>: the next opening tag ends the paragraph before it.
        let document = html("<p>one\nstill one\n<p>two\n<P>three")
        let passages = PassageSplitter().passages(of: document.text, paragraphEnds: document.paragraphEnds)
        #expect(passages.map(\.text) == ["one\nstill one", "two", "three"])
        #expect(passages.map { "\($0.startLine)-\($0.endLine)" } == ["1-2", "3-3", "4-4"])
    }

    @Test func windows1256HTMLIsDecodedThenStripped() {
        let bytes = Array("<html><head><meta charset=\"windows-1256\"></head>\n<body><p>".utf8)
            + Self.arabicSentence1256 + Array("</p>\n</body></html>".utf8)
        guard case .text(let document) = decoder.decode(bytes, format: .html) else {
            Issue.record("expected text")
            return
        }
        #expect(document.encoding == .windows1256)
        #expect(!document.repaired)
        #expect(lines(document.text) == ["", " \(Self.arabicSentence) ", ""])
        let passages = PassageSplitter().passages(of: document.text, paragraphEnds: document.paragraphEnds)
        #expect(passages == [Passage(text: Self.arabicSentence, startLine: 2, endLine: 2)])
    }

    @Test func controlCharactersInHTMLBecomeSpaces() {
        #expect(html("<p>a\u{01}b&#2;c</p>").text == " a b c ")
    }

    /// The 1-based line of a UTF-8 offset.
    func line(of offset: Int, in text: String) -> Int {
        text.utf8.prefix(offset).count { $0 == UInt8(ascii: "\n") } + 1
    }

    func passages(_ source: String) -> [String] {
        let document = html(source)
        return PassageSplitter().passages(of: document.text, paragraphEnds: document.paragraphEnds).map {
            "\($0.startLine)-\($0.endLine) \($0.text)"
        }
    }

    @Test func blockEndsOnOneLineSplitItIntoPassagesOnThatLine() {
        #expect(passages("<ul><li>أول</li><li>ثان</li></ul>") == ["1-1 أول", "1-1 ثان"])
        #expect(passages("سطر<br>سطر آخر") == ["1-1 سطر", "1-1 سطر آخر"])
        #expect(passages("<div><p>فقرة</p><p>أخرى</p></div><hr><h1>عنوان</h1>نص حر") == [
            "1-1 فقرة", "1-1 أخرى", "1-1 عنوان", "1-1 نص حر",
        ])
        // Inline tags end nothing.
        #expect(passages("<p>كلمة <b>بارزة</b> و<a href=x>رابط</a></p>") == ["1-1 كلمة بارزة ورابط"])
    }

    @Test func aBlockEndInsideALineLeavesTheRestToTheNextLines() {
        #expect(passages("<p>أ</p>ب\nج\n\n<p>د<br>ه\nو</p>") == ["1-1 أ", "1-2 ب\nج", "4-4 د", "4-5 ه\nو"])
        #expect(passages("<p>أ</p>\r\n<p>ب</p>\r\n") == ["1-1 أ", "2-2 ب"])
    }

    @Test func blockEndsStillPointRightAfterEntitiesControlsAndLegacyBytes() {
        #expect(passages("<p>&laquo;أ&raquo;\u{01}ب</p><p>&#1580;</p>") == ["1-1 «أ» ب", "1-1 ج"])
        let bytes = Array("<li>".utf8) + Self.arabicSentence1256 + Array("</li><li>".utf8) + Self.arabicSentence1256
        guard case .text(let document) = decoder.decode(bytes, format: .html) else {
            Issue.record("expected text")
            return
        }
        let split = PassageSplitter().passages(of: document.text, paragraphEnds: document.paragraphEnds)
        #expect(split.map(\.text) == [Self.arabicSentence, Self.arabicSentence])
    }

    @Test func aMinifiedPageIsManyPassages() {
        let items = (1...50).map { "<li>البند رقم \($0) من القائمة</li>" }.joined()
        let page = "<html><head><title>قائمة</title></head><body><ul>\(items)</ul></body></html>"
        let found = passages(page)
        #expect(found.count == 51)
        #expect(found.first == "1-1 قائمة" && found.last == "1-1 البند رقم 50 من القائمة")
    }
}
