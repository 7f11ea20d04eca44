/// Light stemming of folded Arabic and Persian words: clitics and inflectional affixes come off,
/// the word itself stays. A word gets every stem it plausibly has (usually one, sometimes two or
/// three), because a light stemmer cannot tell a clitic from a letter of the word: `وزير` may be
/// و + زير, `كبيرا` may be ك + بيرا; the index stores all readings and a query meets any of them.
///
/// What it does, on folded terms (ة is already ه, ى is ي, ک is ك):
/// - Arabic proclitics: the article with its prefixes (ال وال فال بال كال لل ولل فلل وبال فبال
///   وكال), or a conjunction و/ف and then a preposition ب/ك/ل. Three lams (لللاعب) are not a
///   valid spelling and are left whole.
/// - Arabic suffixes: one pronoun (ه ها هم هما هن ك كم كما كن ي ني نا), then one plural, dual or
///   case ending (ات ين ون ان و ي ا); a ت left bare by a suffix is the ة of the singular
///   (دولتهم → دوله). After the article a final ي or ه is not a pronoun (المجلسي is an
///   adjective, الكتابه is الكتابة).
/// - Teh marbuta (known from the original letter) is part of the word: مدرسة is not مدرس and
///   كتابة is not كتاب. Only adjective and participle patterns (فعيل, فاعل, مفعول) take it as
///   the feminine ending, so كبيرة, لاعبة and مقبولة also give كبير, لاعب, مقبول; a plural in
///   ات of such a pattern is the feminine plural (كبيرات → كبيرة), of any other word both readings.
/// - Persian: plural ها and its pronoun forms (های، هایی، هایش، هایمان …), ان/یان (with
///   protected words such as ایران, تهران, آسمان, استان, and no …ستان place names), تر/ترین,
///   ezafe and pronouns after a final ه (خانه‌ای، خانه‌اش، خانه‌ی), مان/تان/شان after a
///   consonant (کشورمان). Verbs keep می/نمی: میخواهم and خواهم are different words; only the
///   spelling of the prefix is unified, by joining. Queries alone also read off an indefinite
///   ی/یی (`persianQueryStems`).
/// - Minimum stem lengths keep short words whole (a stem has at least three letters, two for
///   Persian plurals and comparatives: بدتر → بد), and queries are stricter than documents
///   about one-letter proclitics (a query كبير is not ك + بير).
public struct LightStemmer: Sendable {
    /// One stem: the letters `start..<end` of the word, followed by ه when `appendsHeh` (the ة
    /// of a singular recovered from a plural or a suffixed form), preceded by ال when
    /// `prependsArticle` (the article whose alef لل swallowed: للعراق is ل + العراق).
    public struct Stem: Equatable, Sendable {
        public var start: Int
        public var end: Int
        public var appendsHeh: Bool
        public var prependsArticle = false
    }

    /// In a query, the fewest letters a one-letter proclitic (و ف ب ك ل) leaves: a query كبير is
    /// not ك + بير, nor وزير و + زير, though a document word may be read both ways.
    public static let queryLettersAfterProclitic = 4

    public init() {}

    /// Calls `body` once per distinct stem of `word` that differs from the word itself.
    ///
    /// - Parameters:
    ///   - word: the folded letters of one term.
    ///   - endsWithTehMarbuta: whether the original word ended in ة, which folding turned to ه.
    ///   - language: which rules apply; `.unknown` applies both.
    ///   - isQuery: queries do not read a one-letter proclitic off a four-letter word.
    public func stems(
        of word: UnsafeBufferPointer<UInt32>,
        endsWithTehMarbuta: Bool,
        language: TextLanguage,
        isQuery: Bool,
        _ body: (Stem) throws -> Void
    ) rethrows {
        guard word.count >= 3 else { return }
        if word[0] == Letter.alef && word[1] == Letter.lam && Self.isProtected(word, among: Self.arabicFunctionWords) { return }
        var found = StemSet()
        if language.usesPersianRules {
            persianStems(word, into: &found)
            if isQuery { persianQueryStems(word, into: &found) }
        }
        if language.usesArabicRules {
            arabicStems(word, endsWithTehMarbuta: endsWithTehMarbuta,
                        minimumAfterLetterPrefix: isQuery ? Self.queryLettersAfterProclitic : 3, into: &found)
        }
        for index in 0..<found.count {
            let stem = found[index]
            if stem.start == 0 && stem.end == word.count && !stem.appendsHeh && !stem.prependsArticle { continue }
            try body(stem)
        }
    }

