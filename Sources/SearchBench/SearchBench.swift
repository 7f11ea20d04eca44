import ArgumentParser
import Foundation
import SearchCore
import SearchIndex

/// `search-bench [OPTIONS] CORPUS…`: builds our index and a plain FTS5 `unicode61` index of the
/// same corpus, queries both, and prints the figures side by side.
///
/// Two hidden helpers run as children of a benchmark run, named by the first argument:
/// `build-baseline` builds the `unicode61` index, and `measure-child` measures each index build
/// (see there why it is needed). They are not ArgumentParser subcommands because a command
/// that takes CORPUS… arguments cannot also have subcommands.
@main
struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search-bench",
        abstract: "Benchmark our index against a plain FTS5 unicode61 index of the same passages.",
        discussion: """
            Each CORPUS is a folder of text files, or a JSON Lines file of documents (`title`, \
            `text`; gzipped if it ends in .jsonl.gz), which is first written out as a folder under \
            --work. Both indexes are built from the same folders in child processes (wall time, CPU \
            time and peak RSS as wait4 reports them), then queried in this process and as one \
            process per query. Progress goes to stderr, the markdown report to stdout.

            Examples:
              swift run -c release search-bench ../shared/corpora/ar-hadith.jsonl.gz --json hadith.json
              swift run -c release search-bench ../shared/corpora/ar-news.jsonl.gz --target-mb 1000
            """)

    static var helpers: [any ParsableCommand.Type] { [BuildBaselineCommand.self, MeasureChildCommand.self] }

    @OptionGroup var options: BenchOptions

    func run() throws {
        try BenchRun(options: options).run()
    }

    /// Replaces ArgumentParser's `main()` so that our own errors end the program with one line
    /// on stderr, never a dump of the error value.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let helper = arguments.first.flatMap { name in helpers.first { $0.configuration.commandName == name } }
        let command = helper ?? SearchBench.self
        do {
            var parsed = try command.parseAsRoot(helper == nil ? arguments : Array(arguments.dropFirst()))
            try parsed.run()
        } catch let error as BenchError {
            Log.error(error.description)
            Foundation.exit(1)
        } catch let error as IndexError {
            Log.error(error.description)
            Foundation.exit(1)
        } catch let error as QueryError {
            Log.error(error.description)
            Foundation.exit(1)
        } catch {
            // Usage errors, --help: ArgumentParser's own message and exit status.
            command.exit(withError: error)
        }
    }
}
