/// How the analyzer treats one Unicode scalar: whether it belongs to a word, and what it becomes.
///
/// The folding rules, applied identically to documents and queries (the test list in
/// `FoldingTests` follows this list one to one):
/// 1. أ إ آ ٱ (and the wavy/high hamza alefs) → ا
/// 2. ؤ → و;  ئ → ي
/// 3. ى ی ے (and the other yeh forms) → ي
/// 4. ک ڪ → ك
/// 5. ة ۀ ہ ۃ ە ھ → ه
/// 6. Harakat (U+064B–U+065F, which includes the combining hamza and madda of NFD text),
///    superscript alef U+0670, honorific signs U+0610–U+061A, Quranic marks U+06D6–U+06ED and
///    tatweel are removed but stay inside the word.
/// 7. ZWNJ, ZWJ, word joiner and soft hyphen between two letters are removed and do not split
///    the word; anywhere else they separate words. Direction marks (LRM, RLM, ALM) always separate
///    words: in real text they stand at word boundaries (زینب‏‌پژوهی is two words).
/// 8. Arabic-Indic (٠–٩) and Persian (۰–۹) digits → 0–9.
/// 9. Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) → their NFKC letters, folded by
///    the rules above; a ligature of several words (ﷺ) gives several tokens.
/// 10. Letters of other scripts are lower-cased (single-scalar mappings); their combining marks
///     stay in the token, but variation selectors and enclosing marks (emoji keycaps) are removed.
///
/// Because rule 6 removes the combining hamza and madda, decomposed (NFD) input folds exactly as
/// precomposed input does: ا + U+0654 → ا, just like أ.
struct ScalarTable: Sendable {
    /// What a scalar is, packed with its payload in one `UInt32` so the hot loop does one load.
    enum Kind: UInt32 {
        /// Ends a word.
        case separator = 0
        /// A letter or digit; the payload is the scalar to emit.
        case letter = 1
        /// A letter that expands to several (a presentation-form ligature); the payload indexes
        /// `expansions`.
        case expansion = 2
        /// Inside a word, emits nothing (harakat, tatweel).
        case ignorableMark = 3
        /// Inside a word, emitted unchanged (combining marks of other scripts).
        case keptMark = 4
        /// Inside a word only between two word characters; emits nothing (ZWNJ and kin).
        case joiner = 5
    }

    static let kindShift: UInt32 = 28
    static let payloadMask: UInt32 = (1 << 28) - 1

    /// Entries for U+0000..<U+0800: Latin, Greek, Cyrillic, Hebrew, Arabic, Syriac.
    let low: [UInt32]
    /// Entries for U+FB50...U+FEFF, the Arabic presentation forms.
    let presentation: [UInt32]
    /// Folded UTF-8 of each multi-letter expansion; 0x20 marks a word break inside it.
    let expansions: [[UInt8]]

    static let lowLimit: UInt32 = 0x0800
    static let presentationStart: UInt32 = 0xFB50
    static let presentationEnd: UInt32 = 0xFEFF

    /// The one shared table, built on first use (well under a millisecond).
    static let shared = ScalarTable()

    static func pack(_ kind: Kind, _ payload: UInt32 = 0) -> UInt32 {
        (kind.rawValue << kindShift) | payload
    }

    @inline(__always)
    static func kind(of entry: UInt32) -> Kind {
        Kind(rawValue: entry >> kindShift) ?? .separator
    }

    @inline(__always)
    static func payload(of entry: UInt32) -> UInt32 {
        entry & payloadMask
    }

    init() {
        var low = [UInt32](repeating: 0, count: Int(Self.lowLimit))
        for value in 0..<Self.lowLimit {
            low[Int(value)] = Self.computeEntry(value)
        }
        self.low = low

        var expansions: [[UInt8]] = []
        // Scalars of the range that are not Arabic presentation forms (variation selectors,
        // half marks, CJK compatibility forms) keep their ordinary entries.
        var presentation = (Self.presentationStart...Self.presentationEnd).map(Self.computeEntry)
        for (scalar, expansion) in presentationFormExpansions {
            let folded = Self.foldExpansion(expansion, low: low)
            let entry: UInt32
            if folded.allSatisfy({ $0 == 0x20 }) {
                // An isolated haraka or shadda ligature (U+FE70...): a mark, not a word.
                entry = Self.pack(.ignorableMark)
            } else if let single = Self.singleScalar(folded) {
                entry = Self.pack(.letter, single)
            } else {
                expansions.append(Self.trimmedSpaces(folded))
                entry = Self.pack(.expansion, UInt32(expansions.count - 1))
            }
            presentation[Int(scalar - Self.presentationStart)] = entry
        }
        // The byte order mark sits at the end of block B: it is never part of a word.
        presentation[Int(ArabicScript.byteOrderMark - Self.presentationStart)] = Self.pack(.separator)
        self.presentation = presentation
        self.expansions = expansions
    }

