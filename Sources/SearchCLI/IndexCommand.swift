import ArgumentParser
import SearchIndex

/// `search index [PATH…]`: builds or updates the index.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or update the index of folders of documents.",
        discussion: """
            Reads UTF-8 text files (.txt, .md and other plain text) under each PATH, splits them into \
            passages (paragraphs) and indexes them. Run it again at any time: unchanged files are not \
            read again, changed ones are replaced, removed ones drop out. With no PATH, the folders \
            indexed before are updated. Binary files are skipped with a warning.

            Examples:
              search index ~/news ~/books
              search index                      update the same folders
              search index --full               read and tokenize everything again
            """)

    @OptionGroup var location: IndexLocationOptions

    @Flag(help: "Rebuild from scratch: read and tokenize every file again.")
    var full = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings.")
    var quiet = false

    @Argument(help: ArgumentHelp("Folders or files to index (default: those indexed before).", valueName: "path"))
    var paths: [String] = []

    func run() throws {
        let store = try IndexStore.openForIndexing(at: location.resolved.path)
        let summary = try Indexer(store: store, warn: { Output.error($0) }).run(roots: paths, full: full)
        if !quiet { Output.write(summary.line + "\n") }
    }
}
