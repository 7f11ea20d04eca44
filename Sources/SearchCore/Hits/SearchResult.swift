/// A query as an index reads it, ready to run: its compounds, attached conjunctions and the close
/// spellings of words the index does not have (`--explain` shows this).
public struct UnderstoodQuery: Sendable, Equatable {
    public var query: ParsedQuery
    /// The words read with close spellings, in the order of the query.
    public var corrections: [TypoCorrection]

    package init(query: ParsedQuery, corrections: [TypoCorrection]) {
        self.query = query
        self.corrections = corrections
    }
}

/// One page of results: the query as it was run, what was corrected, the hits, best first.
public struct SearchResult: Sendable {
    public var understood: UnderstoodQuery
    public var hits: [Hit]
    /// How many passages match in all (after `paths` and `perFile`), when the options asked for it.
    public var total: Int?

    package init(understood: UnderstoodQuery, hits: [Hit], total: Int?) {
        self.understood = understood
        self.hits = hits
        self.total = total
    }
}
