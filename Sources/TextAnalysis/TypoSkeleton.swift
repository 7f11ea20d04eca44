/// The key under which the vocabulary files a word for typo lookup: what is left of a folded term
/// when everything `TypoDistance` makes cheap is taken out of it.
///
/// The rules, derived from `TypoDistance`'s tables so the two never disagree:
/// - A letter whose insertion or deletion is cheap (ا و ي ء), and every letter in a confusion
///   group with one of them (ع, ؤ, ی, ى), is left out.
/// - Letters linked by confusion groups, directly or through a shared letter, become one letter,
///   the smallest of them: ض ظ ذ ز د ژ → د; س ص ث → س; ت ط → ت; ح ه ة ۀ → ه; ق غ ك ک گ → ك;
///   ج چ → ج; ب پ → ب.
/// - Every other scalar stays as it is.
///
/// So every cheap edit leaves the skeleton unchanged, and an edit that costs 1 (a letter replaced,
/// inserted, deleted, or two letters swapped) changes it by at most one such edit: a word within
/// `TypoDistance` of a query word with at most one full-cost edit has a skeleton equal to the query's
/// or one edit away from it, among the `neighbours` of the query's skeleton. The vocabulary can then
/// be searched by a few hundred exact lookups instead of a scan, whatever its size.
public enum TypoSkeleton {
    /// The skeleton of a folded term.
    public static func of(_ term: String) -> String {
        var term = term
        var skeleton: [UInt8] = []
        term.withUTF8 { _ = append(skeletonOf: $0, to: &skeleton) }
        return String(decoding: skeleton, as: UTF8.self)
    }

    /// Appends the skeleton of a folded term, given as UTF-8, to `bytes`; returns the term's
    /// length in letters (Unicode scalars).
    @discardableResult
    public static func append(skeletonOf term: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Int {
        guard let base = term.baseAddress else { return 0 }
        var index = 0, letters = 0
        while index < term.count {
            let (value, length) = UTF8Encoding.decode(base, at: index, count: term.count)
            index += length
            letters += 1
            if let mapped = map(value) { UTF8Encoding.append(mapped.value, to: &bytes) }
        }
        return letters
    }

    /// The skeletons one edit (or none) away from `skeleton`: itself, each letter deleted, each pair
    /// of neighbours swapped, and each letter replaced by, or each gap given, a letter of the
    /// alphabet that skeletons of the same script are made of. Without duplicates.
    public static func neighbours(of skeleton: String) -> [String] {
        let letters = Array(skeleton.unicodeScalars)
        var alphabet = arabicAlphabet
        if letters.contains(where: { $0.isASCII }) { alphabet += asciiAlphabet }
        for letter in letters where !alphabet.contains(letter) { alphabet.append(letter) }

        var seen: Set<String> = []
        var result: [String] = []
        func add(_ scalars: some Sequence<Unicode.Scalar>) {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let text = String(view)
            if seen.insert(text).inserted { result.append(text) }
        }
        add(letters)
        for index in letters.indices {
            add(letters[..<index] + letters[(index + 1)...])
            if index + 1 < letters.count, letters[index] != letters[index + 1] {
                var swapped = letters
                swapped.swapAt(index, index + 1)
                add(swapped)
            }
            for letter in alphabet where letter != letters[index] {
                var replaced = letters
                replaced[index] = letter
                add(replaced)
            }
        }
        for gap in 0...letters.count {
            for letter in alphabet {
                add(letters[..<gap] + [letter] + letters[gap...])
            }
        }
        return result
    }

    // MARK: - The letter map

    /// What `scalar` becomes: nil when it is left out.
    @inline(__always)
    static func map(_ value: UInt32) -> Unicode.Scalar? {
        let offset = value &- TypoDistance.profileStart
        if offset < 0x100 {
            let mapped = table[Int(offset)]
            return mapped == 0 ? nil : Unicode.Scalar(mapped)
        }
        return Unicode.Scalar(value)
    }

    /// For U+0600..<U+0700: the scalar each letter becomes, 0 for a letter left out.
    static let table: [UInt32] = {
        // Union-find over the block: letters of one confusion group join one set.
        var parent = Array(0..<0x100)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index { index = parent[index] }
            return index
        }
        for group in TypoDistance.confusionGroups {
            let members = group.unicodeScalars.map { Int($0.value - TypoDistance.profileStart) }
            for member in members.dropFirst() {
                let (a, b) = (root(members[0]), root(member))
                // The smaller scalar stays the root, so it names the set.
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var dropped: Set<Int> = []
        for scalar in TypoDistance.cheapInsertions.unicodeScalars {
            dropped.insert(root(Int(scalar.value - TypoDistance.profileStart)))
        }
        return (0..<0x100).map { index in
            let set = root(index)
            return dropped.contains(set) ? 0 : TypoDistance.profileStart + UInt32(set)
        }
    }()

    /// The letters Arabic-script skeletons are made of: the skeleton letters of what folding
    /// leaves of the Arabic and Persian alphabets (ا ب ت ث … ي, پ چ ژ گ), each once.
    static let arabicAlphabet: [Unicode.Scalar] = {
        var letters: [Unicode.Scalar] = []
        let folded = Array(0x0627...0x063A).filter { $0 != 0x0629 } + Array(0x0641...0x064A).filter { $0 != 0x0649 }
            + [0x067E, 0x0686, 0x0698, 0x06AF]
        for value in folded {
            guard let mapped = map(UInt32(value)), !letters.contains(mapped) else { continue }
            letters.append(mapped)
        }
        return letters
    }()

    static let asciiAlphabet: [Unicode.Scalar] = (Array(0x30...0x39) + Array(0x61...0x7A)).map { Unicode.Scalar(UInt8($0)) }
}
