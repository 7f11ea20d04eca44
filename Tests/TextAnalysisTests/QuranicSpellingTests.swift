import Testing
@testable import TextAnalysis

/// Issue 18: every rule of `QuranicSpelling`, as a token table (Uthmani word → its modern reading,
/// folded), and the words whose terms must not change.
@Suite struct QuranicSpellingTests {
    /// The colocated reading terms a document word gets beyond its folded form and stems.
    func readings(_ word: String) -> [String] {
        var text = word
        var surface: String?
        var result: [String] = []
        text.withUTF8 { utf8 in
            IndexTerms().generate(utf8: utf8) { term, _, _, colocated in
                let value = String(decoding: term, as: UTF8.self)
                if !colocated {
                    surface = value
                } else if let first = value.utf8.first, !IndexTerms.isStemMarker(first), value != surface {
                    result.append(value)
                }
            }
        }
        return result
    }

    @Test(arguments: [
        // superscript (dagger) alef after a letter
        ("ٱلْكِتَـٰبِ", ["الكتاب"]), ("مَـٰلِكِ", ["مالك"]), ("ٱلْعَـٰلَمِينَ", ["العالمين"]),
        ("ٱلْإِنسَـٰنَ", ["الانسان"]), ("ٱلْمَلَـٰٓئِكَةُ", ["الملايكه"]),
        // …on a waw with no vowel: it replaces the waw; with a vowel: it follows it
        ("ٱلصَّلَوٰةَ", ["الصلاه"]), ("ٱلزَّكَوٰةَ", ["الزكاه"]), ("ٱلْحَيَوٰةَ", ["الحياه"]),
        ("ٱلسَّمَـٰوَٰتِ", ["السماوات"]), ("وَٰحِدٌ", ["واحد"]), ("أَمْوَٰلِهِمْ", ["اموالهم"]),
        // …on ى inside the word (at the end ى already reads ā)
        ("أَدْرَىٰكَ", ["ادراك"]), ("ٱلتَّوْرَىٰةَ", ["التوراه"]),
        // small high yeh; small waw and small yeh except after ه
        ("إِبْرَٰهِـۧمَ", ["ابراهيم"]), ("يُحْـِۧىَ", ["يحيي"]), ("دَاوُۥدَ", ["داوود"]),
        ("وَيَسْتَحْىِۦ", ["ويستحيي"]),
        // hamza written alone
        ("ءَامَنُوا۟", ["امنوا"]), ("ٱلْقُرْءَانُ", ["القران"]), ("إِسْرَٰٓءِيلَ", ["اسراييل"]),
        ("يَسْتَهْزِءُونَ", ["يستهزيون"]), ("رَءُوفٌ", ["رووف"]), ("أَرَءَيْتَكُمْ", ["ارايتكم"]),
        ("أَءِذَا", ["ااذا"]),
        // hamza above on a tatweel
        ("شَيْـًٔا", ["شييا"]), ("ٱلسَّيِّـَٔاتِ", ["السييات"]), ("بِـَٔايَـٰتِنَا", ["باياتنا"]),
        ("مُتَّكِـِٔينَ", ["متكيين"]), ("يَسْـَٔلُونَكَ", ["يسالونك"]), ("وَطْـًٔا", ["وطيا"]),
        ("مَسْـُٔولًا", ["مسيولا"]),
        // ؤ and a silent alef at the end
        ("ٱلْمَلَؤُا۟", ["الملا"]), ("يَبْدَؤُا۟", ["يبدا"]),
        // the article's lam merged into a word's lam (not the relative pronouns)
        ("ٱلَّيْلَ", ["الليل"]), ("ٱلَّـٰتِى", ["اللاتي"]), ("ٱلَّذَانِ", ["اللذان"]),
        // particles written joined to the next word: both words
        ("يَـٰٓأَيُّهَا", ["يا", "ايها"]), ("يَـٰقَوْمِ", ["يا", "قوم"]), ("هَـٰٓأَنتُمْ", ["ها", "انتم"]),
        // a silent alef after an alef
        ("ٱلرِّبَوٰا۟", ["الربا"]),
        // older printings, without marks: a closed list
        ("الصلوة", ["الصلاه"]), ("والزكوة", ["والزكاه"]), ("الحيوة", ["الحياه"]), ("مشكوة", ["مشكاه"]),
    ])
    func aRuleGivesTheModernReading(word: String, expected: [String]) {
        #expect(readings(word) == expected, "\(word)")
    }

    /// Words whose modern spelling has no alef for the dagger either keep their own folded term,
    /// and modern spelling, vocalised or not, gets no reading at all: its terms are what they were.
    @Test(arguments: [
        "هذا", "هذه", "ذلك", "الرحمن", "إله", "لكن", "أولئك", "طه", "هؤلاء",
        "هَذَا", "ذَلِكَ", "الرَّحْمَنِ", "إِلَهٌ", "لَكِنْ", "أُولَئِكَ", "هَؤُلَاءِ",
        "قوة", "دعوة", "ثروة", "خطوة", "الذين", "التي", "الَّذِينَ", "الَّتِي", "جَاءَتْ", "قراءات", "سماء",
        "مسؤول", "الليل", "شيء", "شَيْءٌ", "القرآن", "آمنوا",
    ])
    func modernSpellingGetsNoReading(word: String) {
        #expect(readings(word).isEmpty, "\(word)")
    }

    @Test(arguments: [
        ("هَـٰذَا", "هذا"), ("ذَٰلِكَ", "ذلك"), ("ٱلرَّحْمَـٰنِ", "الرحمن"), ("إِلَـٰهٌ", "اله"),
        ("لَـٰكِنَّ", "لكن"), ("أُو۟لَـٰٓئِكَ", "اوليك"), ("طه", "طه"), ("هَـٰٓؤُلَآءِ", "هولاء"),
    ])
    func wordsWrittenWithoutAlefInModernSpellingKeepTheirFoldedTerm(word: String, folded: String) {
        var text = word
        var surface: String?
        text.withUTF8 { utf8 in
            IndexTerms().generate(utf8: utf8) { term, _, _, colocated in
                if !colocated { surface = String(decoding: term, as: UTF8.self) }
            }
        }
        #expect(surface == folded)
    }

    @Test func theReadingSpansTheWholeOriginalWord() {
        var text = "ذَٰلِكَ ٱلْكِتَـٰبُ لَا رَيْبَ"
        var spans: [(String, Int, Int)] = []
        text.withUTF8 { utf8 in
            IndexTerms().generate(utf8: utf8) { term, start, end, _ in
                spans.append((String(decoding: term, as: UTF8.self), start, end))
            }
        }
        let word = Array("ذَٰلِكَ ".utf8).count
        let end = word + Array("ٱلْكِتَـٰبُ".utf8).count
        #expect(spans.contains { $0.0 == "الكتاب" && $0.1 == word && $0.2 == end })
        #expect(spans.contains { $0.0 == "الكتب" && $0.1 == word && $0.2 == end })
    }

    @Test func aQueryWordTypedInUthmaniSpellingReadsAsModernSpelling() {
        #expect(QuranicSpelling.modernReadings(ofWord: "ٱلصَّلَوٰةَ", folded: "الصلوه") == ["الصلاه"])
        #expect(QuranicSpelling.modernReadings(ofWord: "يَـٰٓأَيُّهَا", folded: "يايها") == ["ايها"])
        #expect(QuranicSpelling.modernReadings(ofWord: "الكتاب", folded: "الكتاب").isEmpty)
        #expect(QuranicSpelling.modernReadings(ofWord: "کتاب ها", folded: "كتابها").isEmpty)
    }
}
