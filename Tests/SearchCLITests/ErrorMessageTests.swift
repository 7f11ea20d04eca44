import Foundation
import Testing
@testable import SearchCLI

/// Errors are one line on stderr with exit status 2, as the README promises.
@Suite struct ErrorMessageTests: SeedsSuite {
    let workspace: Workspace

    init() throws {
        workspace = try .withIndexedSeeds()
    }

    static let helpTopics = "try `search help`, `search help query`, `search help index` or `search help status`"

    @Test(arguments: [
        (["العراق", "--per-file", "-1"], "search: --per-file must be 1 or more, got -1 (see `search --help`)"),
        (["العراق", "--limit", "-1"], "search: --limit must be 0 (all) or more, got -1 (see `search --help`)"),
        (["العراق", "--offset", "-2"], "search: --offset must be 0 or more, got -2 (see `search --help`)"),
        (["العراق", "--jsn"], "search: unknown option --jsn (see `search --help`)"),
        (["العراق", "--limit"], "search: missing value for '--limit <n>' (see `search --help`)"),
        (["index", "--bogus"], "search: unknown option '--bogus' (see `search index --help`)"),
        (["status", "extra"], "search: unexpected argument 'extra' (see `search status --help`)"),
        (["help", "bogus"], "search: no help on bogus: " + helpTopics),
        (["help", "query", "extra"], "search: no help on query extra: " + helpTopics),
    ])
    func errorsAreOneLine(arguments: [String], message: String) throws {
        let result = try runner.run(arguments: arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == message + "\n")
    }

    @Test func helpOnEachTopicStillExitsZero() throws {
        for topic in [[], ["query"], ["index"], ["status"]] {
            let help = try runner.run(arguments: ["help"] + topic)
            #expect(help.status == 0 && help.stdout.hasPrefix("OVERVIEW: ") && help.stderr.isEmpty)
        }
    }

    /// After `--` everything is query text, as with grep: a script can pass any text safely.
    @Test func everythingAfterDoubleDashIsQueryText() throws {
        let explained = try runner.run("--", "أستانا", "--explain")
        #expect(explained.status == 1)
        #expect(explained.stdout.isEmpty)
        #expect(explained.stderr == "search: --explain after `--` is part of the query, not an option\n")
        let asText = try runner.run("--explain", "--", "أستانا", "--json")
        #expect(asText.stdout.hasPrefix("query:     أستانا --json\n"))
        let dash = try runner.run("--json", "--", "-روسيا", "أستانا")
        #expect(dash.status == 0 && lines(dash).allSatisfy { !$0.contains("روسيا") })
        let afterDashes = try runner.run("--", "أستانا")
        #expect(afterDashes.stdout == (try runner.run("أستانا")).stdout)
        // Before `--`, a mistyped option is still an error.
        #expect(try runner.run("--jsn", "--", "أستانا").status == 2)
        #expect(try runner.run("--").status == 2)
    }

    /// The note after `--` knows every option the query command has.
    @Test func theOptionNamesAreThoseOfTheHelp() throws {
        let help = try runner.run("help", "query").stdout
        // Each option's line starts "  -l, --files-with-matches" or "  --limit <n>   Show…".
        let named = Set(help.components(separatedBy: "OPTIONS:")[1].split(separator: "\n")
            .filter { $0.hasPrefix("  -") }
            .flatMap { $0.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ")[0].components(separatedBy: ", ") }
            .map { $0.components(separatedBy: " ")[0] })
        #expect(named == QueryCommand.optionNames)
    }
}
