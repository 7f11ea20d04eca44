/// A weighted edit distance between two folded terms, for typo tolerance: how far a query word is
/// from a vocabulary word when the spelling mistakes that Arabic and Persian writers actually make
/// cost less than arbitrary ones.
///
/// The rules (optimal string alignment: each letter is edited at most once):
/// - The letters are Unicode scalars, not UTF-8 bytes and not Characters: replacing one Arabic
///   letter (two bytes) by another is one edit, and a combining mark is a letter of its own.
/// - Substituting two letters that share a confusion group costs 0.5: letters that sound alike
///   (ض ظ; ذ ز ظ; س ص ث; ت ط; د ذ ض; ح ه; ق غ ك; ا ع ء), spelling variants (و ؤ; ي ی ى; ه ة ۀ;
///   ك ک) and Persian letters typed with their Arabic base (ج چ; ب پ; ز ژ; ك گ). A pair is cheap
///   only if both letters are in the same group, so the relation is not transitive: ق/ك and ك/گ
///   cost 0.5, ق/گ costs 1. Folding already merged some of these (ی, ى, ؤ, ة, ۀ, ک); they stay in
///   the table so unfolded input is measured the same way.
/// - Inserting or deleting a long vowel ا و ي or a hamza ء costs 0.5: informal spelling drops
///   and adds them freely (لافرف for لافروف).
/// - Every other substitution, insertion or deletion costs 1, and so does swapping two adjacent
///   letters (مدسره for مدرسه).
///
/// The distance is symmetric. `limit` is inclusive: a distance equal to it is returned, a larger
/// one gives nil, and the computation stops as soon as the result must exceed it (a band of the
/// table around its diagonal, and a row-by-row lower bound), so scanning a whole vocabulary stays
/// cheap. Nothing is allocated on the heap per call for ordinary term lengths.
public struct TypoDistance: Sendable {
    /// The scalars of the term that distances are measured from, decoded once.
    public let letters: [UInt32]

    /// Prepares `term` (a folded query term) to be compared with many others.
    public init(_ term: String) {
        letters = term.unicodeScalars.map(\.value)
    }

    /// Prepares a term given as Unicode scalar values.
    public init(letters: [UInt32]) {
        self.letters = letters
    }

    /// The distance from this term to `term`, or nil if it exceeds `limit`.
    public func distance(to term: String, limit: Double) -> Double? {
        guard let units = Self.units(limit) else { return nil }
        return letters.withUnsafeBufferPointer { query in
            Self.withLetters(of: term) { other in
                Self.distanceUnits(query, other, limit: units).map(Self.value)
            }
        }
    }

    /// The distance from this term to a term given as Unicode scalar values, or nil if it exceeds
    /// `limit`.
    public func distance(to other: UnsafeBufferPointer<UInt32>, limit: Double) -> Double? {
        guard let units = Self.units(limit) else { return nil }
        return letters.withUnsafeBufferPointer { query in
            Self.distanceUnits(query, other, limit: units).map(Self.value)
        }
    }

    /// The distance between `a` and `b`, or nil if it exceeds `limit`.
    public static func distance(_ a: String, _ b: String, limit: Double) -> Double? {
        guard let units = units(limit) else { return nil }
        return withLetters(of: a) { first in
            withLetters(of: b) { second in
                distanceUnits(first, second, limit: units).map(value)
            }
        }
    }

    // MARK: - Costs

    // Costs are counted in half units, so the whole computation is integer arithmetic.
    static let cheapCost = 1
    static let fullCost = 2
    static let transpositionCost = 2
    /// Larger than any real distance, small enough that adding a cost never overflows.
    static let unreachable = Int.max / 4

