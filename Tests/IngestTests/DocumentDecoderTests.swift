import Testing
@testable import Ingest

@Suite struct DocumentDecoderTests {
    let decoder = DocumentDecoder()

    @Test func plainUTF8() {
        #expect(decoder.decode(Array("كتاب".utf8)) == .text("كتاب", repaired: false))
    }

    @Test func utf8ByteOrderMarkIsDropped() {
        #expect(decoder.decode([0xEF, 0xBB, 0xBF] + Array("كتاب".utf8)) == .text("كتاب", repaired: false))
    }

    @Test func utf16WithByteOrderMark() {
        let units = Array("كتاب a".utf16)
        var little: [UInt8] = [0xFF, 0xFE], big: [UInt8] = [0xFE, 0xFF]
        for unit in units {
            little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        #expect(decoder.decode(little) == .text("كتاب a", repaired: false))
        #expect(decoder.decode(big) == .text("كتاب a", repaired: false))
    }

    @Test func nulByteMeansBinary() {
        #expect(decoder.decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A]) == .binary)
    }

    @Test func invalidUTF8IsRepaired() {
        #expect(decoder.decode(Array("ab".utf8) + [0xFF] + Array("cd".utf8)) == .text("ab\u{FFFD}cd", repaired: true))
    }

    @Test func controlCharactersBecomeSpaces() {
        #expect(decoder.decode([0x61, 0x01, 0x62, 0x09, 0x63, 0x0A, 0x64, 0x7F]) == .text("a b\tc\nd ", repaired: false))
    }

    @Test func contentHashIsStableAndSensitive() {
        #expect(ContentHash.of(Array("كتاب".utf8)) == ContentHash.of(Array("كتاب".utf8)))
        #expect(ContentHash.of(Array("كتاب".utf8)) != ContentHash.of(Array("كتب".utf8)))
        #expect(ContentHash.of([]).count == 16)
    }
}
