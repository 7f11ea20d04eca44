import Testing
@testable import TextAnalysis

/// The typo-lookup key: cheap edits never change it, one full edit changes it by one edit at most.
@Suite struct TypoSkeletonTests {
    @Test func longVowelsHamzaAndAinAreLeftOut() {
        #expect(TypoSkeleton.of("لافروف") == TypoSkeleton.of("لافرف"))
        #expect(TypoSkeleton.of("كتاب") == TypoSkeleton.of("كتب"))
        #expect(TypoSkeleton.of("شيء") == TypoSkeleton.of("ش"))
        // ع is confused with ا, so it goes with it.
        #expect(TypoSkeleton.of("عمر") == TypoSkeleton.of("امر"))
        #expect(TypoSkeleton.of("اوي") == "")
    }

    @Test func confusableLettersBecomeOne() {
        #expect(TypoSkeleton.of("بوطين") == TypoSkeleton.of("بوتين"))
        #expect(TypoSkeleton.of("صيف") == TypoSkeleton.of("سيف"))
        #expect(TypoSkeleton.of("ضلام") == TypoSkeleton.of("ظلام"))
        // Linked through a shared letter: ق/ك and ك/گ, so ق and گ too (a superset is harmless).
        #expect(TypoSkeleton.of("قرم") == TypoSkeleton.of("گرم"))
        #expect(TypoSkeleton.of("حمل") == TypoSkeleton.of("همل"))
    }

    @Test func otherLettersAndOtherScriptsStay() {
        #expect(TypoSkeleton.of("covid") == "covid")
        #expect(TypoSkeleton.of("كتاب") != TypoSkeleton.of("كباب"))
        #expect(TypoSkeleton.of("2020") == "2020")
    }

    @Test func neighboursAreOneEditAway() {
        let neighbours = Set(TypoSkeleton.neighbours(of: "كتب"))
        #expect(neighbours.contains("كتب"))      // itself
        #expect(neighbours.contains("كب"))       // a deletion
        #expect(neighbours.contains("تكب"))      // a swap
        #expect(neighbours.contains("كنب"))      // a replacement
        #expect(neighbours.contains("كتبم"))     // an insertion
        #expect(!neighbours.contains("كنبم"))    // two edits
        #expect(TypoSkeleton.neighbours(of: "كتب").count == neighbours.count)   // no duplicates
        #expect(TypoSkeleton.neighbours(of: "").contains(""))
        #expect(TypoSkeleton.neighbours(of: "cvd").contains("cod"))
    }

    /// The property the lookup relies on: a word at most one full-cost edit (and any cheap ones)
    /// from another has a skeleton among the other's skeleton's neighbours.
    @Test func oneFullEditAndCheapOnesStayAmongTheNeighbours() {
        let cheap = Array("اويء".unicodeScalars)
        let confusable: [(Unicode.Scalar, Unicode.Scalar)] = [("ت", "ط"), ("س", "ص"), ("ذ", "ز"), ("ح", "ه"), ("ق", "ك"), ("ك", "گ")]
        let letters = Array("ابتثجحخدذرزسشصضطظعغفقكلمنهوي".unicodeScalars)
        var generator = SplitMix64(seed: 0x7E57)
        for _ in 0..<2000 {
            var word = (0..<Int.random(in: 3...8, using: &generator)).map { _ in letters.randomElement(using: &generator)! }
            let original = word
            // One full edit: replace, delete, insert or swap.
            let position = Int.random(in: 0..<word.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: word[position] = letters.randomElement(using: &generator)!
            case 1: word.remove(at: position)
            case 2: word.insert(letters.randomElement(using: &generator)!, at: position)
            default: if position + 1 < word.count { word.swapAt(position, position + 1) }
            }
            // Then cheap ones: long vowels added or dropped, confusable letters exchanged.
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                let at = Int.random(in: 0...word.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: word.insert(cheap.randomElement(using: &generator)!, at: at)
                case 1: if at < word.count, cheap.contains(word[at]) { word.remove(at: at) }
                default:
                    if at < word.count, let pair = confusable.first(where: { $0.0 == word[at] }) { word[at] = pair.1 }
                }
            }
            let typed = String(String.UnicodeScalarView(word)), meant = String(String.UnicodeScalarView(original))
            #expect(TypoSkeleton.neighbours(of: TypoSkeleton.of(meant)).contains(TypoSkeleton.of(typed)),
                    "\(meant) → \(typed)")
        }
    }
}
