import ArgumentParser
import Foundation
@_spi(Benchmark) import SearchIndex

/// `search-bench build-baseline --index DB FOLDER…` (hidden): the baseline index build, run by
/// the benchmark as a child process so its CPU time and peak RSS are measured on their own.
///
/// It is `search index` minus the command line: the same `Indexer` with the FTS5 tokenizer
/// `unicode61 remove_diacritics 2` in place of ours.
struct BuildBaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-baseline",
        abstract: "Build a plain FTS5 unicode61 index of FOLDERs (used by the benchmark).",
        shouldDisplay: false)

    @Option(help: ArgumentHelp("The database to create.", valueName: "path"))
    var index: String

    @Argument(help: ArgumentHelp("Folders to index.", valueName: "folder"))
    var folders: [String]

    func run() throws {
        let store = try IndexStore.openForIndexing(at: index, tokenizer: .unicode61)
        let indexer = Indexer(store: store, observer: IndexObserver(warning: { Log.progress("baseline: \($0)") }))
        let summary = try indexer.run(roots: folders, options: IndexRunOptions())
        Log.progress("baseline \(summary.line)")
    }
}
