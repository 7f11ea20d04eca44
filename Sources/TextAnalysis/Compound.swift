/// Compounds, which Arabic and Persian write three ways (روح‌الله, روح الله, روح‌الله; ثبت‌نام,
/// ثبتنام, ثبت نام): the text rules of reading a word as two and two words as one. Whether a
/// reading holds is for the index to say (`SearchIndex.CompoundReader` asks it whether the parts,
/// or the joined word, are words it has).
public enum Compound {
    /// Halves shorter than this are not split off: one letter is never a word of a compound.
    public static let minimumPartLength = 2
    /// Words longer than this, in letters, are not cut.
    public static let maximumLetters = 40

    /// The ways to cut a folded word into two words, each at least `minimumPartLength` letters;
    /// never into two function words, which side by side are a sentence (تو هم), not a compound
    /// (توهم).
    public static func cuts(of term: String) -> [[String]] {
        let letters = Array(term.unicodeScalars)
        guard letters.count >= 2 * minimumPartLength, letters.count <= maximumLetters else { return [] }
        var result: [[String]] = []
        for cut in minimumPartLength...(letters.count - minimumPartLength) {
            var left = String.UnicodeScalarView(), right = String.UnicodeScalarView()
            left.append(contentsOf: letters[..<cut])
            right.append(contentsOf: letters[cut...])
            let parts = [String(left), String(right)]
            if StopWords.contains(parts[0]) && StopWords.contains(parts[1]) { continue }
            result.append(parts)
        }
        return result
    }

    /// The parts a zero-width non-joiner marks in a typed word (آن‌که: ان + كه), folded, when
    /// together they are the word's folded `term`: written with a space, it is the same word
    /// whatever its parts are, function words included.
    public static func partsMarked(in literal: String, term: String) -> [String]? {
        let parts = literal.unicodeScalars.split(separator: "\u{200C}")
        guard parts.count >= 2 else { return nil }
        let analyzer = Analyzer()
        var terms: [String] = []
        for part in parts {
            let words = analyzer.tokens(in: String(String.UnicodeScalarView(part)))
            guard words.count == 1 else { return nil }
            terms.append(words[0].term)
        }
        return terms.joined() == term ? terms : nil
    }
}
