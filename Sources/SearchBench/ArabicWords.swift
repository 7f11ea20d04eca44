import TextAnalysis

/// The Arabic-script words of a text, as the query sampler sees them: runs of Arabic letters,
/// their marks (harakat, kept as the text has them) and ZWNJ. Digits, punctuation (، ؛ ؟) and
/// anything outside U+0600–U+06FF end a word.
enum ArabicWords {
    static let zeroWidthNonJoiner: Unicode.Scalar = "\u{200C}"

    static func words(in text: Substring) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                appendTrimmed(current, to: &words)
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { appendTrimmed(current, to: &words) }
        return words
    }

    /// Letters proper: harakat, tatweel and ZWNJ do not count.
    static func letterCount(_ word: String) -> Int {
        word.unicodeScalars.count { $0.properties.generalCategory == .otherLetter }
    }

    /// Whether the folded word is an Arabic or Persian function word.
    static func isStopWord(_ word: String, analyzer: Analyzer) -> Bool {
        StopWords.contains(analyzer.fold(word))
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == zeroWidthNonJoiner { return true }
        guard (0x0600...0x06FF).contains(scalar.value) else { return false }
        switch scalar.properties.generalCategory {
        case .otherLetter, .modifierLetter, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    private static func appendTrimmed(_ scalars: String.UnicodeScalarView, to words: inout [String]) {
        let word = String(scalars).trimmingZeroWidthNonJoiners()
        if !word.isEmpty { words.append(word) }
    }
}

private extension String {
    func trimmingZeroWidthNonJoiners() -> String {
        var scalars = Substring(self).unicodeScalars
        while scalars.first == ArabicWords.zeroWidthNonJoiner { scalars.removeFirst() }
        while scalars.last == ArabicWords.zeroWidthNonJoiner { scalars.removeLast() }
        return String(scalars)
    }
}
