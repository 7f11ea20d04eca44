import Testing
import TextAnalysis

/// SplitMix64: a tiny deterministic generator, so that every failure reproduces from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Strings of scalars, for building random text.
private func scalars(_ values: [UInt32]) -> [String] {
    values.compactMap(Unicode.Scalar.init).map { String($0) }
}

private func scalars(_ range: ClosedRange<UInt32>) -> [String] {
    scalars(Array(range))
}

/// What random text is made of, each pool with a weight.
private let pools: [(weight: Int, pieces: [String])] = [
    (30, scalars(0x0621...0x063A) + scalars(0x0641...0x064A)),                   // Arabic letters
    (6, ["أ", "إ", "آ", "ٱ", "ؤ", "ئ", "ى", "ة", "ء"]),                           // letters that fold
    (6, ["پ", "چ", "ژ", "گ", "ک", "ی", "ۀ", "ہ", "ە", "ھ", "ے", "ڪ", "ۃ"]),         // Persian and Urdu letters
    (8, scalars(0x064B...0x065F) + scalars([0x0670])),                          // harakat
    (2, scalars(0x0610...0x061A) + scalars(0x06D6...0x06ED)),                   // honorific and Quranic marks
    (4, ["\u{0640}"]),                                                          // tatweel
    (5, scalars([0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x00AD, 0x2060, 0xFEFF])), // joiners, marks, BOM
    (4, scalars(0xFB50...0xFBB1) + scalars(0xFBD3...0xFD3D) + scalars(0xFD50...0xFDC7)
        + scalars(0xFDF0...0xFDFC) + scalars(0xFE70...0xFE72) + scalars(0xFE74...0xFEFC)), // presentation forms
    (2, ["\u{FDFA}", "\u{FDFB}", "\u{FEFB}", "\u{FEF7}"]),                      // ligatures
    (4, scalars(0x0660...0x0669) + scalars(0x06F0...0x06F9) + scalars(0x30...0x39)), // digits
    (6, scalars(0x41...0x5A) + scalars(0x61...0x7A) + ["é", "É", "ß", "İ", "Σ", "ж", "\u{0301}"]), // Latin and kin
    (14, [" ", " ", " ", "\n", "\t", "\u{00A0}", "\u{2009}"]),                  // white space
    (5, ["،", "؛", "؟", "«", "»", "۔", "٪", "٫", ".", ",", "!", "?", "(", ")", "-", "\"", "'", ":", "\u{06DD}", "\u{06DE}"]),
    (3, ["\u{1F600}", "\u{20000}", "\u{20001}", "\u{1F1F8}", "\u{10400}", "\u{1EE01}", "\u{1D400}"]), // astral
]

private func randomText(using generator: inout SplitMix64) -> String {
    let totalWeight = pools.reduce(0) { $0 + $1.weight }
    let length = Int.random(in: 0...40, using: &generator)
    var text = ""
    for _ in 0..<length {
        var pick = Int.random(in: 0..<totalWeight, using: &generator)
        for pool in pools {
            if pick < pool.weight {
                text += pool.pieces.randomElement(using: &generator)!
                break
            }
            pick -= pool.weight
        }
    }
    return text
}

@Suite struct RandomInputTests {
    @Test func randomMixedScriptTextKeepsEveryInvariant() {
        let seed: UInt64 = 0x5EED_A7AB_1C00_0001
        var generator = SplitMix64(seed: seed)
        var wordCount = 0
        for _ in 0..<2_000 {
            let text = randomText(using: &generator)
            // `analyzeChecked` names the text in every failure it reports.
            wordCount += analyzeChecked(text).count
        }
        // The mix is not degenerate: it yields plenty of words.
        #expect(wordCount > 5_000)
    }

