import Foundation
import Testing

/// The `search` binary as users and scripts run it: output, exit statuses, JSON Lines.
@Suite struct CommandLineTests {
    let workspace: Workspace
    let runner: CommandRunner

    init() throws {
        workspace = try Workspace()
        runner = workspace.runner
    }

    @Test func firstQueryBuildsTheDefaultIndexFromSeeds() throws {
        let result = try runner.run("أستانا")
        #expect(result.status == 0)
        #expect(result.stderr.contains("first use"))
        #expect(FileManager.default.fileExists(atPath: workspace.path + "/index/search.db"))
        let headings = result.stdout.split(separator: "\n").filter { $0.hasPrefix("seeds/") }
        #expect(headings == [
            "seeds/000_d0ff0c257c8734f8.txt:3", "seeds/000_d0ff0c257c8734f8.txt:7", "seeds/000_d0ff0c257c8734f8.txt:13",
        ].filter { headings.contains(Substring($0)) })
        #expect(headings.count == 3)
        // Second run: the index exists, nothing more on stderr.
        let again = try runner.run("استانا")
        #expect(again.status == 0 && again.stderr.isEmpty)
        #expect(again.stdout == result.stdout)
    }

    @Test func noMatchExitsOneWithoutOutput() throws {
        let result = try runner.run("zzzz")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func missingFolderExitsTwoWithOneLine() throws {
        let result = try runner.run("index", "/nonexistent")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "search: no such file or folder: /nonexistent\n")
    }

    @Test func badOptionsExitTwo() throws {
        let result = try runner.run("كتاب", "--limit", "x")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("search: "))
        let negative = try runner.run("كتاب", "--limit=-3")
        #expect(negative.status == 2)
        let misspelled = try runner.run("كتاب", "--jsn")
        #expect(misspelled.status == 2)
        #expect(misspelled.stderr == "search: unknown option --jsn (see `search --help`)\n")
    }

    @Test func malformedQueryIsExplained() throws {
        let result = try runner.run("\"مفاوضات أستانا")
        #expect(result.status == 2)
        #expect(result.stderr.contains("unbalanced quote"))
        #expect(!result.stderr.contains("fts5"))
    }

    @Test func helpAndVersionExitZero() throws {
        let help = try runner.run("--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE"))
        #expect(help.stdout.contains("روسيا OR سوريا") && help.stdout.contains("کتاب‌ها"))
        #expect(try runner.run("--version").status == 0)
        #expect(try runner.run("index", "--help").stdout.contains("--full"))
    }

    @Test func aQuerySpelledLikeASubcommandWorksAfterQuery() throws {
        try FileManager.default.createDirectory(atPath: workspace.path + "/docs", withIntermediateDirectories: true)
        try "the index of a book".write(toFile: workspace.path + "/docs/a.txt", atomically: true, encoding: .utf8)
        #expect(try runner.run("index", "docs", "--index", "x.db").status == 0)
        let result = try runner.run("query", "index", "--index", "x.db")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("docs/a.txt:1\n"))
    }

    @Test func indexCommandPrintsASummary() throws {
        let result = try runner.run("index", "seeds", "--index", "idx/search.db")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("indexed 5 new, 0 changed, 0 removed, 0 renamed, 0 unchanged files ("))
        let again = try runner.run("index", "--index", "idx/search.db")
        #expect(again.stdout.hasPrefix("indexed 0 new, 0 changed, 0 removed, 0 renamed, 5 unchanged files ("))
        #expect(try runner.run("index", "--quiet", "--index", "idx/search.db").stdout.isEmpty)
    }

    @Test func environmentVariableChoosesTheIndex() throws {
        #expect(try runner.run("index", "seeds", "--index", "elsewhere.db").status == 0)
        var withEnvironment = runner
        withEnvironment.environment["SEARCH_INDEX"] = "elsewhere.db"
        let result = try withEnvironment.run("أستانا")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: workspace.path + "/index/search.db"))
    }

    @Test func missingExplicitIndexIsAnError() throws {
        let result = try runner.run("أستانا", "--index", "missing.db")
        #expect(result.status == 2)
        #expect(result.stderr.contains("no index at missing.db"))
    }

    @Test func pipedOutputHasNoColourUnlessAsked() throws {
        let plain = try runner.run("أستانا")
        #expect(!plain.stdout.contains("\u{1B}["))
        let colored = try runner.run("أستانا", "--color", "always")
        // Arabic lines are isolated for the terminal's bidi algorithm; piped plain text is not.
        #expect(colored.stdout.contains("\n\u{2068}") && colored.stdout.contains("\u{2069}\n"))
        #expect(!plain.stdout.contains("\u{2068}"))
        #expect(colored.stdout.contains("\u{1B}[1;31mأستانا\u{1B}[0m"))
        #expect(try runner.run("أستانا", "--color", "never").stdout == plain.stdout)
    }

    @Test func limitOptionCapsOutput() throws {
        let two = try runner.run("العراق", "--limit", "2", "--json")
        #expect(two.stdout.split(separator: "\n").count == 2)
        let byDefault = try runner.run("العراق", "--json")
        #expect(byDefault.stdout.split(separator: "\n").count == 10)
        let all = try runner.run("العراق", "--limit", "0", "--json")
        #expect(all.stdout.split(separator: "\n").count > 10)
    }
}