    /// The entry of any scalar.
    @inline(__always)
    func entry(for value: UInt32) -> UInt32 {
        if value < Self.lowLimit { return low[Int(value)] }
        if value >= Self.presentationStart && value <= Self.presentationEnd {
            return presentation[Int(value - Self.presentationStart)]
        }
        return Self.computeEntry(value)
    }

    // MARK: - Rules

    /// Scalars whose folded form is another letter (rules 1–5).
    static let letterFolds: [UInt32: UInt32] = {
        let A = ArabicScript.self
        var folds: [UInt32: UInt32] = [:]
        for alef in [A.alefWithMaddaAbove, A.alefWithHamzaAbove, A.alefWithHamzaBelow, A.alefWasla,
                     A.alefWithWavyHamzaAbove, A.alefWithWavyHamzaBelow, A.highHamzaAlef] {
            folds[alef] = A.alef
        }
        folds[A.wawWithHamzaAbove] = A.waw
        folds[A.highHamzaWaw] = A.waw
        for yeh in [A.yehWithHamzaAbove, A.alefMaksura, A.farsiYeh, A.kashmiriYeh, A.yehWithTail,
                    A.yehBarree, A.yehBarreeWithHamzaAbove] {
            folds[yeh] = A.yeh
        }
        folds[A.keheh] = A.kaf
        folds[A.swashKaf] = A.kaf
        for heh in [A.tehMarbuta, A.hehWithYehAbove, A.hehGoal, A.hehGoalWithHamzaAbove,
                    A.tehMarbutaGoal, A.ae, A.hehDoachashmee] {
            folds[heh] = A.heh
        }
        return folds
    }()

    static func isRemovedArabicMark(_ value: UInt32) -> Bool {
        let A = ArabicScript.self
        if value == A.endOfAyah || value == A.rubElHizb || value == A.placeOfSajdah { return false }
        return A.harakatRange.contains(value) || A.honorificSignsRange.contains(value)
            || value == A.superscriptAlef || A.quranicMarksRange.contains(value) || value == A.tatweel
    }

    static func isJoiner(_ value: UInt32) -> Bool {
        let A = ArabicScript.self
        return value == A.zeroWidthNonJoiner || value == A.zeroWidthJoiner
            || value == A.softHyphen || value == A.wordJoiner
    }

    /// The entry of a scalar outside the precomputed ranges (and how those ranges are filled).
    static func computeEntry(_ value: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(value) else { return pack(.separator) }
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x61...0x7A: return pack(.letter, value)
            case 0x41...0x5A: return pack(.letter, value + 0x20)
            default: return pack(.separator)
            }
        }
        if isJoiner(value) { return pack(.joiner) }
        if isRemovedArabicMark(value) { return pack(.ignorableMark) }
        if let folded = letterFolds[value] { return pack(.letter, folded) }
        if (0x0660...0x0669).contains(value) { return pack(.letter, 0x30 + value - 0x0660) }
        if (0x06F0...0x06F9).contains(value) { return pack(.letter, 0x30 + value - 0x06F0) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            if scalar.properties.changesWhenLowercased,
               let lower = singleScalar(of: scalar.properties.lowercaseMapping) {
                return pack(.letter, lower)
            }
            return pack(.letter, value)
        case .nonspacingMark, .spacingMark:
            // Variation selectors only choose a glyph (the U+FE0F of ❤️): invisible, not text.
            if (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) {
                return pack(.ignorableMark)
            }
            return pack(.keptMark, value)
        case .enclosingMark:
            // Keycaps and circles around a character (1️⃣) decorate it; they are not letters.
            return pack(.ignorableMark)
        default:
            return pack(.separator)
        }
    }

    private static func singleScalar(of string: String) -> UInt32? {
        var iterator = string.unicodeScalars.makeIterator()
        guard let first = iterator.next(), iterator.next() == nil else { return nil }
        return first.value
    }

    /// Folds a presentation form's NFKC expansion with the ordinary rules; spaces stay as 0x20.
    private static func foldExpansion(_ expansion: String, low: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in expansion.unicodeScalars {
            if scalar == " " {
                bytes.append(0x20)
                continue
            }
            let entry = scalar.value < lowLimit ? low[Int(scalar.value)] : computeEntry(scalar.value)
            switch kind(of: entry) {
            case .letter, .keptMark:
                UTF8Encoding.append(payload(of: entry), to: &bytes)
            case .separator:
                bytes.append(0x20)
            case .expansion, .ignorableMark, .joiner:
                break
            }
        }
        return bytes
    }

    private static func singleScalar(_ utf8: [UInt8]) -> UInt32? {
        guard !utf8.contains(0x20), let string = String(validating: utf8, as: UTF8.self) else { return nil }
        return singleScalar(of: string)
    }

    private static func trimmedSpaces(_ bytes: [UInt8]) -> [UInt8] {
        var slice = bytes[...]
        while slice.first == 0x20 { slice = slice.dropFirst() }
        while slice.last == 0x20 { slice = slice.dropLast() }
        return Array(slice)
    }
}

