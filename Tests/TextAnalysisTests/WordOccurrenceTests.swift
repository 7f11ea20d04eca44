import Testing
import TextAnalysis

/// What "exactly as typed" means for ranking: the same bytes, as a whole word.
@Suite struct WordOccurrenceTests {
    let occurrence = WordOccurrence()

    @Test func aWordOccursOnlyWhole() {
        #expect(occurrence.occurs("ایران", in: "سفر به ایران و روسیه"))
        #expect(occurrence.occurs("ایران", in: "ایران"))
        #expect(occurrence.occurs("ایران", in: "(ایران)"))
        #expect(!occurrence.occurs("ایران", in: "ایرانی و ایرانیان"))
        #expect(!occurrence.occurs("ایران", in: "إيران وايران"))
        // Marks are part of the word: إِيران is not إيران, and a mark glued on makes another word.
        #expect(!occurrence.occurs("إيران", in: "زار إِيران"))
        #expect(occurrence.occurs("إِيران", in: "زار إِيران أمس"))
        #expect(!occurrence.occurs("إيران", in: "زار إيرانَ أمس"))
    }

    @Test func anyLengthAndScriptIsFound() {
        #expect(occurrence.occurs("a", in: "b a c"))
        #expect(!occurrence.occurs("a", in: "bac"))
        #expect(occurrence.occurs("covid-19", in: "the covid-19 year"))
        #expect(occurrence.occurs("و", in: "سوريا و روسيا"))
        #expect(!occurrence.occurs("و", in: "سوريا وروسيا"))
        // The word's rarest byte appears many times before the word itself.
        #expect(occurrence.occurs("روسيا", in: String(repeating: "ر سيا روس ", count: 50) + "روسيا"))
        #expect(!occurrence.occurs("روسيا", in: "روسي"))
        #expect(!occurrence.occurs("", in: "روسيا"))
    }
}