    /// The stems as strings: for tests and explanations, not for the indexing hot path.
    public func stems(of term: String, endsWithTehMarbuta: Bool = false,
                      language: TextLanguage = .unknown, isQuery: Bool = false) -> [String] {
        let scalars = term.unicodeScalars.map(\.value)
        var result: [String] = []
        scalars.withUnsafeBufferPointer { word in
            stems(of: word, endsWithTehMarbuta: endsWithTehMarbuta, language: language, isQuery: isQuery) { stem in
                var text = String.UnicodeScalarView()
                if stem.prependsArticle { text.append(contentsOf: "ال".unicodeScalars) }
                for value in word[stem.start..<stem.end] { text.append(Unicode.Scalar(value)!) }
                if stem.appendsHeh { text.append(Unicode.Scalar(Letter.heh)!) }
                result.append(String(text))
            }
        }
        return result
    }

    // MARK: Arabic

    private func arabicStems(_ word: UnsafeBufferPointer<UInt32>, endsWithTehMarbuta: Bool,
                             minimumAfterLetterPrefix: Int, into found: inout StemSet) {
        let count = word.count
        // The article and its prefixes: at most one of these, longest first.
        for article in Self.articles where Self.hasPrefix(word, article) && count - article.count >= 2 {
            let endsWithLamLam = article.count >= 2 && article[article.count - 1] == Letter.lam
                && article[article.count - 2] == Letter.lam
            if endsWithLamLam && word[article.count] == Letter.lam { break } // three lams
            suffixStems(word, from: article.count, afterArticle: true,
                        endsWithTehMarbuta: endsWithTehMarbuta, into: &found)
            if article.count > 2, word[article.count - 2] == Letter.alef {
                // والكتاب and بالكتاب are also الكتاب with a clitic: a query الكتاب finds them.
                found.insert(Stem(start: article.count - 2, end: count, appendsHeh: false))
            } else if endsWithLamLam {
                found.insert(Stem(start: article.count, end: count, appendsHeh: false, prependsArticle: true))
            }
            if endsWithLamLam {
                // لل is ل + ال, or ل before a word that starts with ل (للاعب = ل + لاعب).
                suffixStems(word, from: article.count - 1, afterArticle: false,
                            endsWithTehMarbuta: endsWithTehMarbuta, into: &found)
            }
            return
        }
        var start = 0
        suffixStems(word, from: 0, afterArticle: false, endsWithTehMarbuta: endsWithTehMarbuta, into: &found)
        if word[start] == Letter.waw || word[start] == Letter.feh, count - start - 1 >= minimumAfterLetterPrefix {
            start += 1
            suffixStems(word, from: start, afterArticle: false, endsWithTehMarbuta: endsWithTehMarbuta, into: &found)
        }
        if word[start] == Letter.beh || word[start] == Letter.kaf || word[start] == Letter.lam,
           count - start - 1 >= minimumAfterLetterPrefix {
            start += 1
            suffixStems(word, from: start, afterArticle: false, endsWithTehMarbuta: endsWithTehMarbuta, into: &found)
        }
    }