    /// The confusion groups, one string of scalars each (escapes, because ي and ی or ك and ک
    /// look the same in source).
    static let confusionGroups: [String] = [
        "\u{0636}\u{0638}",           // ض ظ
        "\u{0630}\u{0632}\u{0638}",   // ذ ز ظ
        "\u{0633}\u{0635}\u{062B}",   // س ص ث
        "\u{062A}\u{0637}",           // ت ط
        "\u{062F}\u{0630}\u{0636}",   // د ذ ض
        "\u{062D}\u{0647}",           // ح ه
        "\u{0642}\u{063A}\u{0643}",   // ق غ ك
        "\u{0627}\u{0639}\u{0621}",   // ا ع ء (the hamza on its own)
        "\u{0648}\u{0624}",           // و ؤ
        "\u{064A}\u{06CC}\u{0649}",   // ي ی ى
        "\u{0647}\u{0629}\u{06C0}",   // ه ة ۀ
        "\u{0643}\u{06A9}",           // ك ک
        "\u{062C}\u{0686}",           // ج چ
        "\u{0628}\u{067E}",           // ب پ
        "\u{0632}\u{0698}",           // ز ژ
        "\u{0643}\u{06AF}",           // ك گ
    ]

    /// Letters whose insertion or deletion is cheap: ا و ي ء.
    static let cheapInsertions = "\u{0627}\u{0648}\u{064A}\u{0621}"

    /// A letter's profile: bit `g` set when it belongs to confusion group `g`, and
    /// `cheapInsertionBit` when inserting or deleting it is cheap.
    static let cheapInsertionBit: UInt32 = 1 << 31
    static let groupBits: UInt32 = (1 << 16) - 1
    static let profileStart: UInt32 = 0x0600

    /// Profiles of U+0600..<U+0700, the only block any rule mentions; other scalars have none.
    static let profiles: [UInt32] = {
        precondition(confusionGroups.count <= 16, "group bits must stay below cheapInsertionBit")
        var table = [UInt32](repeating: 0, count: 0x100)
        for (group, letters) in confusionGroups.enumerated() {
            for scalar in letters.unicodeScalars {
                table[Int(scalar.value - profileStart)] |= 1 << UInt32(group)
            }
        }
        for scalar in cheapInsertions.unicodeScalars {
            table[Int(scalar.value - profileStart)] |= cheapInsertionBit
        }
        return table
    }()

    @inline(__always)
    static func profile(_ value: UInt32, in table: UnsafeBufferPointer<UInt32>) -> UInt32 {
        let offset = value &- profileStart
        return offset < 0x100 ? table[Int(offset)] : 0
    }

    @inline(__always)
    static func insertionCost(_ profile: UInt32) -> Int {
        profile & cheapInsertionBit != 0 ? cheapCost : fullCost
    }

    /// `limit` in half units, rounded down; nil for a negative or NaN limit.
    static func units(_ limit: Double) -> Int? {
        guard limit >= 0 else { return nil }
        // Terms are short; anything beyond this bound is "no limit".
        let ceiling = Double(unreachable / 8)
        return limit >= ceiling ? Int(ceiling) : Int((limit * 2).rounded(.down))
    }

    static func value(_ units: Int) -> Double {
        Double(units) / 2
    }

    /// Calls `body` with the scalars of `term` in a temporary buffer (on the stack when short).
    static func withLetters<Result>(of term: String, _ body: (UnsafeBufferPointer<UInt32>) -> Result) -> Result {
        // A scalar takes at least one UTF-8 byte, so the byte count is enough room.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(term.utf8.count, 1)) { buffer in
            var count = 0
            for scalar in term.unicodeScalars {
                buffer[count] = scalar.value
                count += 1
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    // MARK: - Alignment

    /// The distance between `a` and `b` in half units, or nil if it exceeds `limit` half units.
    ///
    /// Only cells with |i − j| ≤ `limit` are computed: reaching any other cell takes more than
    /// `limit` insertions or deletions, each costing at least one half unit. After each row, if
    /// every cell plus the insertions or deletions still needed to reach the end (at least one
    /// half unit per letter of length difference) exceeds `limit`, the answer must too. The
    /// transposition, which skips a row, does not break that bound: it costs no less than a
    /// substitution, so it never beats the cell on the same diagonal of the skipped row.
    static func distanceUnits(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, limit: Int) -> Int? {
        let m = a.count, n = b.count
        guard abs(m - n) <= limit else { return nil }
        return profiles.withUnsafeBufferPointer { table in
            if m == 0 || n == 0 {
                var total = 0
                for value in (m == 0 ? b : a) { total += insertionCost(profile(value, in: table)) }
                return total <= limit ? total : nil
            }
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: m + n) { profileBuffer in
                let profileA = profileBuffer.baseAddress!, profileB = profileA + m
                for i in 0..<m { profileA[i] = profile(a[i], in: table) }
                for j in 0..<n { profileB[j] = profile(b[j], in: table) }
                return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (n + 1)) { rowBuffer in
                    alignment(a, b, profileA, profileB, limit: limit, rows: rowBuffer.baseAddress!)
                }
            }
        }
    }

