/// The vocalisation (harakat) of a query word, and whether a text's occurrences of the word agree
/// with it: عِلْم (knowledge) and عَلَم (flag) are one word to folding, and a vocalised query
/// says which it means.
///
/// - Letters are compared by their folded form; where both the query and the text put a vowel
///   (fatha, damma, kasra, sukun, or a tanween) on the same letter, the vowels must be the same,
///   and where both vocalise a letter, both or neither carry shadda. A letter left bare on
///   either side agrees with anything: unvocalised text never contradicts.
/// - The last letter is not compared: its vowel is the grammatical case (عِلْمٌ، عِلْمَ، عِلْمِ).
/// - An occurrence is the word's folded letters inside a word of the text (clitics around it
///   allowed: وَالعِلْمِ holds عِلْم). A text stands to the query as its best occurrence does:
///   vocalised and agreeing, then bare, then contradicting.
public struct VocalisedWord: Sendable {
    /// How a text's occurrences of the word stand to the query's vocalisation: the best of its
    /// occurrences, in this order.
    public enum Agreement: Int, Sendable, Equatable, Comparable {
        /// An occurrence is vocalised where the query is, and agrees.
        case agrees = 3
        /// An occurrence agrees only because it is bare where the query is vocalised.
        case unvocalised = 2
        /// The word's letters were not found in any word of the text (it matched another form).
        case absent = 1
        /// Every occurrence found contradicts it.
        case contradicts = 0

        public static func < (a: Agreement, b: Agreement) -> Bool { a.rawValue < b.rawValue }
    }

    /// The folded letters, as scalars and as UTF-8 (the folded term).
    let letters: [UInt32]
    let term: [UInt8]
    /// The vowel marks of each letter but the last (see `Vowels`).
    let vowels: [Vowels]

    /// The vocalisation of `literal`, one word as typed; nil when it carries no vowel mark on any
    /// letter but the last, or is not one word.
    public init?(literal: String) {
        var literal = literal
        var units: [(letter: UInt32, vowels: Vowels)] = []
        var words = 0
        literal.withUTF8 { utf8 in
            Analyzer().analyzeWords(utf8: utf8) { word in
                words += 1
                units = Self.units(of: UnsafeBufferPointer(rebasing: utf8[word.byteStart..<word.byteEnd]))
            }
        }
        guard words == 1, units.count >= 2, units.dropLast().contains(where: { !$0.vowels.isEmpty }) else { return nil }
        letters = units.map(\.letter)
        vowels = units.dropLast().map(\.vowels)
        var term: [UInt8] = []
        for letter in letters { UTF8Encoding.append(letter, to: &term) }
        self.term = term
    }

    /// How the occurrences of the word in `text` stand to its vocalisation.
    public func agreement(in text: UnsafeBufferPointer<UInt8>) -> Agreement {
        var best = Agreement.absent
        var found = false
        Analyzer().analyzeWords(utf8: text) { word in
            // Only words whose folded term holds the word's are looked at letter by letter.
            guard best != .agrees, Self.contains(word.term, term) else { return }
            let units = Self.units(of: UnsafeBufferPointer(rebasing: text[word.byteStart..<word.byteEnd]))
            guard units.count >= letters.count else { return }
            for start in 0...(units.count - letters.count) where matches(units, at: start) {
                let agreement = self.agreement(units, at: start)
                best = found ? max(best, agreement) : agreement
                found = true
            }
        }
        return best
    }

    public func agreement(in text: String) -> Agreement {
        var text = text
        return text.withUTF8 { agreement(in: $0) }
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return needle.withUnsafeBufferPointer { needle in
            (0...(haystack.count - needle.count)).contains { start in
                haystack[start] == needle[0] && needle.indices.allSatisfy { haystack[start + $0] == needle[$0] }
            }
        }
    }

    private func matches(_ units: [(letter: UInt32, vowels: Vowels)], at start: Int) -> Bool {
        for offset in letters.indices where units[start + offset].letter != letters[offset] { return false }
        return true
    }

    private func agreement(_ units: [(letter: UInt32, vowels: Vowels)], at start: Int) -> Agreement {
        var compared = false
        for offset in vowels.indices {
            let query = vowels[offset]
            let text = units[start + offset].vowels
            guard !query.isEmpty, !text.isEmpty else { continue }
            compared = true
            if query.subtracting(.shadda) != text.subtracting(.shadda),
               !query.subtracting(.shadda).isEmpty, !text.subtracting(.shadda).isEmpty {
                return .contradicts
            }
            if query.contains(.shadda) != text.contains(.shadda) { return .contradicts }
        }
        return compared ? .agrees : .unvocalised
    }

    /// The folded letters of one word's original bytes, each with its vowel marks.
    static func units(of word: UnsafeBufferPointer<UInt8>) -> [(letter: UInt32, vowels: Vowels)] {
        let table = ScalarTable.shared
        var units: [(letter: UInt32, vowels: Vowels)] = []
        var index = 0
        while index < word.count {
            let (value, length) = UTF8Encoding.decode(word.baseAddress!, at: index, count: word.count)
            index += length
            if let vowel = Vowels(mark: value) {
                if !units.isEmpty { units[units.count - 1].vowels.formUnion(vowel) }
                continue
            }
            let entry = value < ScalarTable.lowLimit ? table.low[Int(value)] : ScalarTable.computeEntry(value)
            if ScalarTable.kind(of: entry) == .letter {
                units.append((ScalarTable.payload(of: entry), []))
            }
        }
        return units
    }
}

/// The vowel marks on one letter.
struct Vowels: OptionSet, Sendable {
    let rawValue: UInt8
    static let fatha = Vowels(rawValue: 1 << 0)
    static let damma = Vowels(rawValue: 1 << 1)
    static let kasra = Vowels(rawValue: 1 << 2)
    static let sukun = Vowels(rawValue: 1 << 3)
    static let fathatan = Vowels(rawValue: 1 << 4)
    static let dammatan = Vowels(rawValue: 1 << 5)
    static let kasratan = Vowels(rawValue: 1 << 6)
    static let shadda = Vowels(rawValue: 1 << 7)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init?(mark value: UInt32) {
        switch value {
        case 0x064E: self = .fatha
        case 0x064F: self = .damma
        case 0x0650: self = .kasra
        case 0x0652: self = .sukun
        case 0x064B: self = .fathatan
        case 0x064C: self = .dammatan
        case 0x064D: self = .kasratan
        case 0x0651: self = .shadda
        default: return nil
        }
    }
}
