import Testing
@testable import TextAnalysis

/// The stems a document word gets. Stems are compared as sets: a word may have several readings.
@Suite struct LightStemmerTests {
    let stemmer = LightStemmer()

    func stems(_ word: String, language: TextLanguage = .arabic, query: Bool = false) -> Set<String> {
        // Documents fold first; teh marbuta is known from the original letter.
        var text = word
        var result: Set<String> = []
        text.withUTF8 { utf8 in
            Analyzer().analyzeWords(utf8: utf8) { analyzed in
                let term = String(decoding: analyzed.term, as: UTF8.self)
                result.formUnion(stemmer.stems(of: term, endsWithTehMarbuta: analyzed.endsWithTehMarbuta,
                                               language: language, isQuery: query))
            }
        }
        return result
    }

    @Test(arguments: ["والكتاب", "بالكتاب", "الكتاب", "للكتاب", "فالكتاب", "وكتاب", "بكتاب", "كتابه", "كتابها",
                      "كتابهم", "كتابنا", "كتابا", "وبكتابهم"])
    func cliticFormsOfKitabMeetAtKitab(word: String) {
        #expect(stems(word).contains("كتاب"), "\(word): \(stems(word))")
    }

    @Test func definiteFormWithAClitic() {
        // والكتاب is also الكتاب with a conjunction, so a query الكتاب finds it.
        #expect(stems("والكتاب").isSuperset(of: ["كتاب", "الكتاب"]))
    }

    @Test func tehMarbutaNounsAreNotTheirMasculine() {
        #expect(!stems("مدرسة").contains("مدرس"))
        #expect(!stems("المدرسة").contains("مدرس"))
        #expect(stems("المدرسة").contains("مدرسه"))
        #expect(!stems("كتابة").contains("كتاب"))
        #expect(!stems("الكتابات").contains("كتاب") || stems("الكتابات").contains("كتابه"))
    }

    @Test func adjectivePatternsTakeTheFeminine() {
        #expect(stems("كبيرة").contains("كبير"))
        #expect(stems("اللاعبة").contains("لاعب"))
        #expect(stems("الكبيرات").contains("كبيره"))
    }

    @Test func suffixedFeminineNounsRecoverTehMarbuta() {
        for word in ["دولته", "دولتهم", "دولتين", "الدولتان"] {
            #expect(stems(word).contains("دوله"), "\(word): \(stems(word))")
        }
    }

    @Test func pluralsAndDuals() {
        #expect(stems("اللاعبون").contains("لاعب"))
        #expect(stems("للاعبين").contains("لاعب"))
        #expect(stems("لاعبيها").contains("لاعب"))
        #expect(stems("القرارات").contains("قرار"))
        #expect(stems("موظفو").contains("موظف"))
    }

    @Test(arguments: ["مؤمن", "سوريا", "روسيا", "لبنان", "قانون", "زيتون", "الله", "ايطاليا"])
    func wordsThatOnlyLookAffixedAreNotCutIntoOtherWords(word: String) {
        let cut: [String: String] = ["مؤمن": "موم", "سوريا": "سوري", "روسيا": "روسي", "لبنان": "لبن",
                                     "قانون": "قان", "زيتون": "زيت", "الله": "له", "ايطاليا": "ايطالي"]
        #expect(!stems(word).contains(cut[word]!), "\(word): \(stems(word))")
    }

    @Test func threeLamsAreNotAnArticle() {
        #expect(!stems("لللاعب").contains("لاعب"))
        #expect(stems("للاعب").contains("لاعب"))
    }

    @Test func afterTheArticleYehAndHehAreNotPronouns() {
        #expect(!stems("المجلسي").contains("مجلس"))
        #expect(stems("مجلسه").contains("مجلس"))
    }

    @Test func queriesDoNotReadALetterPrefixOffAFourLetterWord() {
        #expect(stems("كبير", query: true).isEmpty)
        #expect(stems("كبيرا").contains("كبير"))
    }

    // MARK: Persian

    @Test(arguments: ["کتاب‌ها", "کتابها", "کتاب‌های", "کتاب‌هایش", "کتاب‌هایمان"])
    func persianPluralsMeetTheirSingular(word: String) {
        #expect(stems(word, language: .persian).contains("كتاب"), "\(word)")
    }