    private func suffixStems(_ word: UnsafeBufferPointer<UInt32>, from start: Int, afterArticle: Bool,
                             endsWithTehMarbuta: Bool, into found: inout StemSet) {
        let end = word.count
        found.insert(Stem(start: start, end: end, appendsHeh: false))
        if endsWithTehMarbuta {
            if Self.isAdjectivePattern(word, start, end - 1) {
                found.insert(Stem(start: start, end: end - 1, appendsHeh: false))
            }
            return
        }
        guard end - start >= 3 else { return }
        var withoutPronoun = end
        for pronoun in Self.pronouns where Self.hasSuffix(word, start, end, pronoun) && end - start - pronoun.count >= 3 {
            if afterArticle && pronoun.count == 1 && (pronoun[0] == Letter.yeh || pronoun[0] == Letter.heh) { continue }
            withoutPronoun = end - pronoun.count
            found.insert(Stem(start: start, end: withoutPronoun, appendsHeh: false))
            break
        }
        // Inflectional endings, on the word and on the word without its pronoun.
        for pass in 0..<2 {
            if pass == 1 && withoutPronoun == end { break }
            let baseEnd = pass == 0 ? end : withoutPronoun
            for ending in Self.inflections where Self.hasSuffix(word, start, baseEnd, ending) && baseEnd - start - ending.count >= 3 {
                if afterArticle && ending.count == 1 && ending[0] == Letter.yeh { break }
                // سوريا, روسيا, ايطاليا: a final ا after ي is part of the name (and حاليا, رسميا
                // are words of their own), not the accusative of سوري.
                if ending.count == 1 && ending[0] == Letter.alef && word[baseEnd - 2] == Letter.yeh { break }
                if ending.count == 2 && ending[1] == Letter.noon {
                    // Plurals and duals in ان ين ون need a stem of four letters (لاعبون, موظفين),
                    // so قانون, زيتون and لبنان stay whole; names in ان are listed.
                    if baseEnd - start - 2 < 4 || Self.isProtected(word, start, baseEnd, among: Self.anLookalikes) { break }
                }
                let stemEnd = baseEnd - ending.count
                if ending == Self.feminineSoundPlural {
                    found.insert(Stem(start: start, end: stemEnd, appendsHeh: true))
                    if !Self.isAdjectivePattern(word, start, stemEnd) {
                        found.insert(Stem(start: start, end: stemEnd, appendsHeh: false))
                    }
                } else {
                    found.insert(Stem(start: start, end: stemEnd, appendsHeh: false))
                }
                break
            }
        }
        // A ت bared by a suffix is the ة of the singular: دولتهم, دولتين → دوله.
        var index = 0
        while index < found.count {
            let stem = found[index]
            if stem.start == start, !stem.appendsHeh, stem.end < end, stem.end - start >= 4,
               word[stem.end - 1] == Letter.teh {
                found.insert(Stem(start: start, end: stem.end - 1, appendsHeh: true))
            }
            index += 1
        }
    }

