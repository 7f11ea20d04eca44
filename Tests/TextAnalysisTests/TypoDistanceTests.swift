import Testing
@testable import TextAnalysis

/// The weighted distance of `TypoDistance`, rule by rule, on folded terms.
@Suite struct TypoDistanceTests {
    /// The distance with no practical limit.
    func distance(_ a: String, _ b: String) -> Double? {
        TypoDistance.distance(a, b, limit: 100)
    }

    // MARK: Costs

    @Test func identicalTermsAreAtZero() {
        #expect(distance("بوتين", "بوتين") == 0)
        #expect(distance("", "") == 0)
        #expect(TypoDistance.distance("كتاب", "كتاب", limit: 0) == 0)
    }

    @Test func confusableLettersCostHalf() {
        #expect(distance("بوطين", "بوتين") == 0.5)   // ت/ط
        #expect(distance("صيف", "سيف") == 0.5)       // س/ص
        #expect(distance("ضلام", "ظلام") == 0.5)     // ض/ظ
        #expect(distance("قال", "كال") == 0.5)       // ق/ك
    }

    /// Every pair inside every group costs 0.5, written with escapes so that ي/ی and ك/ک are
    /// really the letters meant.
    @Test(arguments: [
        "\u{0636}\u{0638}", "\u{0630}\u{0632}\u{0638}", "\u{0633}\u{0635}\u{062B}", "\u{062A}\u{0637}",
        "\u{062F}\u{0630}\u{0636}", "\u{062D}\u{0647}", "\u{0642}\u{063A}\u{0643}", "\u{0627}\u{0639}\u{0621}",
        "\u{0648}\u{0624}", "\u{064A}\u{06CC}\u{0649}", "\u{0647}\u{0629}\u{06C0}", "\u{0643}\u{06A9}",
        "\u{062C}\u{0686}", "\u{0628}\u{067E}", "\u{0632}\u{0698}", "\u{0643}\u{06AF}",
    ])
    func everyPairOfAGroupIsCheap(group: String) {
        let letters = group.unicodeScalars.map { String($0) }
        for first in letters {
            for second in letters where first != second {
                #expect(distance("م" + first + "ن", "م" + second + "ن") == 0.5, "\(first)/\(second)")
            }
        }
    }

    @Test func groupsAreNotTransitive() {
        // ق/ك and ك/گ are cheap, but ق and گ share no group.
        #expect(distance("ق", "ك") == 0.5)
        #expect(distance("ك", "گ") == 0.5)
        #expect(distance("ق", "گ") == 1)
        // ظ is in two groups: with ض and with ذ ز.
        #expect(distance("ظ", "ذ") == 0.5)
        #expect(distance("ض", "ذ") == 0.5)   // through د ذ ض
        #expect(distance("ض", "ز") == 1)
    }

    @Test func ordinarySubstitutionCostsOne() {
        #expect(distance("كتاب", "كباب") == 1)   // ت/ب
        #expect(distance("بوتين", "بوسين") == 1)
        #expect(distance("covid", "kovid") == 1)
    }

    @Test func longVowelsAndHamzaAreCheapToInsertOrDelete() {
        #expect(distance("لافرف", "لافروف") == 0.5)   // dropped و
        #expect(distance("كتب", "كتاب") == 0.5)       // dropped ا
        #expect(distance("بوتن", "بوتين") == 0.5)     // dropped ي
        #expect(distance("شي", "شيء") == 0.5)         // dropped ء
        #expect(distance("", "او") == 1)
    }

    @Test func otherInsertionsAndDeletionsCostOne() {
        #expect(distance("كتاب", "كتابن") == 1)
        #expect(distance("مدرسه", "مدسه") == 1)
        #expect(distance("", "abc") == 3)
        #expect(distance("abc", "") == 3)
    }

    @Test func adjacentTranspositionCostsOne() {
        // ر and س swapped: one edit, not two substitutions (2).
        #expect(distance("مدسره", "مدرسه") == 1)
        #expect(distance("from", "form") == 1)
        // كتبا/كتاب is also 1, by the transposition or by moving the cheap ا.
        #expect(distance("كتبا", "كتاب") == 1)
    }

    @Test func distanceIsSymmetric() {
        let words = ["بوطين", "بوتين", "لافرف", "لافروف", "مدسره", "مدرسه", "كتاب", "كتب", "covid", "kovid", ""]
        for a in words {
            for b in words {
                #expect(distance(a, b) == distance(b, a), "\(a) / \(b)")
            }
        }
    }