    @Test func persianAnimatePluralsAndComparatives() {
        #expect(stems("دانشجویان", language: .persian).contains("دانشجو"))
        #expect(stems("بازیکنانی", language: .persian).contains("بازيكن"))
        #expect(stems("بزرگ‌ترین", language: .persian).contains("بزرگ"))
        #expect(stems("بدتر", language: .persian).contains("بد"))
        #expect(stems("خانه‌ای", language: .persian).contains("خانه"))
        #expect(stems("خانواده‌اش", language: .persian).contains("خانواده"))
        #expect(stems("کشورمان", language: .persian).contains("كشور"))
        #expect(stems("کتاب‌هایشان", language: .persian).contains("كتاب"))
        #expect(stems("دوستشان", language: .persian).contains("دوست"))
    }

    @Test(arguments: ["ایران", "تهران", "آسمان", "استان", "خانه", "دختر", "دفتر", "زمستان", "سازمان", "ساختمان", "ایشان"])
    func persianWordsThatOnlyLookAffixedStayWhole(word: String) {
        #expect(stems(word, language: .persian).isEmpty, "\(word): \(stems(word, language: .persian))")
        #expect(stems(word, language: .persian, query: true).isEmpty, "\(word) in a query")
    }

    @Test func persianQueriesAlsoReadIndefiniteYeh() {
        #expect(stems("ویتامینی", language: .persian, query: true).contains("ويتامين"))
        #expect(stems("دارویی", language: .persian, query: true).contains("دارو"))
        #expect(stems("غذای", language: .persian, query: true).contains("غذا"))
        #expect(stems("سازمان", language: .persian, query: true).isEmpty)
        // Documents do not get these readings: a final ی is as often the word's own (کشتی, زندگی).
        #expect(!stems("ویتامینی", language: .persian).contains("ويتامين"))
        #expect(!stems("کشتی", language: .persian).contains("كشت"))
    }

    @Test func persianVerbsKeepTheirPrefix() {
        #expect(stems("می‌خواهم", language: .persian).isEmpty)
        #expect(stems("نمی‌آید", language: .persian).isEmpty)
    }

    @Test func arabicRulesDoNotApplyToPersianText() {
        // باشد is a Persian verb, not ب + اشد; دقیقه is "minute", not دقیق + ه.
        #expect(!stems("باشد", language: .persian).contains("اشد"))
        #expect(!stems("دقیقه", language: .persian).contains("دقيق"))
    }
}

@Suite struct TextLanguageTests {
    @Test func guessesFromLettersAndFunctionWords() {
        #expect(TextLanguage.guess("این کتاب را خواندم و پسندیدم") == .persian)
        #expect(TextLanguage.guess("قرأت الكتاب في المكتبة") == .arabic)
        // Arabic typed on a Persian keyboard is still Arabic.
        #expect(TextLanguage.guess("قال رسول الله صلی الله علیه و سلم فی المسجد") == .arabic)
        #expect(TextLanguage.guess("123 abc") == .unknown)
    }

    @Test func persianTypedOnAnArabicKeyboardIsPersian() {
        // Arabic ي، ك and ى throughout, as older Iranian sites wrote: the function words decide,
        // so باشد is not read as ب + اشد.
        #expect(TextLanguage.guess("در هر شرايطى بايد بنيه دفاعى كشور در بهترين وضعيت باشد") == .persian)
        #expect(TextLanguage.guess("وي افزود كه مدرسه با مسجد يكى است") == .persian)
        // ى alone is weak evidence; Arabic with ى and the article stays Arabic.
        #expect(TextLanguage.guess("وصل الوفد إلى موسكو حتى يلتقي بالوزير") == .arabic)
        #expect(TextLanguage.guess("على") == .arabic)
    }

    @Test func inAQueryPersianKeyboardLettersOnlyBreakATie() {
        // Nothing else to go on: ی or ک was typed at a Persian keyboard.
        #expect(TextLanguage.guess("دیار", keyboardLettersBreakTiesOnly: true) == .persian)
        #expect(TextLanguage.guess("ديار", keyboardLettersBreakTiesOnly: true) == .unknown)
        // Arabic evidence outweighs any number of them: Arabic typed with Persian letters.
        #expect(TextLanguage.guess("قال رسول الله صلی الله علیه و سلم", keyboardLettersBreakTiesOnly: true) == .arabic)
        #expect(TextLanguage.guess("مدرسة کبیرة", keyboardLettersBreakTiesOnly: true) == .arabic)
        // In a document they are weak evidence, added to the rest.
        #expect(TextLanguage.guess("کتاب") == .persian)
        #expect(TextLanguage.guess("مدرسة کبیرة کتاب") == .arabic)
    }
}