    /// فعيل, فاعل and مفعول: adjectives and participles, whose ة is the feminine ending.
    private static func isAdjectivePattern(_ word: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> Bool {
        switch end - start {
        case 4: return word[start + 2] == Letter.yeh || word[start + 1] == Letter.alef
        case 5: return word[start] == Letter.meem && word[start + 3] == Letter.waw
        default: return false
        }
    }

    // MARK: Persian

    private func persianStems(_ word: UnsafeBufferPointer<UInt32>, into found: inout StemSet) {
        var end = word.count
        if Self.hasPrefix(word, Self.mi) || Self.hasPrefix(word, Self.nemi) {
            // A verb: only a plural ها can follow (میوه‌ها); person endings belong to the verb.
            for plural in Self.persianPlurals where Self.hasSuffix(word, 0, end, plural) && end - plural.count >= 3 {
                found.insert(Stem(start: 0, end: end - plural.count, appendsHeh: false))
                break
            }
            return
        }
        for plural in Self.persianPlurals where Self.hasSuffix(word, 0, end, plural) && end - plural.count >= 2 {
            found.insert(Stem(start: 0, end: end - plural.count, appendsHeh: false))
            break
        }
        if word[end - 1] == Letter.reh || word[end - 1] == Letter.noon, !Self.isProtected(word, among: Self.comparativeLookalikes) {
            for comparative in Self.comparatives where Self.hasSuffix(word, 0, end, comparative) && end - comparative.count >= 2 {
                found.insert(Stem(start: 0, end: end - comparative.count, appendsHeh: false))
                break
            }
        }
        // After a final ه: ezafe ی/ای and the pronouns ام/اش (خانه‌ای، خانه‌اش).
        for clitic in Self.afterHeh where Self.hasSuffix(word, 0, end, clitic) && end - clitic.count >= 3
            && word[end - clitic.count - 1] == Letter.heh {
            found.insert(Stem(start: 0, end: end - clitic.count, appendsHeh: false))
            break
        }
        // The plural possessives after a consonant (کشورمان، کتابشان); words that only end like
        // them (سازمان، نشان، زمستان) are among the ان words that are not plurals.
        if end >= 6 && word[end - 2] == Letter.alef && word[end - 1] == Letter.noon {
            for possessive in Self.pluralPossessives where Self.hasSuffix(word, 0, end, possessive) {
                if !Self.isLongVowel(word[end - 4]) && word[end - 4] != Letter.heh
                    && !Self.hasSuffix(word, 0, end, Self.stan) && !Self.isProtected(word, among: Self.anLookalikes) {
                    found.insert(Stem(start: 0, end: end - 3, appendsHeh: false))
                }
                break
            }
        }
        if end >= 6 && Self.hasSuffix(word, 0, end, Self.anYeh) && !Self.isProtected(word, 0, end - 1, among: Self.anLookalikes) {
            end -= 1 // بازیکنانی: the plural, then an indefinite ی
        }
        if end >= 6 && Self.hasSuffix(word, 0, end, Self.yehAlefNoon) {
            found.insert(Stem(start: 0, end: end - 3, appendsHeh: false)) // دانشجویان
        } else if end >= 5 && Self.hasSuffix(word, 0, end, Self.alefNoon)
                    && !Self.isProtected(word, 0, end, among: Self.anLookalikes)
                    && !Self.hasSuffix(word, 0, end, Self.stan) {
            found.insert(Stem(start: 0, end: end - 2, appendsHeh: false))
        }
    }

    /// Readings that only a question searches, as related forms (they weigh half): the indefinite
    /// or adjectival ی and یی (ویتامینی → ویتامین, دارویی → دارو). Documents do not get them: a
    /// final ی is as often the word's own (کشتی is not کشت), so a plain query must not find it
    /// through one, but a question can use it as weak evidence.
    private func persianQueryStems(_ word: UnsafeBufferPointer<UInt32>, into found: inout StemSet) {
        let end = word.count
        guard end >= 4, !Self.hasPrefix(word, Self.mi), !Self.hasPrefix(word, Self.nemi) else { return }
        let last = word[end - 1], beforeLast = word[end - 2]
        if last == Letter.yeh {
            if beforeLast == Letter.yeh, Self.isLongVowel(word[end - 3]) {
                found.insert(Stem(start: 0, end: end - 2, appendsHeh: false)) // دارویی → دارو
            } else if Self.isLongVowel(beforeLast) {
                found.insert(Stem(start: 0, end: end - 1, appendsHeh: false)) // غذای → غذا
            } else if beforeLast != Letter.heh && beforeLast != Letter.yeh {
                found.insert(Stem(start: 0, end: end - 1, appendsHeh: false)) // ویتامینی → ویتامین
            }
        }
    }

    private static func isLongVowel(_ letter: UInt32) -> Bool { letter == Letter.alef || letter == Letter.waw }

    // MARK: Word lists (folded letters)

    enum Letter {
        static let alef: UInt32 = 0x0627, beh: UInt32 = 0x0628, teh: UInt32 = 0x062A
        static let dal: UInt32 = 0x062F, reh: UInt32 = 0x0631, seen: UInt32 = 0x0633
        static let sheen: UInt32 = 0x0634, feh: UInt32 = 0x0641, kaf: UInt32 = 0x0643
        static let lam: UInt32 = 0x0644, meem: UInt32 = 0x0645, noon: UInt32 = 0x0646
        static let heh: UInt32 = 0x0647, waw: UInt32 = 0x0648, yeh: UInt32 = 0x064A
    }

    private static func letters(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    static let articles = ["وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "ال", "لل"].map(letters)
    static let pronouns = ["هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ني", "ه", "ك", "ي"].map(letters)
    static let inflections = ["ات", "ين", "ون", "ان", "و", "ي", "ا"].map(letters)
    static let feminineSoundPlural = letters("ات")
    static let arabicFunctionWords = ["الله", "اللهم", "الذي", "التي", "الذين", "اللذان", "اللتان",
                                          "اللاتي", "اللواتي", "الا", "الي", "الان", "اليوم"].map(letters)

    static let mi = letters("مي"), nemi = letters("نمي")
    static let persianPlurals = ["هايشان", "هايتان", "هايمان", "هايش", "هايت", "هايم", "هايي", "هاي", "ها"].map(letters)
    static let comparatives = ["ترين", "تر"].map(letters)
    static let comparativeLookalikes = ["دختر", "دفتر", "بستر", "كبوتر", "انگشتر", "چتر", "شتر", "اختر", "كتر"].map(letters)
    static let afterHeh = ["اش", "ام", "اي", "ي"].map(letters)
    static let pluralPossessives = ["مان", "تان", "شان"].map(letters)
    static let anYeh = letters("اني"), yehAlefNoon = letters("يان"), alefNoon = letters("ان"), stan = letters("ستان")
    /// Persian words that end in ان without being plurals.
    static let anLookalikes = [
        "ايران", "تهران", "اسمان", "زمان", "انسان", "جهان", "ميدان", "خيابان", "زبان", "نشان", "امكان",
        "جريان", "بيان", "پايان", "باران", "ايمان", "درمان", "سازمان", "پيمان", "قهرمان", "ساختمان",
        "زندان", "ميزان", "مسلمان", "لبنان", "يونان", "المان", "اصفهان", "كرمان", "همدان", "گيلان",
        "سلطان", "رمان", "ايشان", "انان", "جوان", "مهمان", "ميهمان", "دوران", "ديوان", "عنوان", "ميان",
        "امان", "مكان", "پنهان", "توان", "جان", "نان", "خان", "روان", "اسان", "ارزان", "گران", "فراوان",
        "پهلوان", "كاروان", "نگران", "بحران", "اذربايجان", "خراسان", "كردستان", "گيلان", "مازندران",
        "سودان", "عمان", "اردن", "يمان", "رحمان", "قران", "فرمان", "دامان", "ايوان", "همچنان", "چنان",
        "زمستان", "تابستان", "بهمان", "درخشان", "پريشان", "همزمان", "سليمان", "كهكشان", "خاندان",
        // Arabic names and words in ان, ين, ون that are not plurals or duals.
        "يابان", "باكستان", "افغانستان", "اذربيجان", "طهران", "عثمان", "رمضان", "شعبان", "عدنان",
        "مروان", "سلمان", "غسان", "نعمان", "حسان", "عمران", "شيطان", "برلمان", "بركان", "حيوان",
        "احسان", "لسان", "بستان", "فلسطين", "ياسين", "بنيامين", "تشرين", "سلاطين", "ميادين", "قوانين",
        "براكين", "دواوين", "عناوين", "شياطين", "بساتين", "فنجان", "ثعبان", "طوفان", "بنيان", "عنوان",
    ].map(letters)

    private static func hasPrefix(_ word: UnsafeBufferPointer<UInt32>, _ prefix: [UInt32]) -> Bool {
        guard word.count >= prefix.count else { return false }
        for index in 0..<prefix.count where word[index] != prefix[index] { return false }
        return true
    }

    private static func hasSuffix(_ word: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int, _ suffix: [UInt32]) -> Bool {
        guard end - start >= suffix.count else { return false }
        let offset = end - suffix.count
        for index in 0..<suffix.count where word[offset + index] != suffix[index] { return false }
        return true
    }

    private static func isProtected(_ word: UnsafeBufferPointer<UInt32>, among words: [[UInt32]]) -> Bool {
        isProtected(word, 0, word.count, among: words)
    }

    /// A linear scan: the lists are short and only consulted for words with the matching ending.
    private static func isProtected(_ word: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int,
                                    among words: [[UInt32]]) -> Bool {
        candidates: for candidate in words where candidate.count == end - start {
            for index in 0..<candidate.count where candidate[index] != word[start + index] { continue candidates }
            return true
        }
        return false
    }
}

/// A small set of stems without heap allocation: a word has at most a few dozen readings.
struct StemSet {
    private var storage: (LightStemmer.Stem, LightStemmer.Stem, LightStemmer.Stem, LightStemmer.Stem,
                          LightStemmer.Stem, LightStemmer.Stem, LightStemmer.Stem, LightStemmer.Stem,
                          LightStemmer.Stem, LightStemmer.Stem, LightStemmer.Stem, LightStemmer.Stem,
                          LightStemmer.Stem, LightStemmer.Stem, LightStemmer.Stem, LightStemmer.Stem)
    private(set) var count = 0
    static let capacity = 16

    init() {
        let empty = LightStemmer.Stem(start: 0, end: 0, appendsHeh: false)
        storage = (empty, empty, empty, empty, empty, empty, empty, empty,
                   empty, empty, empty, empty, empty, empty, empty, empty)
    }

    subscript(index: Int) -> LightStemmer.Stem {
        withUnsafeBytes(of: storage) { $0.load(fromByteOffset: index * MemoryLayout<LightStemmer.Stem>.stride,
                                                as: LightStemmer.Stem.self) }
    }

    mutating func insert(_ stem: LightStemmer.Stem) {
        for index in 0..<count where self[index] == stem { return }
        guard count < Self.capacity else { return }
        withUnsafeMutableBytes(of: &storage) {
            $0.storeBytes(of: stem, toByteOffset: count * MemoryLayout<LightStemmer.Stem>.stride,
                          as: LightStemmer.Stem.self)
        }
        count += 1
    }
}
