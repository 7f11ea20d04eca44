import ArgumentParser
import Foundation
import SearchCore
import SearchIndex

/// `search [query] WORDS…`: finds and prints the matching passages, best first.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Search the index (the default command).",
        discussion: QuerySyntaxHelp.text + """

            Exit status: 0 if something matched, 1 if nothing did, 2 on an error.
            """)

    static let defaultLimit = 10

    @OptionGroup var location: IndexLocationOptions

    // `.unconditional`: the value is read whatever it looks like, so `--limit -1` is told that
    // the number is negative, not that the value is missing.
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Show at most this many passages, or files with -l and -c (0: all of them; default 10, or all with -l "
            + "and -c).",
        valueName: "n"))
    var limit: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Skip this many passages first, or files with -l and -c (for paging).", valueName: "n"))
    var offset = 0

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "At most this many passages from any one file.", valueName: "n"))
    var perFile: Int?

    @Option(name: .customLong("path"), help: ArgumentHelp(
        "Only files whose path, or a folder above it, matches GLOB (repeatable; relative to the current folder; "
            + "a trailing / matches folders only).",
        valueName: "glob"))
    var pathGlobs: [String] = []

    @Flag(name: [.customShort("l"), .customLong("files-with-matches")], help: "Print only the paths of matching files, best first.")
    var filesWithMatches = false

    @Flag(name: [.customShort("c"), .customLong("count")], help: "Print the number of matching passages (per file with -l).")
    var count = false

    @Flag(help: "With -l, end each path with a NUL byte instead of a newline (for xargs -0).")
    var null = false

    @Flag(help: "Print JSON Lines, one object per hit (see README: JSON output).")
    var json = false

    @Flag(help: "Show how the query was understood (words, stems, operators, the FTS5 expression) and why each passage matched.")
    var explain = false

    @Flag(help: "Never look for close spellings of a word that matches nothing.")
    var exact = false

    @Flag(help: "Also match close spellings of every word (ranked below the word as typed).")
    var fuzzy = false

    @Option(help: ArgumentHelp("When to colour the output: auto, always, never.", valueName: "when"))
    var color = ColorChoice.auto

    /// The words, and whatever ArgumentParser did not recognise as an option: unknown options
    /// (so that a query may start with "-"), and `--` with everything after it.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "The words to search for (after --, every word, even one that looks like an option).", valueName: "query"))
    var words: [String] = []

    /// The first `--` among the words: the end of the options.
    private var terminator: Int? { words.firstIndex(of: "--") }

    /// What is searched for: the words without the `--` that ends the options.
    var queryWords: [String] {
        guard let terminator else { return words }
        var words = words
        words.remove(at: terminator)
        return words
    }

    /// The words that come after `--`: query text, whatever they look like.
    private var wordsAfterTerminator: ArraySlice<String> {
        terminator.map { words[($0 + 1)...] } ?? []
    }

    /// The query command's options, as typed; a word after `--` spelled like one of them is
    /// searched for, and the user is told so. (A test holds this list to the help.)
    static let optionNames: Set<String> = [
        "--index", "--limit", "--offset", "--per-file", "--path", "-l", "--files-with-matches", "-c", "--count",
        "--null", "--json", "--explain", "--exact", "--fuzzy", "--color", "-h", "--help", "--version",
    ]

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 (all) or more, got \(limit)") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more, got \(offset)") }
        if let perFile, perFile < 1 { throw ValidationError("--per-file must be 1 or more, got \(perFile)") }
        if exact && fuzzy { throw ValidationError("--exact and --fuzzy contradict each other") }
        if null && !filesWithMatches { throw ValidationError("--null goes with -l (--files-with-matches)") }
        guard !queryWords.isEmpty else { throw ValidationError("give something to search for, e.g. search أستانا") }
        // Unknown options land among the words (so that a query may start with "-"); before `--`,
        // a word starting with "--" is a mistyped option, not something anyone searches for.
        let options = words[..<(terminator ?? words.endIndex)]
        if let option = options.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option \(option)")
        }
    }

    var searchOptions: SearchOptions {
        var options = SearchOptions()
        let listing = filesWithMatches || count
        options.limit = limit ?? (listing ? 0 : Self.defaultLimit)
        options.offset = offset
        options.perFile = perFile
        options.paths = PathFilter(patterns: pathGlobs.map(Self.absolutePattern))
        options.highlights = !listing
        // Counts and lists are of the words as typed, unless --fuzzy asks for close spellings.
        options.typos = exact ? .off : (fuzzy ? .always : (listing ? .suggest : .automatic))
        return options
    }

    /// A pattern is taken from the current folder unless it starts at the root or with a wildcard;
    /// `PathFilter` then reads it as a path (`./`, `..`, a trailing `/`).
    static func absolutePattern(_ pattern: String) -> String {
        if pattern.hasPrefix("/") || pattern.hasPrefix("*") { return pattern }
        if pattern.hasPrefix("~") {
            // NSString drops a trailing slash, which says "folders only".
            let expanded = (pattern as NSString).expandingTildeInPath
            if expanded.hasPrefix("/") { return expanded + (pattern.hasSuffix("/") && expanded != "/" ? "/" : "") }
        }
        return FileManager.default.currentDirectoryPath + "/" + pattern
    }

    func run() throws {
        // `search -- سوريا --explain` searches for "--explain": say so, or the user who meant the
        // option would be left wondering why nothing was explained (or matched).
        for word in wordsAfterTerminator where Self.optionNames.contains(word) {
            Output.error("\(word) after `--` is part of the query, not an option")
        }
        try invocation.run()
    }

    /// What these arguments ask for.
    var invocation: QueryInvocation {
        QueryInvocation(
            words: queryWords, location: location.resolved, options: searchOptions,
            filesWithMatches: filesWithMatches, count: count, null: null, json: json, explain: explain,
            colored: color.enabled)
    }

}
