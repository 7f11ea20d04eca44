/// The modern spelling of a word written in the Qur'an's Uthmani script or an older printing:
/// a document word is indexed under it as well (colocated), and a query word looks for it too, so
/// الكتاب finds ٱلْكِتَـٰبَ and ٱلصَّلَوٰةَ finds الصلاة.
///
/// Uthmani spelling writes many long vowels with small signs on or after a letter, which folding
/// removes: ٱلْكِتَـٰبَ folds to الكتب, not الكتاب. The rules below read the word's marks (its
/// harakat decide between readings) and give the letters modern spelling writes, then fold them:
///
/// | rule | Uthmani | modern |
/// |---|---|---|
/// | superscript (dagger) alef after a letter is an alef | ٱلْكِتَـٰبِ، مَـٰلِكِ | الكتاب، مالك |
/// | …on a waw with no vowel of its own, it replaces the waw | ٱلصَّلَوٰةَ، ٱلْحَيَوٰةَ | الصلاة، الحياة |
/// | …on a waw with a vowel, it follows it | ٱلسَّمَـٰوَٰتِ، وَٰحِدٌ | السماوات، واحد |
/// | …on ى inside the word, it replaces it (at the end ى already reads ā) | أَدْرَىٰكَ / عَلَىٰ | أدراك / على |
/// | small high yeh is a yeh | إِبْرَٰهِـۧمَ، يُحْـِۧىَ | إبراهيم، يحيي |
/// | small waw and small yeh are letters, except after ه (a pronoun's long vowel) | دَاوُۥدَ، وَيَسْتَحْىِۦ / إِنَّهُۥ | داوود، ويستحيي / إنه |
/// | hamza written alone before alef is the madda alef | ءَامَنُوا۟، ٱلْقُرْءَانُ | آمنوا، القرآن |
/// | …with kasra (or after one) it sits on yeh; with damma before waw, on waw | إِسْرَٰٓءِيلَ، يَسْتَهْزِءُونَ، رَءُوفٌ | إسرائيل، يستهزئون، رؤوف |
/// | …on a tatweel: on yeh after a yeh or kasra, none before alef, on waw with damma, else on alef | شَيْـًٔا، مُتَّكِـِٔينَ / بِـَٔايَـٰتِنَا / يَسْـَٔلُونَ | شيئا، متكئين / بآياتنا / يسألون |
/// | …written alone with fatha (not after an alef), or after a question's أ, is on alef | أَرَءَيْتَكُمْ، أَءِذَا | أرأيتكم، أإذا |
/// | the vocative يا (and ها before أ) joined to the next word: both words | يَـٰٓأَيُّهَا، يَـٰقَوْمِ، هَـٰٓأَنتُمْ | يا أيها، يا قوم، ها أنتم |
/// | ؤ and a silent alef at the end are أ | ٱلْمَلَؤُا۟، يَبْدَؤُا۟ | الملأ، يبدأ |
/// | the article's lam merged into a word's lam is written twice (not in الذي، التي) | ٱلَّيْلَ، ٱلَّـٰتِى | الليل، اللاتي |
/// | a silent alef (small high rounded zero) after an alef is dropped | ٱلرِّبَوٰا۟ | الربا |
/// | older printings: و for ā in a closed list of words | الصلوة، الزكوة، الحيوة، النجوة، مشكوة، منوة | الصلاة … |
///
/// Words whose modern spelling has no alef either (هٰذا، ذٰلك، ٱلرَّحْمَـٰن، إِلَـٰه، لٰكن، أُو۟لَـٰٓئِكَ، طه)
/// keep their folded form as the word's own term; the reading is an extra term, so they still
/// find exactly what they found. Small signs with no letter value (small waw and small yeh of a
/// lengthened pronoun, pause marks, small high meem) are dropped, as folding does.
public enum QuranicSpelling {
    /// Whether `folded` (a folded term) may be one of the older printings' words: they all end in
    /// وه (و + ة folded), so this is the cheap test before `modernReading` for unvocalised words.
    @inline(__always)
    public static func mayBeOlderPrinting(_ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = folded.count
        // و is D9 88, ه is D9 87.
        return count >= 8 && folded[count - 4] == 0xD9 && folded[count - 3] == 0x88
            && folded[count - 2] == 0xD9 && folded[count - 1] == 0x87
    }

    /// The modern reading of one word (see `modernReading(of:folded:into:)`).
    public struct Reading {
        /// The length of the folded reading written.
        public var length: Int
        /// The particle written joined to the word (يا of يَـٰقَوْمِ, ها of هَـٰٓأَنتُمْ), folded,
        /// at the start of `destination`; the reading (قوم) follows it.
        public var particleLength: Int
    }

