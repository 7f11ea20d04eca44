/// The conjunctions و and ف: words of their own, which Arabic writes attached to the next word
/// (وروسيا is و + روسيا) and which people also type apart (سوريا و روسيا).
///
/// - Standing alone, a conjunction is never the start of the next word: و روسيا is two words,
///   not وروسيا.
/// - Attached, a first و or ف may be one: a query word of five letters or more can be read as the
///   conjunction + a word (وروسيا → روسيا, فالكتاب → الكتاب). Whether it is one is for the index
///   to say (see `SearchIndex.ConjunctionReader`): the letter is the word's own when the word also
///   occurs with the article before it (الوسائل: وسائل is not و + سائل), or when what follows
///   is not a word at all (فرنسا: رنسا).
public enum Conjunction {
    /// و and ف, folded (ؤ folds to و).
    static let letters: [Unicode.Scalar] = ["\u{0648}", "\u{0641}"]

    /// Whether a folded term is a conjunction standing alone.
    public static func isStandalone(_ term: String) -> Bool {
        let scalars = term.unicodeScalars
        return scalars.count == 1 && letters.contains(scalars[scalars.startIndex])
    }

    /// The word after an attached conjunction, if the folded `term` can be read so: it starts
    /// with و or ف and at least `LightStemmer.queryLettersAfterProclitic` letters follow
    /// (وزير and فكرة stay whole).
    public static func wordAfter(_ term: String) -> String? {
        let scalars = term.unicodeScalars
        guard let first = scalars.first, letters.contains(first),
              scalars.count - 1 >= LightStemmer.queryLettersAfterProclitic else { return nil }
        return String(scalars.dropFirst())
    }
}