    /// Random words spelled two ways — plain letters (the query) and with hamza forms, harakat,
    /// tatweel, ZWNJ, presentation forms and Persian letters (the document) — give the same term.
    @Test func randomSpellingVariantsGiveTheSameTerm() {
        // Letters already in folded form (no ة), and words all letters or all digits: where
        // digits meet letters a word splits in two.
        let letters = scalars([0x0628]) + scalars(0x062A...0x063A) + scalars(0x0641...0x0646) + ["ا", "و", "ي", "ك", "ه"]
        let digits = ["1", "9", "0", "5"]
        let variants: [String: [String]] = [
            "ا": ["أ", "إ", "آ", "ٱ", "ا\u{0654}", "ا\u{0655}", "ا\u{0653}", "\u{FE8D}", "\u{FE8E}", "\u{0672}"],
            "و": ["ؤ", "و\u{0654}", "\u{FEED}", "\u{FEEE}"],
            "ي": ["ى", "ی", "ئ", "ے", "ي\u{0654}", "\u{FEF1}", "\u{FEF2}", "\u{FBFC}"],
            "ك": ["ک", "ڪ", "\u{FED9}", "\u{FB8E}"],
            "ه": ["ة", "ۀ", "ہ", "ە", "ھ", "ۃ", "ه\u{0654}", "\u{FEE9}", "\u{FE93}"],
            "ب": ["\u{FE8F}", "\u{FE90}", "\u{FE91}", "\u{FE92}"],
            "1": ["١", "۱"],
            "9": ["٩", "۹"],
        ]
        let decorations = scalars(0x064B...0x0652) + ["\u{0670}", "\u{0640}", "\u{06DA}", "\u{0610}"]
        let joiners = ["\u{200C}", "\u{200D}", "\u{00AD}"]

        var generator = SplitMix64(seed: 0xD0C_0000_0E47)
        for _ in 0..<2_000 {
            let plain = Int.random(in: 0..<5, using: &generator) == 0 ? digits : letters
            let word = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                plain.randomElement(using: &generator)!
            }
            var document = ""
            for (index, letter) in word.enumerated() {
                if index > 0, Int.random(in: 0..<6, using: &generator) == 0 {
                    document += joiners.randomElement(using: &generator)!
                }
                if let forms = variants[letter], Bool.random(using: &generator) {
                    document += forms.randomElement(using: &generator)!
                } else {
                    document += letter
                }
                while Int.random(in: 0..<3, using: &generator) == 0 {
                    document += decorations.randomElement(using: &generator)!
                }
            }
            let query = word.joined()
            let documentTokens = analyzeChecked(document)
            let queryTokens = analyzeChecked(query)
            #expect(documentTokens.map { Array($0.term.utf8) } == queryTokens.map { Array($0.term.utf8) },
                    "document \"\(visible(document))\" and query \"\(query)\"")
            #expect(queryTokens.map { Array($0.term.utf8) } == [Array(query.utf8)], "query \"\(query)\"")
            #expect(documentTokens.first?.byteEnd == document.utf8.count, "document \"\(visible(document))\"")
        }
    }

    /// Arbitrary bytes — well-formed pieces, cut pieces and noise — never crash the hot path nor
    /// give spans outside the buffer or ill-formed terms.
    @Test func randomBytesNeverCrashNorEscapeTheBuffer() {
        var generator = SplitMix64(seed: 0xB17E_5000_0000_0002)
        let pieces = pools.flatMap(\.pieces).map { Array($0.utf8) }
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...30, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:
                    bytes.append(UInt8.random(in: 0...255, using: &generator))
                case 1:
                    let piece = pieces.randomElement(using: &generator)!
                    bytes += piece.prefix(Int.random(in: 0..<piece.count, using: &generator) + 1)
                default:
                    bytes += pieces.randomElement(using: &generator)!
                }
            }
            analyzeCheckedBytes(bytes)
        }
    }

    /// Every buffer of one or two bytes: the hot path copes with every lead, continuation and
    /// invalid byte, alone or followed by any other.
    @Test func everyOneAndTwoByteBufferIsHandled() {
        var failures: [[UInt8]] = []
        for first in 0...255 {
            for second in -1...255 {
                let bytes = second < 0 ? [UInt8(first)] : [UInt8(first), UInt8(second)]
                let raw = rawTerms(of: bytes)
                let ok = raw.allSatisfy { term, byteStart, byteEnd in
                    0 <= byteStart && byteStart < byteEnd && byteEnd <= bytes.count
                        && !term.isEmpty && isValidUTF8(term)
                }
                if !ok { failures.append(bytes) }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
    }
}