    /// The banded table, three rows at a time (the transposition looks two rows back).
    @inline(__always)
    private static func alignment(
        _ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>,
        _ profileA: UnsafePointer<UInt32>, _ profileB: UnsafePointer<UInt32>,
        limit: Int, rows: UnsafeMutablePointer<Int>
    ) -> Int? {
        let m = a.count, n = b.count
        var beforePrevious = rows, previous = rows + (n + 1), current = rows + 2 * (n + 1)

        // Row 0: inserting the first j letters of b.
        previous[0] = 0
        let firstEnd = min(n, limit)
        if firstEnd >= 1 {
            for j in 1...firstEnd { previous[j] = previous[j - 1] + insertionCost(profileB[j - 1]) }
        }
        if firstEnd < n { previous[firstEnd + 1] = unreachable }

        var deletions = 0   // column 0 of the current row: deleting the first i letters of a
        for i in 1...m {
            let letter = a[i - 1], letterProfile = profileA[i - 1]
            let deletion = insertionCost(letterProfile)
            deletions += deletion
            // i − limit ≤ n because |m − n| ≤ limit, so the band is never empty.
            let low = max(1, i - limit), high = min(n, i + limit)
            // The cells just outside the band read as unreachable by the next row.
            current[low - 1] = low == 1 ? deletions : unreachable
            if high < n { current[high + 1] = unreachable }
            var bound = low == 1 ? deletions + abs(m - i - n) : unreachable

            for j in low...high {
                let other = b[j - 1], otherProfile = profileB[j - 1]
                let substitution = letter == other ? 0
                    : (letterProfile & otherProfile & groupBits != 0 ? cheapCost : fullCost)
                var cell = previous[j - 1] + substitution
                cell = min(cell, previous[j] + deletion)
                cell = min(cell, current[j - 1] + insertionCost(otherProfile))
                if i > 1 && j > 1 && letter != other && letter == b[j - 2] && a[i - 2] == other {
                    cell = min(cell, beforePrevious[j - 2] + transpositionCost)
                }
                current[j] = cell
                bound = min(bound, cell + abs((m - i) - (n - j)))
            }
            if bound > limit { return nil }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        let result = previous[n]
        return result <= limit ? result : nil
    }
}

/// The vocabulary terms a query term was probably meant to be, for typo-tolerant search: the
/// close spellings that are plausibly the same word.
///
/// The rules:
/// - The allowed distance (`TypoDistance`) grows with the query's length in letters (Unicode
///   scalars of the folded term): 1 for 3–4 letters, 1.5 for 5–7, 2 for 8 or more. Shorter terms
///   get no candidates: one edit turns a two-letter word into another real word.
/// - A term made only of ASCII digits gets no candidates: 1998 is not a misspelling of 1999.
/// - A vocabulary term whose letter count differs from the query's by more than the allowed
///   distance is skipped without measuring it, even when cheap vowel insertions would keep it
///   within the distance: adding three letters to a word makes another word.
/// - The query itself (distance 0) is never a candidate: it is not a typo; nor is a function word
///   (في، الذي، است …), which would match nearly every passage.
/// - A candidate must be common enough for its distance: in at least `m` passages at distance
///   0.5, ten times as many at 1, a hundred times at 1.5, a thousand at 2, where `m` is 1, or one
///   passage in 20,000 in a larger index (see `minimumPassages`): stacked confusions, and rare
///   words near a word that is not in the index, are then left alone.
/// - A candidate that is another word rather than a spelling variant — a letter wrong, missing,
///   extra or swapped, not only the cheap edits, so its `TypoSkeleton` differs from the
///   query's — only for a query of `otherWordMinimumLetters` letters or more (one edit of a
///   short word is most often another real word: شجرة is not شكره), and only when the caller
///   `allowsOtherWords`.
/// - The candidates are ranked by their passages divided by ten for each half unit of distance
///   (a term 0.5 farther needs ten times the passages to rank first), then by distance, then by
///   term; at most `maximumCount` are returned.
public struct TypoCandidates: Sendable {
    /// One vocabulary term near the query.
    public struct Candidate: Equatable, Sendable {
        public var term: String
        /// Passages with the term.
        public var frequency: Int
        public var distance: Double
        /// Whether it has the query's skeleton: the same word spelled another way.
        public var isVariant: Bool