    // MARK: Scalars

    @Test func lettersAreScalarsNotBytes() {
        // Arabic letters are two UTF-8 bytes, yet replacing one is a single edit.
        #expect(distance("بوتين", "بوسين") == 1)
        // A one-byte letter against a two- and a three-byte one.
        #expect(distance("a", "ب") == 1)
        #expect(distance("a€", "ب€") == 1)
        // A four-byte scalar is one letter too.
        #expect(distance("x\u{1F600}y", "xy") == 1)
    }

    @Test func lettersAreScalarsNotCharacters() {
        // é written as e + combining acute is two scalars: deleting the mark is one edit, although
        // both strings have four Characters that differ in one.
        #expect(distance("cafe\u{0301}", "cafe") == 1)
        #expect(distance("cafe\u{0301}", "caf\u{00E9}") == 2)
    }

    // MARK: Limit

    @Test func limitIsInclusive() {
        #expect(TypoDistance.distance("كتاب", "كباب", limit: 1) == 1)
        #expect(TypoDistance.distance("كتاب", "كباب", limit: 0.5) == nil)
        #expect(TypoDistance.distance("بوطين", "بوتين", limit: 0.5) == 0.5)
        #expect(TypoDistance.distance("بوطين", "بوتين", limit: 0.7) == 0.5)
    }

    @Test func exceedingTheLimitGivesNil() {
        // Same length, nothing in common: stops after the first rows.
        #expect(TypoDistance.distance("كتاب", "مدرس", limit: 1) == nil)
        // Length difference alone exceeds the limit.
        #expect(TypoDistance.distance("كتاب", "كتابخانه", limit: 1.5) == nil)
        #expect(TypoDistance.distance("abc", "", limit: 2.5) == nil)
        #expect(TypoDistance.distance("abc", "", limit: 3) == 3)
        // A negative or NaN limit admits nothing.
        #expect(TypoDistance.distance("كتاب", "كتاب", limit: -1) == nil)
        #expect(TypoDistance.distance("كتاب", "كتاب", limit: .nan) == nil)
        #expect(TypoDistance.distance("كتاب", "كتاب", limit: .infinity) == 0)
    }

    @Test func preparedQueryMatchesTheStaticForm() {
        let query = TypoDistance("بوطين")
        #expect(query.letters == "بوطين".unicodeScalars.map(\.value))
        #expect(query.distance(to: "بوتين", limit: 1) == 0.5)
        #expect(query.distance(to: "مدرسه", limit: 1) == nil)
        let other = "لافروف".unicodeScalars.map(\.value)
        other.withUnsafeBufferPointer { buffer in
            #expect(TypoDistance(letters: "لافرف".unicodeScalars.map(\.value)).distance(to: buffer, limit: 1) == 0.5)
        }
    }

