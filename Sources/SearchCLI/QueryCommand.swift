import ArgumentParser
import Foundation
import SearchIndex

/// `search [query] WORDS…`: finds and prints the matching passages, best first.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Search the index (the default command).",
        discussion: """
            All words are required; "double quotes" ask for an exact phrase. Spelling variants \
            match each other: أستانا = استانا = آستانا, روسیه = روسيه, می‌گذاریم = میگذاریم, ١٩٤٤ = 1944.

            Examples:
              search أستانا
              search "مفاوضات أستانا"
              search روسیه --limit 3
              search عقب‌نشینی --json | jq -r '.path + ":" + (.line|tostring)'

            Exit status: 0 if something matched, 1 if nothing did, 2 on an error.
            """)

    @OptionGroup var location: IndexLocationOptions

    @Option(help: ArgumentHelp("Show at most this many passages (0: all of them).", valueName: "n"))
    var limit = 10

    @Flag(help: "Print JSON Lines, one object per hit (see README: JSON output).")
    var json = false

    @Option(help: ArgumentHelp("When to colour the output: auto, always, never.", valueName: "when"))
    var color = ColorChoice.auto

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The words to search for.", valueName: "query"))
    var words: [String] = []

    func validate() throws {
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more, got \(limit)") }
        guard !words.isEmpty else { throw ValidationError("give something to search for, e.g. search أستانا") }
        // Unknown options land among the words (so that a query may start with "-"); a word
        // starting with "--" is a mistyped option, not something anyone searches for.
        if let option = words.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option \(option)")
        }
    }

    func run() throws {
        let query = try QueryParser().parse(words.joined(separator: " "))
        let store = try openIndex()
        var printer: any HitPrinter = json
            ? JSONLinesPrinter()
            : StandardPrinter(colored: color.enabled)
        let count = try Searcher(store: store).search(query, limit: limit) { hit in
            printer.print(hit)
        }
        printer.finish()
        if count == 0 { throw ExitCode(ExitStatus.noMatch) }
    }

    /// Opens the index; the embedded default builds itself from `seeds/` on first use, and
    /// rebuilds itself after the text analysis changed. Two first queries at once build it once:
    /// the second waits for the first's lock, then finds the index ready.
    private func openIndex() throws -> IndexStore {
        let (path, isDefault) = location.resolved
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
