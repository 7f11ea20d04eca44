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

    public init() {}

    /// Whether the ranked list must be filtered row by row rather than cut by SQL.
    package var filtersRows: Bool { perFile != nil || !paths.isEmpty }
}

/// When to look for close spellings of a query word.
public enum TypoTolerance: String, Sendable, CaseIterable {
    /// Only for a word that matches nothing in the index.
    case automatic
    /// Never (`--exact`).
    case off
    /// For every word (`--fuzzy`).
    case always
}

/// A query word read with close spellings from the index.
public struct TypoCorrection: Equatable, Sendable {
    /// The word as typed.
    public var typed: String
    /// The indexed spellings searched in its place (or beside it, with `--fuzzy`).
    public var spellings: [String]
    /// Whether the word as typed matched nothing.
    public var typedMatchedNothing: Bool

    package init(typed: String, spellings: [String], typedMatchedNothing: Bool) {
        self.typed = typed
        self.spellings = spellings
        self.typedMatchedNothing = typedMatchedNothing
    }
}
