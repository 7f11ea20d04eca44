/// Random queries for the tests that feed thousands of them to every front end (the searcher in
/// process, the `arfa` extension through the `sqlite3` shell): operators and their misuse, FTS5's
/// own syntax, control characters, marks, presentation forms and random Unicode, mixed.
public enum RandomQueries {
    static let pieces = [
        "أستانا", "روسيا", "OR", "NOT", "-", "*", "(", ")", "\"", "NEAR(", ",", "3", "كتاب*",
        "-\"", "؟", "«", "»", "،", "\u{1}", "\u{0}", "\u{200C}", "ـ", "ً", ":", "^", "text:", "AND",
        "{", "}", "+", "\\", "'", "NEAR", "می", "ها", "١٩", "ﻛﺘﺎﺏ", "🙂", "\u{FFFD}", "\u{202E}",
    ]

    /// `count` queries, the same for the same seed.
    public static func make(count: Int, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var query = ""
            for _ in 0..<Int.random(in: 1...7, using: &generator) {
                if Int.random(in: 0..<8, using: &generator) == 0 {
                    // Random Unicode, from anywhere in the BMP and beyond (no surrogates).
                    let value = UInt32.random(in: 0...0x1_FFFF, using: &generator)
                    query.unicodeScalars.append(Unicode.Scalar(value) ?? "x")
                } else {
                    query += pieces.randomElement(using: &generator)!
                }
                if Bool.random(using: &generator) { query += " " }
            }
            return query
        }
    }
}

/// A deterministic generator, so a failing random query can be reproduced.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