    /// The folded modern reading of the word whose ORIGINAL bytes are `word` and whose folded term
    /// is `folded`, written to `destination` (room for `Analyzer.maximumTermBytes` bytes); nil
    /// when the reading is the folded term itself.
    public static func modernReading(of word: UnsafeBufferPointer<UInt8>, folded: UnsafeBufferPointer<UInt8>,
                                     into destination: UnsafeMutablePointer<UInt8>) -> Reading? {
        let capacity = word.count + 8
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * capacity) { buffer in
          withUnsafeTemporaryAllocation(of: Marks.self, capacity: capacity) { marks in
            let scalars = buffer.baseAddress!
            let count = UTF8Encoding.decodeAll(word, into: scalars, capacity: capacity)
            let units = Units(scalars: UnsafeBufferPointer(start: scalars, count: count),
                              bases: scalars + capacity, marks: marks.baseAddress!)
            let spelled = scalars + 2 * capacity
            let spelledCount = units.modernSpelling(into: spelled, capacity: 2 * capacity)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * spelledCount + 4) { bytes in
                var length = 0
                for index in 0..<spelledCount {
                    length += UTF8Encoding.encode(spelled[index], into: bytes.baseAddress! + length)
                }
                // One term, or a particle and the word (يا ايها): the two fold to at most the
                // word's own length plus the alef added, well within the room.
                var particleLength = 0
                var readingLength = 0
                Analyzer().analyze(utf8: UnsafeBufferPointer(start: bytes.baseAddress, count: length)) { term, _, _ in
                    if readingLength > 0 && particleLength == 0 { particleLength = readingLength }
                    let taken = min(term.count, Analyzer.maximumTermBytes - readingLength)
                    (destination + readingLength).update(from: term.baseAddress!, count: taken)
                    readingLength += taken
                }
                readingLength -= particleLength
                let word = destination + particleLength
                readingLength = OlderPrinting.rewrite(word, count: readingLength)
                let reading = UnsafeBufferPointer(start: word, count: readingLength)
                guard readingLength > 0, !reading.elementsEqual(folded) else { return nil }
                return Reading(length: readingLength, particleLength: particleLength)
            }
          }
        }
    }

    /// The readings of one query word as typed (`literal`), folded; empty when it has none (and
    /// for a run of several words, which Persian spacing joins: no rule reads across words).
    public static func modernReadings(ofWord literal: String, folded: String) -> [String] {
        var literal = literal
        var folded = folded
        return literal.withUTF8 { word in
            folded.withUTF8 { term in
                // A query word is looked at whether it has marks or not: it is one word, once.
                guard !word.contains(0x20), mayHaveReading(word) || mayBeOlderPrinting(term) else { return [] }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Analyzer.maximumTermBytes + 8) { buffer in
                    guard let reading = modernReading(of: word, folded: term, into: buffer.baseAddress!) else { return [] }
                    let word = buffer.baseAddress! + reading.particleLength
                    return [String(decoding: UnsafeBufferPointer(start: word, count: reading.length), as: UTF8.self)]
                }
            }
        }
    }
}

/// Marks that decide a reading, as bits.
private struct Marks: OptionSet {
    let rawValue: UInt16
    static let fatha = Marks(rawValue: 1 << 0)
    static let kasra = Marks(rawValue: 1 << 1)
    static let damma = Marks(rawValue: 1 << 2)
    static let shadda = Marks(rawValue: 1 << 3)
    static let sukun = Marks(rawValue: 1 << 4)
    static let daggerAlef = Marks(rawValue: 1 << 5)
    static let hamzaAbove = Marks(rawValue: 1 << 6)
    static let smallHighYeh = Marks(rawValue: 1 << 7)
    static let silent = Marks(rawValue: 1 << 8)     // small high rounded zero
    static let fathatan = Marks(rawValue: 1 << 9)
    static let smallWaw = Marks(rawValue: 1 << 10)
    static let smallYeh = Marks(rawValue: 1 << 11)
    static let vowels: Marks = [.fatha, .kasra, .damma, .shadda, .sukun]

    init(rawValue: UInt16) { self.rawValue = rawValue }

    init?(mark value: UInt32) {
        switch value {
        case 0x064E: self = .fatha
        case 0x064B: self = [.fatha, .fathatan]
        case 0x0650, 0x064D: self = .kasra       // kasra, kasratan
        case 0x064F, 0x064C: self = .damma       // damma, dammatan
        case 0x0651: self = .shadda
        case 0x0652: self = .sukun
        case ArabicScript.superscriptAlef: self = .daggerAlef
        case 0x0654: self = .hamzaAbove
        case 0x06E7: self = .smallHighYeh
        case 0x06E5: self = .smallWaw
        case 0x06E6: self = .smallYeh
        case 0x06DF: self = .silent
        default:
            guard ScalarTable.isRemovedArabicMark(value), value != ArabicScript.tatweel else { return nil }
            self = []
        }
    }
}

