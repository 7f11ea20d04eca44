import Foundation
import SearchCore
import Testing
import TextAnalysis
@testable import SearchIndex

/// Issue 18: modern spelling finds Uthmani and older spellings, and the reverse, through the index;
/// the words modern spelling writes without an alef find what they found.
@Suite struct QuranicSpellingSearchTests {
    let index: DocumentsIndex

    init() throws {
        index = try DocumentsIndex([
            "uthmani-book.txt": "ذَٰلِكَ ٱلْكِتَـٰبُ لَا رَيْبَ ۛ فِيهِ ۛ هُدًى لِّلْمُتَّقِينَ",
            "uthmani-prayer.txt": "وَأَقِيمُوا۟ ٱلصَّلَوٰةَ وَءَاتُوا۟ ٱلزَّكَوٰةَ",
            "uthmani-call.txt": "يَـٰٓأَيُّهَا ٱلنَّاسُ ٱعْبُدُوا۟ رَبَّكُمُ",
            "uthmani-this.txt": "هَـٰذَا بَيَانٌ لِّلنَّاسِ",
            "older-prayer.txt": "حافظوا على الصلوة في وقتها",
            "modern-book.txt": "قرأت الكتاب كله أمس",
            "modern-books.txt": "في المكتبة الكتب القديمة",
            "modern-prayer.txt": "أقيموا الصلاة وآتوا الزكاة",
            "modern-this.txt": "هذا بيان للناس",
            "modern-that.txt": "ذلك أفضل من هذه",
            "modern-hadha.txt": "قال هاذا الرجل",
            "modern-call.txt": "يا أيها الناس اتقوا ربكم",
        ])
    }

    /// Typo correction off, so that what is found is found by the spelling rules.
    func names(_ query: String) throws -> Set<String> {
        var options = SearchOptions(limit: 0)
        options.typos = .off
        return Set(try index.names(query, options: options))
    }

    @Test func modernSpellingFindsTheUthmaniWord() throws {
        #expect(try names("الكتاب") == ["uthmani-book", "modern-book"])
        #expect(try names("الصلاة") == ["uthmani-prayer", "older-prayer", "modern-prayer"])
        #expect(try names("الزكاة") == ["uthmani-prayer", "modern-prayer"])
        #expect(try names("أيها") == ["uthmani-call", "modern-call"])
    }

    @Test func aPastedUthmaniWordFindsModernSpelling() throws {
        // The word as folded (الكتب) is searched too: it is the modern spelling of words like
        // هَـٰذَا, whose reading (هاذا) modern text rarely has.
        #expect(try names("ٱلْكِتَـٰبُ").isSuperset(of: ["uthmani-book", "modern-book"]))
        #expect(try names("هَـٰذَا") == ["uthmani-this", "modern-this", "modern-hadha"])
        #expect(try names("ٱلصَّلَوٰةَ") == ["uthmani-prayer", "older-prayer", "modern-prayer"])
        #expect(try names("الصلوة") == ["uthmani-prayer", "older-prayer", "modern-prayer"])
    }

    @Test func wordsWithoutAlefInModernSpellingFindWhatTheyFound() throws {
        #expect(try names("هذا") == ["uthmani-this", "modern-this"])
        #expect(try names("ذلك") == ["uthmani-book", "modern-that"])
        #expect(try names("هذه") == ["modern-that"])
    }

    @Test func theHighlightIsTheWholeUthmaniWord() throws {
        let book = try #require(try index.hits("الكتاب").first { $0.path.hasSuffix("uthmani-book.txt") })
        #expect(book.highlightedTexts == ["ٱلْكِتَـٰبُ"])
    }

    @Test func seedsHaveNoWordInQuranicSpelling() throws {
        // The seeds are modern text: no word gets a reading, so every seed query finds what it found.
        var readings: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: Seeds.folder) where name.hasSuffix(".txt") {
            var text = try String(contentsOfFile: Seeds.folder + "/" + name, encoding: .utf8)
            text.withUTF8 { utf8 in
                Analyzer().analyzeWords(utf8: utf8) { word in
                    let original = UnsafeBufferPointer(rebasing: utf8[word.byteStart..<word.byteEnd])
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Analyzer.maximumTermBytes + 8) { buffer in
                        if QuranicSpelling.modernReading(of: original, folded: word.term, into: buffer.baseAddress!) != nil {
                            readings.append(String(decoding: original, as: UTF8.self))
                        }
                    }
                }
            }
        }
        #expect(readings.isEmpty)
    }
}
