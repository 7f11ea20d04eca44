/// What to return of the matching passages, after ranking.
public struct SearchOptions: Sendable {
    /// At most this many passages; 0 means all of them.
    public var limit = 10
    /// Skip this many first (for paging).
    public var offset = 0
    /// At most this many passages per file.
    public var perFile: Int?
    public var paths = PathFilter(patterns: [])
    /// Compute highlights (not needed to list or count
    /// files); without, hits have an empty text.
    public var highlights = true
    public var typos = TypoTolerance.automatic
    /// Count every matching passage too (`SearchResult.total`): free without filters, a walk
    /// over every match with them.
    public var countsTotal = false

    public init() {}

    public init(limit: Int, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }

    /// Whether the ranked list must be filtered row by row rather than cut by SQL.
    package var filtersRows: Bool { perFile != nil || !paths.isEmpty }
}

/// When to look for close spellings of a query word.
public enum TypoTolerance: String, Sendable, CaseIterable {
    /// Only for a word that matches nothing in the index, and search them in its place.
    case automatic
    /// Only for a word that matches nothing, to name them: they are not searched (`-c` and
    /// `-l` count and list the words as typed).
    case suggest
    /// Never (`--exact`).
    case off
    /// For every word (`--fuzzy`), searched beside it.
    case always
}

/// A query word read with close spellings from the index.
public struct TypoCorrection: Equatable, Sendable {
    /// The word as typed.
    public var typed: String
    /// The close spellings found, folded as the index holds them.
    public var spellings: [String]
    /// The same spellings as passages of the index write them (ویتامین, not the folded ويتامين):
    /// what messages show.
    public var shownSpellings: [String]
    /// Whether the word as typed matched nothing.
    public var typedMatchedNothing: Bool
    /// Whether the spellings are searched (not with `TypoTolerance.suggest`).
    public var isSearched: Bool

    package init(typed: String, spellings: [String], shownSpellings: [String]? = nil, typedMatchedNothing: Bool,
                 isSearched: Bool = true) {
        self.typed = typed
        self.spellings = spellings
        self.shownSpellings = shownSpellings ?? spellings
        self.typedMatchedNothing = typedMatchedNothing
        self.isSearched = isSearched
    }
}
