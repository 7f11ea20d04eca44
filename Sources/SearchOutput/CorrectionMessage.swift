public import SearchCore

/// What a front end says about a query word read with close spellings (README, "Typos"): the
/// CLI on stderr, the web page above its results.
public enum CorrectionMessage {
    /// `verb` says what is done with the matches: showing, counting, listing.
    public static func text(_ correction: TypoCorrection, verb: String = "showing") -> String {
        let spellings = correction.shownSpellings.joined(separator: ", ")
        guard correction.isSearched else {
            return "no exact match for \(correction.typed); did you mean \(spellings)? "
                + "(-c and -l count words as typed unless --fuzzy)"
        }
        return correction.typedMatchedNothing
            ? "no exact match for \(correction.typed); \(verb) \(spellings)"
            : "also \(verb) close spellings of \(correction.typed): \(spellings)"
    }
}