/// Minimal UTF-8 encoding and decoding on raw bytes, for the analyzer's hot loop.
enum UTF8Encoding {
    @inline(__always)
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { buffer in
            let count = encode(value, into: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: count))
        }
    }

    /// Writes the UTF-8 bytes of `value` at `destination` and returns how many were written (1–4).
    @inline(__always)
    static func encode(_ value: UInt32, into destination: UnsafeMutablePointer<UInt8>) -> Int {
        switch value {
        case 0..<0x80:
            destination[0] = UInt8(value)
            return 1
        case 0x80..<0x800:
            destination[0] = UInt8(0xC0 | (value >> 6))
            destination[1] = UInt8(0x80 | (value & 0x3F))
            return 2
        case 0x800..<0x10000:
            destination[0] = UInt8(0xE0 | (value >> 12))
            destination[1] = UInt8(0x80 | ((value >> 6) & 0x3F))
            destination[2] = UInt8(0x80 | (value & 0x3F))
            return 3
        default:
            destination[0] = UInt8(0xF0 | (value >> 18))
            destination[1] = UInt8(0x80 | ((value >> 12) & 0x3F))
            destination[2] = UInt8(0x80 | ((value >> 6) & 0x3F))
            destination[3] = UInt8(0x80 | (value & 0x3F))
            return 4
        }
    }

    /// Decodes all of `bytes` into `destination` (at most `capacity` scalars); returns the count.
    static func decodeAll(_ bytes: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<UInt32>,
                          capacity: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var index = 0
        var count = 0
        while index < bytes.count && count < capacity {
            let (value, length) = decode(base, at: index, count: bytes.count)
            destination[count] = value
            count += 1
            index += length
        }
        return count
    }

    /// Decodes the scalar starting at `bytes[index]`. Invalid or truncated sequences decode as one
    /// byte of U+FFFD, so the caller always advances and never reads past `count`.
    @inline(__always)
    static func decode(_ bytes: UnsafePointer<UInt8>, at index: Int, count: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (b0, 1) }
        let replacement: (UInt32, Int) = (0xFFFD, 1)
        @inline(__always) func continuation(_ offset: Int) -> UInt32? {
            guard index + offset < count else { return nil }
            let byte = UInt32(bytes[index + offset])
            return byte & 0xC0 == 0x80 ? byte & 0x3F : nil
        }
        if b0 & 0xE0 == 0xC0 {
            guard b0 >= 0xC2, let b1 = continuation(1) else { return replacement }
            return (((b0 & 0x1F) << 6) | b1, 2)
        }
        if b0 & 0xF0 == 0xE0 {
            guard let b1 = continuation(1), let b2 = continuation(2) else { return replacement }
            let value = ((b0 & 0x0F) << 12) | (b1 << 6) | b2
            guard value >= 0x800, !(0xD800...0xDFFF).contains(value) else { return replacement }
            return (value, 3)
        }
        if b0 & 0xF8 == 0xF0 {
            guard let b1 = continuation(1), let b2 = continuation(2), let b3 = continuation(3) else {
                return replacement
            }
            let value = ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3
            guard value >= 0x10000, value <= 0x10FFFF else { return replacement }
            return (value, 4)
        }
        return replacement
    }
}
