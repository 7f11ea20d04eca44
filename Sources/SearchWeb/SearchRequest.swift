import SearchCore

/// What a search asks for, read from the query parameters `q`, `offset`, `limit` and `path`
/// (repeatable), each checked: a bad value is a 400 with a message that says what fits.
struct SearchRequest: Equatable {
    var query: String
    var offset = 0
    var limit: Int
    /// Globs as given (relative ones are taken from the server's folder, as the CLI takes them
    /// from the current one).
    var pathGlobs: [String] = []

    /// The longest query read, in characters. The CLI has no limit of its own but the system's
    /// for an argument (128 KiB); a server shares its readers, and a query of 1,000 characters (a
    /// pasted paragraph, some 180 words) already takes about a second and a half on a large index.
    static let maximumQueryCharacters = 1_000
    /// Passages per page of the API at most (`limit`), and the page's own page size.
    static let maximumLimit = 100
    static let pageSize = 10
    /// The deepest page: paging further walks every match.
    static let maximumOffset = 10_000
    static let maximumPathGlobs = 8
    /// A glob's length at most: `fnmatch` backtracks on each `*`.
    static let maximumGlobBytes = 512

    /// Reads the parameters; nil when there is no `q` at all (or, with `emptyIsNone`, an empty
    /// one: the page then shows just the box).
    init?(_ request: WebRequest, defaultLimit: Int, limitIsFixed: Bool, emptyIsNone: Bool = false) throws(WebError) {
        guard let query = try request.value("q") else { return nil }
        if emptyIsNone && query.allSatisfy(\.isWhitespace) { return nil }
        guard query.unicodeScalars.count <= Self.maximumQueryCharacters else {
            throw WebError(status: .badRequest, "the query is longer than \(Self.maximumQueryCharacters) characters")
        }
        self.query = query
        offset = try Self.number("offset", in: request, range: 0...Self.maximumOffset) ?? 0
        limit = limitIsFixed ? defaultLimit : try Self.number("limit", in: request, range: 1...Self.maximumLimit) ?? defaultLimit
        pathGlobs = request.values("path")
        guard pathGlobs.count <= Self.maximumPathGlobs else {
            throw WebError(status: .badRequest, "more than \(Self.maximumPathGlobs) path parameters")
        }
        for glob in pathGlobs {
            guard !glob.isEmpty, glob.utf8.count <= Self.maximumGlobBytes else {
                throw WebError(status: .badRequest, "a path parameter must be a glob of 1 to \(Self.maximumGlobBytes) bytes")
            }
        }
    }

    private static func number(_ name: String, in request: WebRequest, range: ClosedRange<Int>) throws(WebError) -> Int? {
        guard let text = try request.value(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw WebError(status: .badRequest,
                           "\(name) must be a number from \(range.lowerBound) to \(range.upperBound), got \(text)")
        }
        return value
    }

    /// The search options, with relative globs taken from `folder`.
    func options(folder: String) -> SearchOptions {
        var options = SearchOptions(limit: limit, offset: offset)
        options.paths = PathFilter(patterns: pathGlobs.map { glob in
            glob.hasPrefix("/") || glob.hasPrefix("*") ? glob : folder + "/" + glob
        })
        options.countsTotal = true
        return options
    }

    /// The parameters that ask for this search again, at `offset`.
    func parameters(offset: Int) -> [(String, String)] {
        [("q", query)] + (offset > 0 ? [("offset", String(offset))] : []) + pathGlobs.map { ("path", $0) }
    }
}
