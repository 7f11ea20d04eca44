/// The terms a document puts in the index, word by word: the folded surface form first, then,
/// at the same position (colocated), its light stems, its modern reading when it is written in
/// Qur'anic or older spelling (`QuranicSpelling`) and that reading's stems, and the Persian forms
/// spelled with a space.
///
/// - A stem is written as a stem marker + letters, so it never meets a surface form of the same
///   letters: `كتاب` the word and `كتاب` the stem of `والكتاب` are different index terms, which
///   is what lets ranking put the exact and folded forms before stem-only matches.
/// - Persian writes one word three ways: کتاب‌ها, کتابها and کتاب ها; می‌خواهم, میخواهم and
///   می خواهم. The first two fold to one term already. For the spaced spelling, every run of
///   words that `PersianSpacing` joins (a word and the suffix words after it, می/نمی and the word
///   after it) also gets the joined term (and its stems), spanning the run, at its last word's
///   position: at ی in «کتاب ها ی», كتابهاي and هاي. A query joins its words by the same rule, so
///   each run it reads is a term here.
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

    /// Whether the words of text in `language` are stemmed by the rules behind `marker`: a
    /// document puts those stems in the index, and a query word looks for itself behind that
    /// marker (the words whose stems include it).
    public static func usesMarker(_ marker: UInt8, in language: TextLanguage) -> Bool {
        switch marker {
        case arabicStemMarker: language.usesArabicRules
        case persianStemMarker: language.usesPersianRules
        default: false
        }
    }

    /// The stem markers of text in `language` (see `usesMarker`).
    public static func stemMarkers(for language: TextLanguage) -> [UInt8] {
        [arabicStemMarker, persianStemMarker].filter { usesMarker($0, in: language) }
    }

    /// What a query word in `language` looks for beside itself: the index terms of the words whose
    /// stems include it, the word behind each stem marker of its language.
    public static func stemTerms(of word: String, language: TextLanguage) -> [String] {
        stemMarkers(for: language).map { String(UnicodeScalar($0)) + word }
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
        let runWords = PersianSpacing.maximumRunWords
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: (runWords + 2) * capacity) { bytes in
            try withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * runWords) { spans in
                try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * capacity) { scalars in
                    // The spaced Persian run this word may continue (`PersianSpacing`): the terms
                    // of its last words one after the other, then this word's, and each word's
                    // length and start in the text.
                    let run = bytes.baseAddress!
                    let stemBuffer = run + runWords * capacity     // marker + stem
                    let readingBuffer = stemBuffer + capacity      // `QuranicSpelling`
                    let runLengths = spans.baseAddress!
                    let runStarts = runLengths + runWords
                    var runCount = 0
                    var runBytes = 0
                    let letters = scalars.baseAddress!
                    let joinsSpacedWords = language.usesPersianRules

                    func emitStems(of term: UnsafeBufferPointer<UInt8>, endsWithTehMarbuta: Bool,
                                   byteStart: Int, byteEnd: Int) throws {
                        let count = UTF8Encoding.decodeAll(term, into: letters, capacity: 2 * capacity)
                        for rules in 0..<2 {
                            let (marker, rulesLanguage) = rules == 0
                                ? (Self.arabicStemMarker, TextLanguage.arabic) : (Self.persianStemMarker, TextLanguage.persian)
                            guard Self.usesMarker(marker, in: language) else { continue }
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
                        let original = UnsafeBufferPointer(rebasing: text[word.byteStart..<word.byteEnd])
                        if word.hasMarks && QuranicSpelling.mayHaveReading(original)
                            || QuranicSpelling.mayBeOlderPrinting(word.term),
                           let modern = QuranicSpelling.modernReading(of: original, folded: word.term, into: readingBuffer) {
                            if modern.particleLength > 0 {
                                try body(UnsafeBufferPointer(start: readingBuffer, count: modern.particleLength),
                                         word.byteStart, word.byteEnd, true)
                            }
                            let reading = UnsafeBufferPointer(start: readingBuffer + modern.particleLength, count: modern.length)
                            try body(reading, word.byteStart, word.byteEnd, true)
                            try emitStems(of: reading, endsWithTehMarbuta: word.endsWithTehMarbuta,
                                          byteStart: word.byteStart, byteEnd: word.byteEnd)
                        }
                        guard joinsSpacedWords else { return }
                        let term = word.term
                        if runCount > 0 {
                            let last = UnsafeBufferPointer(start: run + runBytes - runLengths[runCount - 1],
                                                           count: runLengths[runCount - 1])
                            if !PersianSpacing.joins(last, term) {
                                runCount = 0
                                runBytes = 0
                            }
                        }
                        // Every run of joined words that ends here, longest first, spanning them all.
                        (run + runBytes).update(from: term.baseAddress!, count: term.count)
                        var start = 0
                        for index in 0..<runCount {
                            let length = runBytes - start + term.count
                            if length <= Analyzer.maximumTermBytes {
                                let joined = UnsafeBufferPointer(start: run + start, count: length)
                                try body(joined, runStarts[index], word.byteEnd, true)
                                try emitStems(of: joined, endsWithTehMarbuta: word.endsWithTehMarbuta,
                                              byteStart: runStarts[index], byteEnd: word.byteEnd)
                            }
                            start += runLengths[index]
                        }
                        // This word joins the run, which keeps the words a later one may join.
                        runLengths[runCount] = term.count
                        runStarts[runCount] = word.byteStart
                        runCount += 1
                        runBytes += term.count
                        if runCount == runWords {
                            let dropped = runLengths[0]
                            UnsafeMutableRawPointer(run).copyMemory(from: run + dropped, byteCount: runBytes - dropped)
                            for index in 1..<runCount {
                                runLengths[index - 1] = runLengths[index]
                                runStarts[index - 1] = runStarts[index]
                            }
                            runCount -= 1
                            runBytes -= dropped
                        }
                    }
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