    /// The band and the early exit never change an answer: compare with the full table on
    /// pseudo-random words over a small alphabet of cheap, confusable and ordinary letters.
    @Test func bandedDistanceAgreesWithTheFullTable() {
        let alphabet = Array("اويءتطكقگسصبنمر".unicodeScalars)
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<3000 {
            let a = String(String.UnicodeScalarView((0..<Int.random(in: 0...7, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }))
            var b = String.UnicodeScalarView(a.unicodeScalars)
            // Mostly near words, sometimes unrelated ones.
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let letter = alphabet.randomElement(using: &generator)!
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: b.insert(letter, at: b.index(b.startIndex, offsetBy: Int.random(in: 0...b.count, using: &generator)))
                case 1 where !b.isEmpty: b.remove(at: b.index(b.startIndex, offsetBy: Int.random(in: 0..<b.count, using: &generator)))
                default:
                    if !b.isEmpty {
                        let index = b.index(b.startIndex, offsetBy: Int.random(in: 0..<b.count, using: &generator))
                        b.replaceSubrange(index...index, with: [letter])
                    }
                }
            }
            let other = String(b)
            let expected = Self.fullDistance(a, other)
            for limit in [0, 0.5, 1, 1.5, 2, 3] {
                let banded = TypoDistance.distance(a, other, limit: limit)
                #expect(banded == (expected <= limit ? expected : nil), "\(a) / \(other) limit \(limit)")
            }
        }
    }

    /// The textbook optimal string alignment table, with the same costs and no shortcuts.
    static func fullDistance(_ a: String, _ b: String) -> Double {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        let cheapIndel = Set("اويء".unicodeScalars)
        let groups = TypoDistance.confusionGroups.map { Set($0.unicodeScalars) }
        func indel(_ s: Unicode.Scalar) -> Double { cheapIndel.contains(s) ? 0.5 : 1 }
        func substitution(_ s: Unicode.Scalar, _ t: Unicode.Scalar) -> Double {
            s == t ? 0 : (groups.contains { $0.contains(s) && $0.contains(t) } ? 0.5 : 1)
        }
        var d = [[Double]](repeating: [Double](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0..<x.count { d[i + 1][0] = d[i][0] + indel(x[i]) }
        for j in 0..<y.count { d[0][j + 1] = d[0][j] + indel(y[j]) }
        for i in stride(from: 1, through: x.count, by: 1) {
            for j in stride(from: 1, through: y.count, by: 1) {
                var cell = min(d[i - 1][j - 1] + substitution(x[i - 1], y[j - 1]),
                               d[i - 1][j] + indel(x[i - 1]), d[i][j - 1] + indel(y[j - 1]))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    cell = min(cell, d[i - 2][j - 2] + 1)
                }
                d[i][j] = cell
            }
        }
        return d[x.count][y.count]
    }

    // MARK: Candidates

    @Test func allowedDistanceGrowsWithLength() {
        #expect(TypoCandidates.allowedDistance(letterCount: 0) == nil)
        #expect(TypoCandidates.allowedDistance(letterCount: 2) == nil)
        #expect(TypoCandidates.allowedDistance(letterCount: 3) == 1)
        #expect(TypoCandidates.allowedDistance(letterCount: 4) == 1)
        #expect(TypoCandidates.allowedDistance(letterCount: 5) == 1.5)
        #expect(TypoCandidates.allowedDistance(letterCount: 7) == 1.5)
        #expect(TypoCandidates.allowedDistance(letterCount: 8) == 2)
        #expect(TypoCandidates.allowedDistance(letterCount: 30) == 2)
    }

    let vocabulary: [(term: String, frequency: Int)] = [
        ("بوطين", 3), ("بوتين", 120), ("بوسين", 40), ("لافروف", 60), ("لافرنس", 9), ("موسكو", 80),
        ("كتاب", 200), ("كتب", 90), ("كطاب", 2), ("كتابي", 15), ("كباب", 30), ("في", 5000), ("فو", 4),
        ("covid", 10), ("kovid", 7), ("cold", 50), ("2020", 70), ("2021", 60),
    ]

    func closest(_ query: String, _ vocabulary: [(term: String, frequency: Int)], total: Int = 0, count: Int = 3)
        -> [String]
    {
        TypoCandidates.closest(to: query, in: vocabulary, totalPassages: total, maximumCount: count).map(\.term)
    }

    @Test func picksTheCheapConfusionOverOrdinaryEdits() {
        // بوتين is 0.5 away (ت/ط) and a spelling variant; بوسين (1, another word) needs ten times
        // the passages per half unit to rank above it, and has a third of them.
        #expect(TypoCandidates.closest(to: "بوطين", in: vocabulary)
            == [.init(term: "بوتين", frequency: 120, distance: 0.5, isVariant: true)])
        #expect(closest("بوطين", vocabulary) == ["بوتين", "بوسين"])
        #expect(TypoCandidates.closest(to: "لافرف", in: vocabulary)
            == [.init(term: "لافروف", frequency: 60, distance: 0.5, isVariant: true)])
    }

    @Test func aMuchCommonerWordHalfAUnitFartherRanksFirst() {
        // بوسين is 0.5 farther than بوتين but in 500 times the passages: more than ten times per half unit.
        #expect(closest("بوطين", [("بوتين", 2), ("بوسين", 1000)]) == ["بوسين", "بوتين"])
        #expect(closest("بوطين", [("بوتين", 2), ("بوسين", 1000)], count: 1) == ["بوسين"])
        #expect(closest("بوطين", [("بوتين", 200), ("بوسين", 1000)], count: 1) == ["بوتين"])
    }

    @Test func rankedByWeightThenTerm() {
        // كتب (dropped ا), كطاب (ت/ط) and كتابي (added ي) are all 0.5 from كتاب, ranked by their
        // passages; كباب (1) is another word of a four-letter query, never a candidate.
        #expect(closest("كتاب", vocabulary) == ["كتب", "كتابي", "كطاب"])
        #expect(closest("كتاب", vocabulary, count: 1) == ["كتب"])
        #expect(closest("كتاب", vocabulary, count: 0).isEmpty)
        // Equal weights: by term (as bytes).
        let even: [(term: String, frequency: Int)] = [("كطاب", 1), ("كتب", 1), ("كتابي", 1)]
        #expect(closest("كتاب", even) == ["كتابي", "كتب", "كطاب"])
    }

    @Test func theQueryItselfAndFunctionWordsAreNeverCandidates() {
        #expect(closest("بوطين", [(term: "بوطين", frequency: 1000)]).isEmpty)
        #expect(!closest("كتاب", vocabulary).contains("كتاب"))
        // الذين is one letter from الذبن and common, but it would match nearly everything.
        #expect(closest("الذبن", [(term: "الذين", frequency: 5000)]).isEmpty)
        #expect(closest("الذبن", [(term: "الدين", frequency: 5000)]) == ["الدين"])
    }

    @Test func shortTermsAndNumbersGetNoCandidates() {
        #expect(closest("في", vocabulary).isEmpty)
        #expect(closest("فو", [("في", 10), ("فوق", 10)]).isEmpty)
        #expect(closest("2020", vocabulary).isEmpty)
    }

    @Test func lengthDifferenceBeyondTheLimitIsSkipped() {
        // Two cheap insertions make 1.0, within the distance allowed for four letters, but two
        // added letters are more than that distance allows.
        #expect(TypoDistance.distance("كتاب", "كتابوا", limit: 1) == 1)
        #expect(closest("كتاب", [("كتابوا", 100)]).isEmpty)
        // Eight letters allow two.
        #expect(TypoCandidates.closest(to: "مستشفيات", in: [("مستشفياتنا", 100)]).map(\.distance) == [1.5])
    }

    @Test func shortWordsAreOnlyReadAsSpellingVariants() {
        // شجره and شكره are one full edit apart (ج/ك): another word, never offered for four letters,
        // however common; a five-letter word may be read as another word.
        #expect(closest("شجره", [("شكره", 1000)]).isEmpty)
        #expect(closest("شجرات", [("شكرات", 1000)]) == ["شكرات"])
        // Spelling variants of a four-letter word are candidates.
        #expect(closest("صيفي", [("سيفي", 1)]) == ["سيفي"])
        // A caller may ask for spelling variants only.
        let words: [(term: String, frequency: Int)] = [("شكرات", 1000), ("شجيرات", 1)]
        #expect(closest("شجرات", words, count: 1) == ["شكرات"])
        #expect(TypoCandidates.closest(to: "شجرات", in: words, allowsOtherWords: false).map(\.term) == ["شجيرات"])
    }

    @Test func rareCandidatesAreLeftAloneTheFartherTheyAre() {
        // At 0.5 one passage is enough in a small index; at 1 it takes 10, at 1.5 100.
        #expect(closest("بوطين", [("بوتين", 1)]) == ["بوتين"])
        #expect(closest("بوتسين", [("بوتين", 9)]).isEmpty)
        #expect(closest("بوتسين", [("بوتين", 10)]) == ["بوتين"])
        // Stacked cheap edits count as much: ذ/ظ and a dropped ي make 1.
        #expect(closest("ونذيرا", [("ونظرا", 9)]).isEmpty)
        #expect(closest("ونذيرا", [("ونظرا", 10)]) == ["ونظرا"])
        // A larger index asks more: one passage in 20,000 at 0.5.
        #expect(TypoCandidates.minimumPassages(units: 1, totalPassages: 200_000) == 10)
        #expect(TypoCandidates.minimumPassages(units: 2, totalPassages: 200_000) == 100)
        #expect(closest("بوطين", [("بوتين", 9)], total: 200_000).isEmpty)
        #expect(closest("بوطين", [("بوتين", 10)], total: 200_000) == ["بوتين"])
    }

    @Test func latinTermsToo() {
        #expect(closest("covid", vocabulary).isEmpty)   // kovid: 7 passages, 10 needed at 1
        #expect(closest("covid", [("kovid", 10)]) == ["kovid"])
        #expect(closest("covid", [("kovid", 9)]).isEmpty)
    }
}
