/// How a highlighted word matched its query word.
public enum MatchKind: String, Equatable, Sendable {
    /// Exactly as typed, marks and all.
    case exact
    /// The same word after folding (hamza, yeh, kaf, teh marbuta, harakat, ZWNJ, digits …).
    case folded
    /// Another form of the word: clitics or affixes differ (والكتاب for كتاب).
    case stem
    /// A word that starts with a `word*` prefix.
    case prefix
    /// A close spelling of a word that matched nothing as typed (typo tolerance).
    case fuzzy
}

/// A range of a hit's text that matched the query.
public struct Highlight: Equatable, Sendable {
    /// UTF-8 byte offsets into the passage text, half-open.
    public var byteStart: Int
    public var byteEnd: Int
    /// Unicode scalar offsets into the passage text, half-open (what Python's str indexes count).
    public var scalarStart: Int
    public var scalarEnd: Int
    /// How the highlighted text matched.
    public var kind: MatchKind = .folded
    /// The query word or phrase (as typed) that it matched.
    public var queryWord: String?

    package init(
        byteStart: Int, byteEnd: Int, scalarStart: Int, scalarEnd: Int, kind: MatchKind = .folded, queryWord: String? = nil
    ) {
        self.byteStart = byteStart
        self.byteEnd = byteEnd
        self.scalarStart = scalarStart
        self.scalarEnd = scalarEnd
        self.kind = kind
        self.queryWord = queryWord
    }
}

/// One matching passage.
public struct Hit: Equatable, Sendable {
    /// 1-based rank in the result list.
    public var rank: Int
    /// Absolute path of the file.
    public var path: String
    /// First and last line of the passage in the file (1-based, inclusive).
    public var startLine: Int
    public var endLine: Int
    /// Relevance: BM25 times the share of the query's IDF the passage covers; higher is better.
    public var score: Double
    /// The passage as it appears in the file.
    public var text: String
    /// Where the query matched, in order.
    public var highlights: [Highlight]
    /// The file's row in the index: the same for every passage of the file (0 when not known).
    public var fileID: Int64

    package init(
        rank: Int, path: String, startLine: Int, endLine: Int, score: Double, text: String, highlights: [Highlight],
        fileID: Int64 = 0
    ) {
        self.rank = rank
        self.path = path
        self.startLine = startLine
        self.endLine = endLine
        self.score = score
        self.text = text
        self.highlights = highlights
        self.fileID = fileID
    }
}
