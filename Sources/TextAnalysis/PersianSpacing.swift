/// Persian words written apart that belong together: a suffix written as a word of its own
/// (ها، های، تر، ترین، ای، ام، اش …) belongs to the word before it, and the verb prefix می/نمی to
/// the word after it. Persian writes کتاب‌ها, کتابها and کتاب ها alike; folding unifies the first
/// two, and these rules join the third.
///
/// One rule for documents and queries, so that they meet:
/// - two adjacent words join when the first is a prefix word or the second a suffix word, and the
///   second is not a prefix word (`joins`);
/// - a spelling spans at most `maximumRunWords` words and `Analyzer.maximumTermBytes` bytes once
///   joined;
/// - a document indexes, at each word, every run of joined words that ends there (`IndexTerms`):
///   at ی in «کتاب ها ی», كتابهاي and هاي (كتابها was indexed at ها);
/// - a query reads its words as runs, from the first word on (`runs(of:)`): «کتاب ها ی» is the one
///   word كتابهاي, which the document above has. Every run a query forms is one that a document
///   with the same words indexed.
public enum PersianSpacing {
    /// The most words one spelling spans: longer runs are cut (a query) or not joined (a document).
    public static let maximumRunWords = 4

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

    /// Whether the folded word `next`, written after `previous` with a space, belongs with it.
    public static func joins(_ previous: UnsafeBufferPointer<UInt8>, _ next: UnsafeBufferPointer<UInt8>) -> Bool {
        (isPrefixWord(previous) || isSuffixWord(next)) && !isPrefixWord(next)
    }

    /// The spellings a query's folded words form, as ranges of `terms`: each run of words that
    /// join, from the first word on, within the limits; a word that joins nothing is a run alone.
    public static func runs(of terms: [String]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = 0
        var bytes = 0
        for index in terms.indices {
            let length = terms[index].utf8.count
            if index > start, index - start < maximumRunWords, bytes + length <= Analyzer.maximumTermBytes,
               joins(terms[index - 1], terms[index]) {
                bytes += length
                continue
            }
            if index > start { runs.append(start..<index) }
            start = index
            bytes = length
        }
        if !terms.isEmpty { runs.append(start..<terms.count) }
        return runs
    }

    static func joins(_ previous: String, _ next: String) -> Bool {
        var previous = previous, next = next
        return previous.withUTF8 { previous in next.withUTF8 { joins(previous, $0) } }
    }

    private static func contains(_ words: [[UInt8]], _ term: UnsafeBufferPointer<UInt8>) -> Bool {
        guard term.count <= 12 else { return false }
        return words.contains { $0.count == term.count && $0.elementsEqual(term) }
    }
}
