/// The terms a document puts in the index, word by word: the folded surface form first, then,
/// at the same position (colocated), its light stems and the Persian forms spelled with a space.
///
/// - A stem is written as a stem marker + letters, so it never meets a surface form of the same
///   letters: `كتاب` the word and `كتاب` the stem of `والكتاب` are different index terms, which
///   is what lets ranking put the exact and folded forms before stem-only matches.
/// - Persian writes one word three ways: کتاب‌ها, کتابها and کتاب ها; می‌خواهم, میخواهم and
///   می خواهم. The first two fold to one term already. For the spaced spelling, a word followed
///   by a plural or comparative suffix word (ها، های، تر، ترین، ای …) or preceded by می/نمی also
///   gets the joined term (and its stems), spanning both words, at the second word's position.
public struct IndexTerms: Sendable {
    /// The first byte of a stem term, by the rules that found it: Arabic clitics are not
    /// Persian ones, so a Persian query دیار does not find the Arabic الديار. Control
    /// characters: the analyzer never puts one in a surface term, and the query parser never lets
    /// one through from user input.
    public static let arabicStemMarker: UInt8 = 0x01
    public static let persianStemMarker: UInt8 = 0x02

    public static func isStemMarker(_ byte: UInt8) -> Bool {
        byte == arabicStemMarker || byte == persianStemMarker
    }

    /// The stem markers a query in `language` looks for.
    public static func stemMarkers(for language: TextLanguage) -> [UInt8] {
        switch language {
        case .arabic: [arabicStemMarker]
        case .persian: [persianStemMarker]
        case .unknown: [arabicStemMarker, persianStemMarker]
        }
    }

    let analyzer = Analyzer()
    let stemmer = LightStemmer()

    public init() {}

    /// Calls `body` for every term of `text`; `isColocated` terms share the previous term's
    /// position.
    public func generate(
        utf8 text: UnsafeBufferPointer<UInt8>,
        _ body: (_ term: UnsafeBufferPointer<UInt8>, _ byteStart: Int, _ byteEnd: Int, _ isColocated: Bool) throws -> Void
    ) rethrows {
        let language = TextLanguage.guess(utf8: text)
        let capacity = Analyzer.maximumTermBytes + 8
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * capacity) { bytes in
            try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * capacity) { scalars in
                let previous = bytes.baseAddress!              // the previous word's term
                let joined = previous + capacity               // previous + current
                let stemBuffer = joined + capacity             // marker + stem
                let letters = scalars.baseAddress!
                var previousLength = 0
                var previousStart = 0
                let joinsSpacedWords = language.usesPersianRules

                func emitStems(of term: UnsafeBufferPointer<UInt8>, endsWithTehMarbuta: Bool,
                               byteStart: Int, byteEnd: Int) throws {
                    let count = UTF8Encoding.decodeAll(term, into: letters, capacity: 2 * capacity)
                    for rules in 0..<2 {
                        let (rulesLanguage, marker) = rules == 0
                            ? (TextLanguage.arabic, Self.arabicStemMarker) : (TextLanguage.persian, Self.persianStemMarker)
                        guard language == .unknown || language == rulesLanguage else { continue }
                        try stemmer.stems(of: UnsafeBufferPointer(start: letters, count: count),
                                          endsWithTehMarbuta: endsWithTehMarbuta, language: rulesLanguage,
                                          isQuery: false) { stem in
                            let length = Self.writeStem(stem, marker: marker, of: letters, into: stemBuffer)
                            try body(UnsafeBufferPointer(start: stemBuffer, count: length), byteStart, byteEnd, true)
                        }
                    }
                }

                try analyzer.analyzeWords(utf8: text) { word in
                    try body(word.term, word.byteStart, word.byteEnd, false)
                    try emitStems(of: word.term, endsWithTehMarbuta: word.endsWithTehMarbuta,
                                  byteStart: word.byteStart, byteEnd: word.byteEnd)
                    let previousTerm = UnsafeBufferPointer(start: previous, count: previousLength)
                    if joinsSpacedWords && previousLength > 0
                        && (PersianSpacing.isPrefixWord(previousTerm) || PersianSpacing.isSuffixWord(word.term))
                        && previousLength + word.term.count <= Analyzer.maximumTermBytes {
                        joined.update(from: previous, count: previousLength)
                        (joined + previousLength).update(from: word.term.baseAddress!, count: word.term.count)
                        let joinedTerm = UnsafeBufferPointer(start: joined, count: previousLength + word.term.count)
                        try body(joinedTerm, previousStart, word.byteEnd, true)
                        try emitStems(of: joinedTerm, endsWithTehMarbuta: word.endsWithTehMarbuta,
                                      byteStart: previousStart, byteEnd: word.byteEnd)
                    }
                    previousLength = min(word.term.count, capacity)
                    previous.update(from: word.term.baseAddress!, count: previousLength)
                    previousStart = word.byteStart
                }
            }
        }
    }

    /// Writes `marker` and the stem's letters as UTF-8; returns the length.
    static func writeStem(_ stem: LightStemmer.Stem, marker: UInt8, of letters: UnsafeMutablePointer<UInt32>,
                          into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        buffer[0] = marker
        var length = 1
        if stem.prependsArticle {
            length += UTF8Encoding.encode(LightStemmer.Letter.alef, into: buffer + length)
            length += UTF8Encoding.encode(LightStemmer.Letter.lam, into: buffer + length)
        }
        for index in stem.start..<stem.end {
            length += UTF8Encoding.encode(letters[index], into: buffer + length)
        }
        if stem.appendsHeh {
            length += UTF8Encoding.encode(LightStemmer.Letter.heh, into: buffer + length)
        }
        return length
    }
}

/// The Persian words that are written apart but belong to their neighbour: suffixes that follow
/// a word (ها، های، تر، ترین، ای، ام، اش …) and the verb prefixes می/نمی that precede one.
public enum PersianSpacing {
    static let suffixWords: [[UInt8]] = [
        "ها", "هاي", "هايي", "هايم", "هايت", "هايش", "هايمان", "هايتان", "هايشان",
        "تر", "تري", "ترين", "اي", "ي", "ام", "اش", "ايم", "ايد", "اند",
    ].map { Array($0.utf8) }
    static let prefixWords: [[UInt8]] = ["مي", "نمي"].map { Array($0.utf8) }

    /// Whether a folded term is a suffix written as its own word.
    public static func isSuffixWord(_ term: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(suffixWords, term)
    }

    /// Whether a folded term is a verb prefix written as its own word.
    public static func isPrefixWord(_ term: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(prefixWords, term)
    }

    private static func contains(_ words: [[UInt8]], _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        guard term.count <= 12 else { return false }
        return words.contains { $0.count == term.count && $0.elementsEqual(term) }
    }
}
