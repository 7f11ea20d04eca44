import Testing
@testable import TextAnalysis

/// Issue 18: harakat as a soft constraint, how a text's occurrences of a word stand to a
/// vocalised query.
@Suite struct VocalisationTests {
    @Test(arguments: [
        ("عِلْمٌ نافع", VocalisedWord.Agreement.agrees),
        ("طلب العلم فريضة", .unvocalised),            // bare never contradicts
        ("وَالعِلْمِ", .agrees),                       // clitics around the word
        ("عِلْمَ", .agrees),                           // the case ending is not compared
        ("رفع العَلَمَ", .contradicts),
        ("عُلِمَ الأمر", .contradicts),
        ("عَلَمٌ ثم عِلْمٌ", .agrees),                  // the best occurrence counts
        ("عَلَمٌ ثم علم", .unvocalised),
        ("معلوم", .absent),
    ])
    func aVocalisedWordAgreesOrContradicts(text: String, expected: VocalisedWord.Agreement) throws {
        let word = try #require(VocalisedWord(literal: "عِلْم"))
        #expect(word.agreement(in: text) == expected, "\(text)")
    }

    @Test func shaddaOnALetterBothVocaliseMustAgree() throws {
        let word = try #require(VocalisedWord(literal: "عَلَّمَ"))
        #expect(word.agreement(in: "عَلَّمَ الإنسان") == .agrees)
        #expect(word.agreement(in: "عَلَمَ") == .contradicts)
        #expect(word.agreement(in: "علم") == .unvocalised)
    }

    @Test(arguments: ["علم", "علمٌ", "عِلْم جديد", ""])
    func aWordWithoutVowelsBeforeItsLastLetterIsNotVocalised(literal: String) {
        #expect(VocalisedWord(literal: literal) == nil)
    }
}