        public init(term: String, frequency: Int, distance: Double, isVariant: Bool) {
            self.term = term
            self.frequency = frequency
            self.distance = distance
            self.isVariant = isVariant
        }
    }

    public static let defaultMaximumCount = 1
    /// The shortest query that may be read as another word (see the rules).
    public static let otherWordMinimumLetters = 5

    /// The largest distance at which a term of `letterCount` letters has typo candidates, or nil
    /// if it is too short to have any.
    public static func allowedDistance(letterCount: Int) -> Double? {
        switch letterCount {
        case ..<3: nil
        case 3...4: 1
        case 5...7: 1.5
        default: 2
        }
    }

    /// How many passages a candidate at `units` half units of distance must be in, in an index
    /// of `totalPassages` (see the rules).
    public static func minimumPassages(units: Int, totalPassages: Int) -> Int {
        max(1, totalPassages / 20_000) * passageFactors[min(max(units, 0), 4)]
    }

    private static let passageFactors = [1, 1, 10, 100, 1_000]

    /// The most plausible terms of `vocabulary` for `query`, by the rules above.
    public static func closest(
        to query: String,
        in vocabulary: some Sequence<(term: String, frequency: Int)>,
        totalPassages: Int = 0,
        allowsOtherWords: Bool = true,
        maximumCount: Int = defaultMaximumCount
    ) -> [Candidate] {
        let queryLetters = query.unicodeScalars.map(\.value)
        guard maximumCount > 0,
              let allowed = allowedDistance(letterCount: queryLetters.count),
              !queryLetters.allSatisfy({ (0x30...0x39).contains($0) }),
              let limit = TypoDistance.units(allowed)
        else { return [] }
        let maximumLengthDifference = Int(allowed.rounded(.down))
        let longest = queryLetters.count + maximumLengthDifference
        let skeleton = TypoSkeleton.of(query)
        let otherWordsAllowed = allowsOtherWords && queryLetters.count >= otherWordMinimumLetters

        var found: [(candidate: Candidate, weight: Int)] = []
        var letters = [UInt32](repeating: 0, count: longest + 1)
        queryLetters.withUnsafeBufferPointer { queryBuffer in
            letters.withUnsafeMutableBufferPointer { buffer in
                for (term, frequency) in vocabulary {
                    // Decode, giving up as soon as the term is too long.
                    var count = 0
                    for scalar in term.unicodeScalars {
                        guard count < buffer.count else { break }
                        buffer[count] = scalar.value
                        count += 1
                    }
                    guard abs(count - queryLetters.count) <= maximumLengthDifference else { continue }
                    let candidate = UnsafeBufferPointer(rebasing: buffer[..<count])
                    guard let units = TypoDistance.distanceUnits(queryBuffer, candidate, limit: limit), units > 0,
                          frequency >= minimumPassages(units: units, totalPassages: totalPassages),
                          !StopWords.contains(term)
                    else { continue }
                    let isVariant = TypoSkeleton.of(term) == skeleton
                    guard isVariant || otherWordsAllowed else { continue }
                    let entry = Candidate(term: term, frequency: frequency, distance: TypoDistance.value(units), isVariant: isVariant)
                    found.append((entry, weight(frequency: frequency, units: units)))
                }
            }
        }
        found.sort { a, b in
            if a.weight != b.weight { return a.weight > b.weight }
            if a.candidate.distance != b.candidate.distance { return a.candidate.distance < b.candidate.distance }
            return a.candidate.term.utf8.lexicographicallyPrecedes(b.candidate.term.utf8)
        }
        return found.prefix(maximumCount).map(\.candidate)
    }

    /// Frequency divided by ten per half unit of distance, in integers: times 10^(4 − units),
    /// 4 half units being the largest distance allowed.
    static func weight(frequency: Int, units: Int) -> Int {
        min(frequency, Int.max / 10_000) * scales[min(max(units, 0), 4)]
    }

    private static let scales = [10_000, 1_000, 100, 10, 1]
}
