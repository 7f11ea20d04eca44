import ArgumentParser
import Foundation
import SearchIndex

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
        var printer: any HitPrinter
        var searchOptions = options
        if filesWithMatches || count {
            printer = FileListPrinter(
                listsFiles: filesWithMatches, counts: count, json: json, terminator: null ? "\0" : "\n",
                offset: options.offset, limit: options.limit)
            // --offset and --limit count files here, and counts are whole: the printer pages the
            // files, so it needs every matching passage.
            searchOptions.offset = 0
            searchOptions.limit = 0
        } else if json {
            printer = JSONLinesPrinter()
        } else {
            printer = StandardPrinter(colored: colored, windowed: onTerminal, explains: explain)
        }
        let searcher = Searcher(store: store)
        if explain {
            let (understood, corrections) = try searcher.understand(query, options: options)
            let text = QueryExplanation.text(typed: words.joined(separator: " "), query: understood, corrections: corrections)
            // JSON keeps standard output for its own lines.
            if json || filesWithMatches || count { Output.error(text, prefixed: false) } else { Output.write(text + "\n") }
        }
        do {
            try searcher.search(query, options: searchOptions, corrected: { correction in
                let spellings = correction.spellings.joined(separator: ", ")
                Output.error(correction.typedMatchedNothing
                    ? "no exact match for \(correction.typed); showing \(spellings)"
                    : "also showing close spellings of \(correction.typed): \(spellings)")
            }) { hit in
                printer.print(hit)
                if printer.isComplete { throw PrinterComplete() }
            }
        } catch {
            // Unless the search was stopped on purpose (the searcher hands the sink's error back
            // wrapped in its own).
            guard printer.isComplete else { throw error }
        }
        printer.finish()
        if !printer.printedAny { throw ExitCode(ExitStatus.noMatch) }
    }

    /// Thrown from the search's sink to stop reading hits that could change nothing.
    private struct PrinterComplete: Error {}

    /// Opens the index; the embedded default builds itself from `seeds/` on first use, and
    /// rebuilds itself after the text analysis changed. Two first queries at once build it once:
    /// the second waits for the first's lock, then finds the index ready.
    private func openIndex() throws -> IndexStore {
        let (path, isDefault) = location
        var lock: IndexLock?
        while true {
            do {
                return try IndexStore.openForSearching(at: path)
            } catch {
                guard lock == nil else { throw error }
                switch error {
                case .indexNotFound where isDefault && Self.seedsAvailable,
                     .analysisVersionMismatch where isDefault:
                    break
                default:
                    throw error
                }
            }
            lock = try IndexLock.acquire(forIndex: path, wait: true)
            if (try? IndexStore.openForSearching(at: path)) == nil { try buildDefaultIndex(at: path) }
        }
    }

    private func buildDefaultIndex(at path: String) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        Output.error(exists
            ? "the text analysis changed: rebuilding \(path)"
            : "first use: indexing \(Self.seedsFolder)/ into \(path)")
        let store = try IndexStore.openForIndexing(at: path)
        _ = try Indexer(store: store, warn: { Output.error($0) })
            .run(roots: Self.seedsAvailable ? [Self.seedsFolder] : [], full: true)
    }

    static let seedsFolder = "seeds"

    static var seedsAvailable: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: seedsFolder, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