/// A word as letters (a tatweel counts as one: Uthmani spelling puts signs on it) with their marks,
/// in buffers the caller owns.
private struct Units {
    static let hamza: UInt32 = 0x0621
    static let lam: UInt32 = 0x0644
    static let thal: UInt32 = 0x0630
    static let teh: UInt32 = 0x062A
    static let feh: UInt32 = 0x0641

    let bases: UnsafeMutablePointer<UInt32>
    let marks: UnsafeMutablePointer<Marks>
    private(set) var count = 0

    /// `bases` and `marks` have room for one entry per scalar.
    init(scalars: UnsafeBufferPointer<UInt32>, bases: UnsafeMutablePointer<UInt32>, marks: UnsafeMutablePointer<Marks>) {
        self.bases = bases
        self.marks = marks
        for value in scalars {
            if let mark = Marks(mark: value) {
                if count > 0 { marks[count - 1].formUnion(mark) }
            } else {
                bases[count] = value
                marks[count] = []
                count += 1
            }
        }
    }

    func isLetter(_ index: Int) -> Bool { index < count && bases[index] != ArabicScript.tatweel }

    /// Whether the unit at `index` is a particle written joined to the next word: the vocative
    /// يا (يَـٰٓأَيُّهَا، يَـٰقَوْمِ، وَيَـٰقَوْمِ: a yeh with a dagger alef, on it or on a tatweel
    /// after it, at the start of the word or after و/ف, with letters after it) or ها before أ
    /// (هَـٰٓأَنتُمْ; not هَـٰٓؤُلَآءِ, which modern spelling writes هؤلاء).
    /// Returns where the next word starts, or nil.
    func calledWord(at index: Int) -> Int? {
        let A = ArabicScript.self
        guard bases[index] == A.yeh || bases[index] == A.heh,
              index == 0 || index == 1 && (bases[0] == A.waw || bases[0] == Self.feh) else { return nil }
        var after = index + 1
        var hasDagger = marks[index].contains(.daggerAlef)
        if after < count && bases[after] == A.tatweel {
            hasDagger = hasDagger || marks[after].contains(.daggerAlef)
            after += 1
        }
        guard hasDagger && isLetter(after) else { return nil }
        return bases[index] == A.yeh || bases[after] == A.alefWithHamzaAbove ? after : nil
    }

