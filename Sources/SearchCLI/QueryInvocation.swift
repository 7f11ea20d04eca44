import ArgumentParser
import Foundation
import SearchCore
import SearchIndex
import SearchOutput

/// A query as the user asked for it, however its arguments were read (`QueryCommand`, or
/// `FastQueryArguments` for the plain `search WORDS…`): opens the index, searches, prints.
struct QueryInvocation {
    var words: [String]
    var location: (path: String, isDefault: Bool)
    var options: SearchOptions
    var filesWithMatches = false
    var count = false
    var null = false
    var json = false
    var explain = false
    var colored = false
    /// Long passages are windowed only for a reader at a terminal, whatever the colour choice:
    /// piped, even with `--color always`, passages are printed whole.
    var onTerminal = Output.standardOutputIsTerminal

    func run() throws {
        let query = try QueryParser().parse(words.joined(separator: " "))
        let store = try openIndex()
        let paths = DisplayPath(relativeTo: FileManager.default.currentDirectoryPath)
        var printer: any HitPrinter
        var searchOptions = options
        if filesWithMatches || count {
            printer = FileListPrinter(
                listsFiles: filesWithMatches, counts: count, json: json, terminator: null ? "\0" : "\n",
                paths: paths, offset: options.offset, limit: options.limit)
            // --offset and --limit count files here, and counts are whole: the printer pages the
            // files, so it needs every matching passage.
            searchOptions.offset = 0
            searchOptions.limit = 0
        } else if json {
            printer = JSONLinesPrinter(to: StandardOutput(), paths: paths)
        } else {
            printer = StandardPrinter(colored: colored, windowed: onTerminal, explains: explain, paths: paths)
        }
        let searcher = Searcher(store: store)
        // Read once (compounds, typos), then explained, reported and run as read.
        let understood = try searcher.understand(query, options: options)
        if explain {
            // Close spellings only named (-c, -l) are not part of the query run.
            let text = QueryExplanation.text(
                typed: words.joined(separator: " "), query: understood.query,
                corrections: understood.corrections.filter(\.isSearched))
            // JSON keeps standard output for its own lines.
            if json || filesWithMatches || count { Output.error(text, prefixed: false) } else { try Output.write(text + "\n") }
        }
        let verb = count ? "counting" : (filesWithMatches ? "listing" : "showing")
        understood.corrections.forEach { Output.error(Self.message($0, verb: verb)) }
        // Printed as they are ranked: a listing of every match never holds them all.
        try searcher.forEachHit(of: understood, options: searchOptions) { hit in
            try printer.print(hit)
            return !printer.isComplete
        }
        try printer.finish()
        if !printer.printedAny { throw ExitCode(ExitStatus.noMatch) }
    }

    /// What stderr says about a word read with close spellings; `verb` says what is done with
    /// the matches (showing, counting, listing).
    static func message(_ correction: TypoCorrection, verb: String) -> String {
        let spellings = correction.shownSpellings.joined(separator: ", ")
        guard correction.isSearched else {
            return "no exact match for \(correction.typed); did you mean \(spellings)? "
                + "(-c and -l count words as typed unless --fuzzy)"
        }
        return correction.typedMatchedNothing
            ? "no exact match for \(correction.typed); \(verb) \(spellings)"
            : "also \(verb) close spellings of \(correction.typed): \(spellings)"
    }

    /// Opens the index. The embedded default (no --index, no $SEARCH_INDEX) builds itself from
    /// the demo corpus on first use, and rebuilds itself after the text analysis changed, but
    /// only when `seeds/` here is the demo corpus (`DemoCorpus`) and the index holds nothing else.
    private func openIndex() throws -> IndexStore {
        let (path, isDefault) = location
        let failure: IndexError
        do {
            return try IndexStore.openForSearching(at: path)
        } catch {
            failure = error
        }
        switch failure {
        case .indexNotFound where isDefault && DemoCorpus.isHere:
            Output.error("first use: indexing the demo corpus \(DemoCorpus.folder)/ (five news articles) into \(path)")
        case .analysisVersionMismatch where isDefault && DemoCorpus.isHere && Self.holdsOnlyTheDemo(path):
            Output.error("the text analysis changed: rebuilding \(path) from the demo corpus \(DemoCorpus.folder)/")
        default:
            throw failure
        }
        // Two first queries at once build it once: the second waits for the first's lock, then
        // finds the index up to date.
        var run = IndexRun(path: path, roots: [DemoCorpus.folder])
        run.wait = true
        _ = try run.perform(observer: IndexObserver(warning: { Output.error($0) }))
        return try IndexStore.openForSearching(at: path)
    }

    private static func holdsOnlyTheDemo(_ path: String) -> Bool {
        let demo = FileManager.default.currentDirectoryPath + "/" + DemoCorpus.folder
        guard let roots = try? IndexStore.openForReading(at: path).status().roots else { return false }
        return roots.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
            == [URL(fileURLWithPath: demo).resolvingSymlinksInPath().path]
    }
}
