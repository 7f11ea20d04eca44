import Testing
import TextAnalysis

/// One test per folding rule of `ScalarTable`, in the order of its list. Arabic letters and
/// marks are 2 UTF-8 bytes each, joiners and presentation forms 3, so the offsets below can be
/// checked by hand.
@Suite struct FoldingTests {
    // MARK: Rule 1: أ إ آ ٱ (and the wavy/high hamza alefs) → ا

    @Test(arguments: [
        Row("at the start of a word", "أستانا", [tok("استانا", 0, 12, 0)]),
        Row("inside a word", "سأل", [tok("سال", 0, 6, 0)]),
        Row("at the end of a word", "بدأ", [tok("بدا", 0, 6, 0)]),
        Row("in a sentence", "ذهب إلى أستانا", [tok("ذهب", 0, 6, 0), tok("الي", 7, 13, 1), tok("استانا", 14, 26, 2)]),
        Row("wavy hamza above U+0672", "\u{0672}حمد", [tok("احمد", 0, 8, 0)]),
        Row("wavy hamza below U+0673", "\u{0673}سلام", [tok("اسلام", 0, 10, 0)]),
        Row("high hamza alef U+0675", "ب\u{0675}", [tok("با", 0, 4, 0)]),
    ])
    func alefWithHamzaFoldsToAlef(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("at the start of a word", "إسلام", [tok("اسلام", 0, 10, 0)]),
        Row("preposition", "إلى", [tok("الي", 0, 6, 0)]),
    ])
    func alefWithHamzaBelowFoldsToAlef(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("at the start of a word", "آمن", [tok("امن", 0, 6, 0)]),
        Row("inside a word", "آمن بالآخرة", [tok("امن", 0, 6, 0), tok("بالاخره", 7, 21, 1)]),
    ])
    func alefWithMaddaFoldsToAlef(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("vocalized Quranic word", "ٱلر\u{0651}\u{064E}ح\u{0652}م\u{064E}\u{0670}ن\u{0650}", [tok("الرحمن", 0, 24, 0)]),
        Row("bare", "ٱلله", [tok("الله", 0, 8, 0)]),
    ])
    func alefWaslaFoldsToAlef(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Rule 2: ؤ → و;  ئ → ي

    @Test(arguments: [
        Row("inside words", "مؤتمر رؤية", [tok("موتمر", 0, 10, 0), tok("رويه", 11, 19, 1)]),
        Row("high hamza waw U+0676", "ب\u{0676}", [tok("بو", 0, 4, 0)]),
    ])
    func wawWithHamzaFoldsToWaw(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("inside words", "رئيس مسائل", [tok("رييس", 0, 8, 0), tok("مسايل", 9, 19, 1)]),
        Row("at the end of a word", "شاطئ", [tok("شاطي", 0, 8, 0)]),
        Row("hamza on the line is kept", "سماء شيء", [tok("سماء", 0, 8, 0), tok("شيء", 9, 15, 1)]),
    ])
    func yehWithHamzaFoldsToYeh(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Rule 3: ى ی ے (and the other yeh forms) → ي

    @Test(arguments: [
        Row("Persian words", "روسیه ایران", [tok("روسيه", 0, 10, 0), tok("ايران", 11, 21, 1)]),
        Row("Arabic yeh is unchanged", "روسيه", [tok("روسيه", 0, 10, 0)]),
    ])
    func farsiYehFoldsToArabicYeh(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("at the end of words", "مستشفى على", [tok("مستشفي", 0, 12, 0), tok("علي", 13, 19, 1)]),
    ])
    func alefMaksuraFoldsToYeh(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("yeh barree U+06D2", "کے", [tok("كي", 0, 4, 0)]),
        Row("yeh barree with hamza U+06D3", "ب\u{06D3}", [tok("بي", 0, 4, 0)]),
        Row("kashmiri yeh U+0620", "ب\u{0620}", [tok("بي", 0, 4, 0)]),
        Row("yeh with tail U+06CD", "ب\u{06CD}", [tok("بي", 0, 4, 0)]),
    ])
    func otherYehFormsFoldToArabicYeh(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Rule 4: ک ڪ → ك

    @Test(arguments: [
        Row("Persian keheh", "کتاب یک", [tok("كتاب", 0, 8, 0), tok("يك", 9, 13, 1)]),
        Row("swash kaf U+06AA", "\u{06AA}تاب", [tok("كتاب", 0, 8, 0)]),
    ])
    func kehehFoldsToKaf(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Rule 5: ة ۀ ہ ۃ ە ھ → ه

    @Test(arguments: [
        Row("at the end of words", "مدرسة القاهرة", [tok("مدرسه", 0, 10, 0), tok("القاهره", 11, 25, 1)]),
        Row("followed by a pronoun suffix (misspelt)", "مدرسةنا", [tok("مدرسهنا", 0, 14, 0)]),
    ])
    func tehMarbutaFoldsToHeh(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("heh with yeh above U+06C0", "خانۀ ما", [tok("خانه", 0, 8, 0), tok("ما", 9, 13, 1)]),
        Row("heh goal U+06C1", "ب\u{06C1}", [tok("به", 0, 4, 0)]),
        Row("heh goal with hamza U+06C2", "ب\u{06C2}", [tok("به", 0, 4, 0)]),
        Row("teh marbuta goal U+06C3", "ب\u{06C3}", [tok("به", 0, 4, 0)]),
        Row("ae U+06D5", "ب\u{06D5}", [tok("به", 0, 4, 0)]),
        Row("heh doachashmee U+06BE", "\u{06BE}م", [tok("هم", 0, 4, 0)]),
    ])
    func otherHehFormsFoldToHeh(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Rule 6: harakat, superscript alef, honorific signs, Quranic marks and tatweel

    @Test(arguments: [
        Row("style guide example", "قرأت\u{064F} الكتاب\u{064E}", [tok("قرات", 0, 10, 0), tok("الكتاب", 11, 25, 1)]),
        Row("shadda and tanween at the end", "مسي\u{064E}\u{0651}سا\u{064B}", [tok("مسيسا", 0, 16, 0)]),
        Row("fully vocalized", "م\u{064F}ح\u{064E}م\u{064E}\u{0651}د\u{064C}", [tok("محمد", 0, 18, 0)]),
        Row("final haraka before a space", "كتب\u{064E} ولد", [tok("كتب", 0, 8, 0), tok("ولد", 9, 15, 1)]),
        Row("every haraka U+064B–U+065F", "ب" + marks(0x064B...0x065F) + "ت", [tok("بت", 0, 46, 0)]),
    ])
    func harakatAreRemovedButStayInTheWordSpan(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("kashida inside a word", "عاج\u{0640}\u{0640}\u{0640}\u{0640}\u{0640}\u{0640}ل", [tok("عاجل", 0, 20, 0)]),
        Row("kashida at the end stays in the span", "ب\u{0640}", [tok("ب", 0, 4, 0)]),
        Row("kashida before a haraka", "ب\u{0640}\u{064E}ت", [tok("بت", 0, 8, 0)]),
        Row("kashida run between words", "عاجل \u{0640}\u{0640}\u{0640} خبر", [tok("عاجل", 0, 8, 0), tok("خبر", 16, 22, 1)]),
    ])
    func tatweelIsRemoved(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("hadha", "ه\u{0670}ذا", [tok("هذا", 0, 8, 0)]),
        Row("with shadda and fatha", "ر\u{0651}\u{064E}ح\u{0652}م\u{064E}\u{0670}ن", [tok("رحمن", 0, 18, 0)]),
        Row("at the end", "عل\u{0670}", [tok("عل", 0, 6, 0)]),
    ])
    func superscriptAlefIsRemoved(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("every Quranic mark on letters U+06D6–U+06ED", "ب" + quranicMarksOnLetters + "ت", [tok("بت", 0, 46, 0)]),
        Row("small high jeem at the end", "الرحيم\u{06DA}", [tok("الرحيم", 0, 14, 0)]),
        Row("small high meem isolated form", "عليم\u{06E2} حكيم", [tok("عليم", 0, 10, 0), tok("حكيم", 11, 19, 1)]),
        Row("small waw and small yeh U+06E5 U+06E6", "ه\u{06E5} ب\u{06E6}", [tok("ه", 0, 4, 0), tok("ب", 5, 9, 1)]),
    ])
    func quranicMarksAreRemoved(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("every honorific sign U+0610–U+061A", "ب" + marks(0x0610...0x061A) + "ت", [tok("بت", 0, 26, 0)]),
        Row("sallallahou after a name", "محمد\u{0610} قال", [tok("محمد", 0, 10, 0), tok("قال", 11, 17, 1)]),
    ])
    func honorificSignsAreRemoved(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("alef + hamza above, like أ", "ا\u{0654}ستانا", [tok("استانا", 0, 14, 0)]),
        Row("alef + hamza below, like إ", "ا\u{0655}سلام", [tok("اسلام", 0, 12, 0)]),
        Row("alef + madda, like آ", "ا\u{0653}من", [tok("امن", 0, 8, 0)]),
        Row("waw + hamza above, like ؤ", "مو\u{0654}تمر", [tok("موتمر", 0, 12, 0)]),
        Row("yeh + hamza above, like ئ", "ري\u{0654}يس", [tok("رييس", 0, 10, 0)]),
        Row("heh + hamza above, like ۀ", "خانه\u{0654}", [tok("خانه", 0, 10, 0)]),
    ])
    func nfdHamzaFoldsLikePrecomposed(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Spellings("ا + U+0654 and أ", ["ا\u{0654}", "أ", "ا"], "ا"),
        Spellings("ا + U+0655 and إ", ["ا\u{0655}", "إ", "ا"], "ا"),
        Spellings("ا + U+0653 and آ", ["ا\u{0653}", "آ", "ا"], "ا"),
        Spellings("و + U+0654 and ؤ", ["و\u{0654}", "ؤ", "و"], "و"),
        Spellings("ي + U+0654 and ئ", ["ي\u{0654}", "ئ", "ي"], "ي"),
        Spellings("ە + U+0654 and ۀ", ["\u{06D5}\u{0654}", "ۀ", "ه"], "ه"),
        Spellings("ے + U+0654 and ۓ", ["ے\u{0654}", "\u{06D3}", "ي"], "ي"),
    ])
    func nfdAndPrecomposedHamzaGiveTheSameTerm(_ spellings: Spellings) {
        expectSameTerm(spellings)
    }

    // MARK: Rule 7: joiners between two letters join; anywhere else they separate; direction
    // marks always separate

    @Test(arguments: [
        Row("Persian verb prefix", "می\u{200C}گذاریم", [tok("ميگذاريم", 0, 19, 0)]),
        Row("Persian compound", "عقب\u{200C}نشینی", [tok("عقبنشيني", 0, 19, 0)]),
        Row("plural suffix", "کتاب\u{200C}ها", [tok("كتابها", 0, 15, 0)]),
        Row("two joiners in a row", "کتاب\u{200C}\u{200C}ها", [tok("كتابها", 0, 18, 0)]),
        Row("before a haraka", "ب\u{200C}\u{064E}ت", [tok("بت", 0, 9, 0)]),
        Row("between Latin letters", "a\u{200C}b", [tok("ab", 0, 5, 0)]),
    ])
    func zwnjInsideAWordJoinsIt(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("before a word", "\u{200C}کتاب", [tok("كتاب", 3, 11, 0)]),
        Row("after a word", "کتاب\u{200C}", [tok("كتاب", 0, 8, 0)]),
        Row("before a space", "کتاب\u{200C} ها", [tok("كتاب", 0, 8, 0), tok("ها", 12, 16, 1)]),
        Row("after a space", "کتاب \u{200C}ها", [tok("كتاب", 0, 8, 0), tok("ها", 12, 16, 1)]),
        Row("before punctuation", "کتاب\u{200C}، ها", [tok("كتاب", 0, 8, 0), tok("ها", 14, 18, 1)]),
        Row("alone", "\u{200C}", []),
        Row("between spaces", "ب \u{200C} ت", [tok("ب", 0, 2, 0), tok("ت", 7, 9, 1)]),
    ])
    func zwnjAtWordEdgeSeparates(_ row: Row) {
        expectTokens(row)
    }

    /// ZWJ, word joiner and soft hyphen behave like ZWNJ.
    @Test(arguments: [("ZWJ", "\u{200D}"), ("word joiner", "\u{2060}"), ("soft hyphen", "\u{00AD}")])
    func otherJoinersBehaveLikeZwnj(_ name: String, _ joiner: String) {
        let width = joiner.utf8.count
        expectTokens(Row("\(name) inside a word", "کتاب" + joiner + "ها", [tok("كتابها", 0, 12 + width, 0)]))
        expectTokens(Row("\(name) around a word", joiner + "ها" + joiner, [tok("ها", width, width + 4, 0)]))
        expectTokens(Row("\(name) before a space", "ب" + joiner + " ت", [tok("ب", 0, 2, 0), tok("ت", 3 + width, 5 + width, 1)]))
        expectTokens(Row("\(name) alone", joiner, []))
    }

    /// LRM, RLM and ALM stand at word boundaries in real text: they always separate.
    @Test(arguments: [("LRM", "\u{200E}"), ("RLM", "\u{200F}"), ("ALM", "\u{061C}")])
    func directionMarksAlwaysSeparateWords(_ name: String, _ mark: String) {
        let width = mark.utf8.count
        expectTokens(Row("\(name) between two letters", "کتاب" + mark + "ها",
                         [tok("كتاب", 0, 8, 0), tok("ها", 8 + width, 12 + width, 1)]))
        expectTokens(Row("\(name) around a word", mark + "ها" + mark, [tok("ها", width, width + 4, 0)]))
        expectTokens(Row("\(name) before a ZWNJ", "زینب" + mark + "\u{200C}پژوهی",
                         [tok("زينب", 0, 8, 0), tok("پژوهي", 11 + width, 21 + width, 1)]))
        expectTokens(Row("\(name) alone", mark, []))
    }

    @Test(arguments: [
        Row("at the start of the text", "\u{FEFF}سلام", [tok("سلام", 3, 11, 0)]),
        Row("inside a word", "سل\u{FEFF}ام", [tok("سل", 0, 4, 0), tok("ام", 7, 11, 1)]),
    ])
    func byteOrderMarkIsNeverPartOfAWord(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Rule 8: Arabic-Indic (٠–٩) and Persian (۰–۹) digits → 0–9

    @Test(arguments: [
        Row("Arabic-Indic year", "١٩٤٤", [tok("1944", 0, 8, 0)]),
        Row("Persian year", "۱۹۴۴", [tok("1944", 0, 8, 0)]),
        Row("ASCII year", "1944", [tok("1944", 0, 4, 0)]),
        Row("every Arabic-Indic digit", "٠١٢٣٤٥٦٧٨٩", [tok("0123456789", 0, 20, 0)]),
        Row("every Persian digit", "۰۱۲۳۴۵۶۷۸۹", [tok("0123456789", 0, 20, 0)]),
        Row("after a word", "سال ۱۳۹۹", [tok("سال", 0, 6, 0), tok("1399", 7, 15, 1)]),
        Row("digits glued to a letter are their own word", "۲۰۲۰م", [tok("2020", 0, 8, 0), tok("م", 8, 10, 1)]),
        Row("the Arabic decimal separator splits like an ASCII point", "٣٫١٤ 3.14",
            [tok("3", 0, 2, 0), tok("14", 4, 8, 1), tok("3", 9, 10, 2), tok("14", 11, 13, 3)]),
    ])
    func arabicIndicAndPersianDigitsFoldToASCII(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Rule 9: presentation forms → their letters, folded by the rules above

    @Test(arguments: [
        Row("bism in contextual forms", "\u{FE91}\u{FEB4}\u{FEE2}", [tok("بسم", 0, 9, 0)]),
        Row("kitab in contextual forms", "\u{FEDB}\u{FE98}\u{FE8E}\u{FE8F}", [tok("كتاب", 0, 12, 0)]),
        Row("mixed with ordinary letters", "\u{FE91}سم", [tok("بسم", 0, 7, 0)]),
        Row("alef with hamza form folds to alef", "\u{FE83}", [tok("ا", 0, 3, 0)]),
        Row("teh marbuta form folds to heh", "\u{FE93}", [tok("ه", 0, 3, 0)]),
        Row("alef maksura form folds to yeh", "\u{FEEF}", [tok("ي", 0, 3, 0)]),
        Row("keheh form folds to kaf", "\u{FB8E}", [tok("ك", 0, 3, 0)]),
        Row("farsi yeh form folds to yeh", "\u{FBFC}", [tok("ي", 0, 3, 0)]),
        Row("Allah ligature", "\u{FDF2}", [tok("الله", 0, 3, 0)]),
        Row("rial sign", "\u{FDFC}", [tok("ريال", 0, 3, 0)]),
        Row("isolated fatha form is a mark", "ب\u{FE76}", [tok("ب", 0, 5, 0)]),
        Row("medial fatha form is a mark", "ب\u{FE77}ت", [tok("بت", 0, 7, 0)]),
        Row("shadda ligature is a mark", "ب\u{FC5E}", [tok("ب", 0, 5, 0)]),
        Row("isolated fatha form alone", "\u{FE76}", []),
    ])
    func presentationFormsFoldToBaseLetters(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("sallallahou alayhe wasallam alone", "\u{FDFA}",
            [tok("صلي", 0, 3, 0), tok("الله", 0, 3, 1), tok("عليه", 0, 3, 2), tok("وسلم", 0, 3, 3)]),
        Row("in a sentence", "محمد \u{FDFA} قال",
            [tok("محمد", 0, 8, 0), tok("صلي", 9, 12, 1), tok("الله", 9, 12, 2), tok("عليه", 9, 12, 3),
             tok("وسلم", 9, 12, 4), tok("قال", 13, 19, 5)]),
        Row("jallajalalouhou", "الله \u{FDFB}",
            [tok("الله", 0, 8, 0), tok("جل", 9, 12, 1), tok("جلاله", 9, 12, 2)]),
        Row("glued to the previous and next letters", "ب\u{FDFB}ت",
            [tok("بجل", 0, 5, 0), tok("جلالهت", 2, 7, 1)]),
        Row("followed by a haraka", "\u{FDFB}\u{064E}",
            [tok("جل", 0, 3, 0), tok("جلاله", 0, 5, 1)]),
    ])
    func ligatureOfSeveralWordsGivesSeveralTokens(_ row: Row) {
        expectTokens(row)
    }

    @Test func ligatureOfSeveralWordsFoldsLikeTheWordsSpelledOut() {
        #expect(Array(analyzer.fold("\u{FDFA}").utf8) == Array(analyzer.fold("صلى الله عليه وسلم").utf8))
        #expect(Array(analyzer.fold("\u{FDFB}").utf8) == Array(analyzer.fold("جل جلاله").utf8))
    }

    @Test(arguments: [
        Row("lam alef isolated U+FEFB", "\u{FEFB}", [tok("لا", 0, 3, 0)]),
        Row("lam alef final U+FEFC", "\u{FEFC}", [tok("لا", 0, 3, 0)]),
        Row("lam alef with hamza above U+FEF7", "\u{FEF7}", [tok("لا", 0, 3, 0)]),
        Row("lam alef with hamza below U+FEF9", "\u{FEF9}", [tok("لا", 0, 3, 0)]),
        Row("lam alef with madda U+FEF5", "\u{FEF5}", [tok("لا", 0, 3, 0)]),
        Row("inside a word", "ال\u{FEFC}عب", [tok("اللاعب", 0, 11, 0)]),
        Row("followed by a word", "\u{FEFB} شيء", [tok("لا", 0, 3, 0), tok("شيء", 4, 10, 1)]),
    ])
    func lamAlefLigature(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Rule 10: other scripts are lower-cased; their combining marks stay in the token

    @Test(arguments: [
        Row("capitalized and upper-case words", "Hello WORLD", [tok("hello", 0, 5, 0), tok("world", 6, 11, 1)]),
        Row("camel case", "iPhone", [tok("iphone", 0, 6, 0)]),
        Row("accented capital", "ÉCOLE", [tok("école", 0, 6, 0)]),
        Row("Latin glued to Arabic", "ABCكتاب", [tok("abcكتاب", 0, 11, 0)]),
        Row("Greek", "ΑΘΗΝΑ", [tok("αθηνα", 0, 10, 0)]),
        Row("Cyrillic", "МОСКВА", [tok("москва", 0, 12, 0)]),
        Row("Deseret (4-byte scalars)", "\u{10400}", [tok("\u{10428}", 0, 4, 0)]),
    ])
    func latinIsCaseFolded(_ row: Row) {
        expectTokens(row)
    }

    @Test(arguments: [
        Row("decomposed e acute", "Cafe\u{0301}", [tok("cafe\u{0301}", 0, 6, 0)]),
        Row("Devanagari vowel signs and virama", "हिन्दी", [tok("हिन्दी", 0, 18, 0)]),
    ])
    func combiningMarksOfOtherScriptsStayInTheToken(_ row: Row) {
        expectTokens(row)
    }

    // MARK: Both directions: document and query spellings meet

    @Test(arguments: [
        Spellings("rule 1: hamza alef", ["أستانا", "استانا", "آستانا", "إستانا", "ٱستانا", "ا\u{0654}ستانا", "\u{FE83}ستانا"], "استانا"),
        Spellings("rule 2: waw with hamza", ["مؤتمر", "موتمر", "مو\u{0654}تمر"], "موتمر"),
        Spellings("rule 2: yeh with hamza", ["رئيس", "رييس", "ري\u{0654}يس", "رییس"], "رييس"),
        Spellings("rule 3: farsi yeh", ["روسیه", "روسيه"], "روسيه"),
        Spellings("rule 3: alef maksura", ["على", "علي", "علی", "عل\u{FEF0}"], "علي"),
        Spellings("rule 4: keheh", ["کتاب", "كتاب", "\u{06AA}تاب", "\u{FEDB}\u{FE98}\u{FE8E}\u{FE8F}"], "كتاب"),
        Spellings("rule 5: teh marbuta", ["مدرسة", "مدرسه", "مدرس\u{06C3}", "\u{FEE3}\u{FEAA}\u{FEAD}\u{FEB3}\u{FE94}"], "مدرسه"),
        Spellings("rule 5: heh forms", ["خانۀ", "خانه", "خانة", "خانه\u{0654}", "خان\u{06C1}", "خان\u{06D5}"], "خانه"),
        Spellings("rule 6: harakat", ["مسي\u{064E}\u{0651}سا\u{064B}", "مسيسا"], "مسيسا"),
        Spellings("rule 6: tatweel", ["عاج\u{0640}\u{0640}\u{0640}\u{0640}\u{0640}\u{0640}ل", "عاجل", "ع\u{0640}اج\u{0640}ل"], "عاجل"),
        Spellings("rule 6: superscript alef", ["ه\u{0670}ذا", "هذا"], "هذا"),
        Spellings("rule 6: Quranic marks", ["الرحيم\u{06DA}", "الرحيم"], "الرحيم"),
        Spellings("rule 6: honorific signs", ["محمد\u{0610}", "محمد"], "محمد"),
        Spellings("rule 7: ZWNJ in a verb", ["می\u{200C}گذاریم", "میگذاریم", "مي\u{200C}گذاريم"], "ميگذاريم"),
        Spellings("rule 7: ZWNJ in a compound", ["عقب\u{200C}نشینی", "عقبنشینی", "عقبنشيني"], "عقبنشيني"),
        Spellings("rule 8: digits", ["١٩٤٤", "۱۹۴۴", "1944"], "1944"),
        Spellings("rule 9: lam alef", ["\u{FEFB}", "\u{FEFC}", "لا"], "لا"),
        Spellings("rule 9: Allah", ["\u{FDF2}", "الله", "ال\u{0644}\u{0651}\u{0670}ه", "ٱلله"], "الله"),
        Spellings("rule 10: case", ["NATO", "nato", "Nato"], "nato"),
    ])
    func documentAndQuerySpellingsGiveTheSameTerm(_ spellings: Spellings) {
        expectSameTerm(spellings)
    }

    // MARK: fold(_:)

    @Test func foldJoinsTermsWithSingleSpaces() {
        #expect(Array(analyzer.fold("أَحْمَد").utf8) == Array("احمد".utf8))
        #expect(Array(analyzer.fold("کتاب\u{200C}ها").utf8) == Array("كتابها".utf8))
        #expect(Array(analyzer.fold("قرأت\u{064F}  ،  الكتاب\u{064E}\n").utf8) == Array("قرات الكتاب".utf8))
        #expect(analyzer.fold("").isEmpty)
        #expect(analyzer.fold(" \u{0640}\u{064E} ، ").isEmpty)
    }
}

/// The scalars of `range` as one string of marks.
func marks(_ range: ClosedRange<UInt32>) -> String {
    String(String.UnicodeScalarView(range.compactMap(Unicode.Scalar.init)))
}

/// U+06D6–U+06ED without the three signs that stand between words (end of ayah, rub el hizb,
/// place of sajdah).
let quranicMarksOnLetters = String(String.UnicodeScalarView(
    (UInt32(0x06D6)...0x06ED).filter { ![0x06DD, 0x06DE, 0x06E9].contains($0) }.compactMap(Unicode.Scalar.init)))