    /// Writes the word's letters as modern spelling writes them; returns how many. A space
    /// (0x20) separates a vocative from the word it calls.
    func modernSpelling(into out: UnsafeMutablePointer<UInt32>, capacity: Int) -> Int {
        let A = ArabicScript.self
        var written = 0
        func emit(_ value: UInt32) {
            if written < capacity { out[written] = value; written += 1 }
        }
        var previousLetterHasKasra = false
        var calledWordStart = 0
        for index in 0..<count where index >= calledWordStart {
            let base = bases[index]
            let mark = marks[index]
            let letterFollows = (index + 1..<count).contains { isLetter($0) }
            if base == A.tatweel {
                if mark.contains(.daggerAlef) {
                    emit(A.alef)
                } else if mark.contains(.smallHighYeh) {
                    emit(A.yeh)
                } else if mark.contains(.hamzaAbove) {
                    // The seat modern spelling gives a hamza by its vowels: ئ after a yeh, none
                    // before an alef (آ) unless the alef is a tanween's, ئ with or after a kasra,
                    // ؤ with damma, أ otherwise.
                    if written > 0 && (out[written - 1] == A.yeh || out[written - 1] == A.alefMaksura) {
                        emit(A.yeh)
                    } else if isLetter(index + 1) && bases[index + 1] == A.alef {
                        if mark.contains(.fathatan) { emit(A.yeh) }   // وَطْـًٔا: وطئا; else آ
                    } else if mark.contains(.kasra) || previousLetterHasKasra {
                        emit(A.yeh)
                    } else if mark.contains(.damma) {
                        // مَسْـُٔولًا: مسئولا (no two waws in a row), يَذْرَؤُا: ؤ
                        emit(isLetter(index + 1) && bases[index + 1] == A.waw ? A.yeh : A.waw)
                    } else {
                        emit(A.alef)
                    }
                }
                continue
            }
            if let called = calledWord(at: index) {
                // يَـٰقَوْمِ is يا قوم: the reading is the word called, the particle a word too.
                emit(base)
                emit(A.alef)
                emit(0x20)
                calledWordStart = called
                continue
            }
            defer { previousLetterHasKasra = mark.contains(.kasra) }
            switch base {
            case Self.hamza where letterFollows:
                let next = bases[index + 1]
                if index == 1 && bases[0] == A.alefWithHamzaAbove {
                    emit(A.alef)   // أَءِذَا: أإذا, the question's hamza and the word's
                } else if next == A.alef && (written == 0 || out[written - 1] != A.alef) {
                    // ءا is آ, which folds to ا: the alef follows.
                } else if mark.contains(.kasra) || previousLetterHasKasra {
                    emit(A.yeh)
                } else if mark.contains(.damma) && next == A.waw {
                    emit(A.waw)
                } else if mark.contains(.fatha) && (written == 0 || out[written - 1] != A.alef) {
                    emit(A.alef)   // أَرَءَيْتَ: أرأيت (after an alef the hamza stays on the line: جاءت)
                } else {
                    emit(base)
                }
            case A.alefWasla where isLetter(index + 1) && bases[index + 1] == Self.lam
                    && marks[index + 1].contains(.shadda) && index + 2 < count
                    && !((bases[index + 2] == Self.thal || bases[index + 2] == Self.teh)
                         && marks[index + 2].contains(.kasra)):
                // ٱلَّيْل: the article's lam and the word's, one letter with shadda. Not the
                // relative pronouns, which have one lam in modern spelling too (ٱلَّذِى، ٱلَّتِى);
                // their duals have two (ٱلَّذَانِ: اللذان).
                emit(A.alef)
                emit(Self.lam)
            case A.wawWithHamzaAbove where index + 2 == count && bases[index + 1] == A.alef
                    && marks[index + 1].contains(.silent):
                emit(A.alef)   // ٱلْمَلَؤُا۟، يَبْدَؤُا۟: الملأ، يبدأ (the silent alef is dropped next)
            case A.alefMaksura where mark.contains(.daggerAlef):
                emit(letterFollows ? A.alef : base)
            case A.waw where mark.contains(.daggerAlef):
                if !mark.isDisjoint(with: Marks.vowels) { emit(base) }
                emit(A.alef)
            case A.alef where mark.contains(.silent) && written > 0 && out[written - 1] == A.alef:
                break
            default:
                emit(base)
                if mark.contains(.daggerAlef) && base != A.alef { emit(A.alef) }
                if mark.contains(.smallHighYeh) { emit(A.yeh) }
                // Small waw and yeh lengthen a pronoun's vowel after ه (إِنَّهُۥ، بِهِۦ), which
                // modern spelling does not write; after another letter they are letters
                // (دَاوُۥدَ، وَيَسْتَحْىِۦ: داوود، ويستحيي).
                if base != A.heh {
                    if mark.contains(.smallWaw) { emit(A.waw) }
                    if mark.contains(.smallYeh) { emit(A.yeh) }
                }
            }
        }
        return written
    }
}

/// Older printings write some words with و for ā, as the Uthmani text does, but without the
/// dagger alef: a closed list, since و + ة is an ordinary ending elsewhere (قوة، دعوة، ثروة).
private enum OlderPrinting {
    /// Folded spellings (ة is ه after folding) and the letter index of their و.
    static let words: [[UInt8]] = ["صلوه", "زكوه", "حيوه", "نجوه", "مشكوه", "منوه"].map { Array($0.utf8) }

    /// Rewrites a listed word found at the end of the term (clitics before it are kept); returns
    /// the new length (the same: و and ا are both two bytes).
    static func rewrite(_ term: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        let bytes = UnsafeBufferPointer(start: term, count: count)
        guard QuranicSpelling.mayBeOlderPrinting(bytes) else { return count }
        for word in words where word.count <= count && bytes[(count - word.count)...].elementsEqual(word) {
            // و (D9 88) is the second-to-last letter: bytes count-4, count-3; ا is D8 A7.
            term[count - 4] = 0xD8
            term[count - 3] = 0xA7
            break
        }
        return count
    }
}

extension QuranicSpelling {
    /// Whether the original bytes of a word hold a sign a reading rule reads: the dagger alef,
    /// hamza above, alef wasla, small waw, small yeh, small high yeh, small high rounded zero, or a
    /// hamza written alone. Asked only of words with marks (`AnalyzedWord.hasMarks`): Qur'anic
    /// spelling is vocalised, and unvocalised modern text is then never scanned again.
    @inline(__always)
    public static func mayHaveReading(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 2 else { return false }
        for index in 0..<(word.count - 1) {
            switch (word[index], word[index + 1]) {
            case (0xD9, 0xB0), (0xD9, 0x94), (0xD9, 0xB1), (0xDB, 0xA5), (0xDB, 0xA6), (0xDB, 0xA7), (0xDB, 0x9F),
                 (0xD8, 0xA1):
                return true
            default:
                continue
            }
        }
        return false
    }
}
