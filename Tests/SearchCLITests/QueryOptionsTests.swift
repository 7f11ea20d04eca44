import Foundation
import Testing

/// The query language and output options through the binary, on a copy of the seeds.
@Suite struct QueryOptionsTests: SeedsSuite {
    let workspace: Workspace

    init() throws {
        workspace = try .withIndexedSeeds()
    }

    @Test(arguments: [("بوطين", "بوتين"), ("لافرف", "لافروف")])
    func aMisspelledNameFindsTheNameSaysSoAndMarksTheHitsFuzzy(typed: String, indexed: String) throws {
        let result = try runner.run(typed, "--json")
        #expect(result.status == 0)
        #expect(result.stderr == "search: no exact match for \(typed); showing \(indexed)\n")
        let hits = lines(result)
        #expect(!hits.isEmpty)
        for hit in hits {
            #expect(hit.contains("\"match\":\"fuzzy\""))
            #expect(hit.contains(indexed))
        }
        let exact = try runner.run(typed, "--exact")
        #expect(exact.status == 1 && exact.stderr.isEmpty)
    }

    @Test func spellingVariantsAreNotTypos() throws {
        let result = try runner.run("آستانا", "--json")
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(!result.stdout.contains("fuzzy"))
    }

    @Test func filesWithMatchesCountsAndNull() throws {
        let files = try runner.run("العراق", "-l")
        #expect(files.status == 0)
        let paths = lines(files)
        #expect(paths.count == Set(paths).count && paths.count >= 3)
        #expect(paths.allSatisfy { $0.hasPrefix("seeds/") && $0.hasSuffix(".txt") })
        let counted = try runner.run("العراق", "-l", "-c")
        let perFile = lines(counted)
        #expect(perFile.map { String($0.split(separator: ":")[0]) } == paths)
        let total = perFile.reduce(0) { $0 + Int($1.split(separator: ":")[1])! }
        #expect(try runner.run("العراق", "-c").stdout == "\(total)\n")
        #expect(try runner.run("العراق", "--limit", "0", "--json").stdout.split(separator: "\n").count == total)
        let nulled = try runner.run("العراق", "-l", "--null")
        #expect(nulled.stdout == paths.map { $0 + "\0" }.joined())
        let none = try runner.run("zzzz", "-c")
        #expect(none.status == 1 && none.stdout == "0\n")
    }

    @Test func perFileOffsetAndPathFilter() throws {
        let all = lines(try runner.run("العراق", "--limit", "0", "--json"))
        let onePerFile = lines(try runner.run("العراق", "--per-file", "1", "--json"))
        let files = onePerFile.map { $0.components(separatedBy: "\"path\":\"")[1].components(separatedBy: "\"")[0] }
        let listed = lines(try runner.run("العراق", "-l"))
        #expect(files.count == Set(files).count && files.count == listed.count)
        let page = lines(try runner.run("العراق", "--offset", "2", "--limit", "2", "--json"))
        #expect(page.count == 2 && page[0].contains("\"rank\":3"))
        #expect(page.map { $0.components(separatedBy: "\"text\"")[1] } == all[2..<4].map { $0.components(separatedBy: "\"text\"")[1] })
        let filtered = try runner.run("العراق", "--path", "seeds/004*", "-l")
        #expect(lines(filtered) == ["seeds/004_befc232161770c12.txt"])
        #expect(try runner.run("العراق", "--path", "elsewhere/*", "-l").status == 1)
        #expect(try runner.run("العراق", "--per-file", "0").status == 2)
        #expect(try runner.run("العراق", "--null").status == 2)
    }

    @Test(arguments: ["\"مفاوضات", "(أستانا", "أستانا)", "OR", "أستانا OR", "-أستانا", "-", "()", "NEAR(أستانا)", "؟"])
    func malformedQueriesExitTwoWithOneLine(query: String) throws {
        let result = try runner.run(query)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("search: ") && result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(!result.stderr.lowercased().contains("fts5") && !result.stderr.contains("syntax error"))
    }

    @Test func randomQueriesThroughTheBinaryOnlyExitZeroOneOrTwo() throws {
        let pieces = ["أستانا", "OR", "NOT", "-", "*", "(", ")", "\"", "NEAR(", ",", "«", "؟", "كتاب*", "--", "-l", "\u{200C}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<150 {
            let query = (0..<Int.random(in: 1...5, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined(separator: Bool.random() ? " " : "")
            let result = try runner.run(query)
            #expect([0, 1, 2].contains(result.status), "\(query.debugDescription) exited \(result.status)")
        }
    }

    @Test func noColorAndHelpQuery() throws {
        var noColor = runner
        noColor.environment["NO_COLOR"] = "1"
        #expect(!(try noColor.run("أستانا", "--color", "auto").stdout.contains("\u{1B}[")))
        let help = try runner.run("help", "query")
        #expect(help.status == 0)
        #expect(help.stdout.contains("NEAR(مفاوضات أستانا, 5)") && help.stdout.contains("روسيا OR سوريا"))
    }

    /// README's syntax table shows the examples `search help query` prints, and each one runs.
    @Test func readmeSyntaxTableMatchesTheHelp() throws {
        let readme = try String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let help = try runner.run("help", "query").stdout
        // Example lines are indented; the help wraps long ones onto unindented lines.
        let examples = help.components(separatedBy: "\n\n")[1].split(separator: "\n").dropFirst()
            .filter { $0.hasPrefix("  ") }
            .map { $0.trimmingCharacters(in: .whitespaces).components(separatedBy: "   ")[0] }
        #expect(examples.count == 10)
        for example in examples {
            #expect(readme.contains("| `\(example)` |"), "README lacks \(example)")
            #expect([0, 1].contains(try runner.run(example).status), "\(example)")
        }
    }
}

/// `--explain` through the binary.
@Suite struct ExplainTests {
    @Test func explainShowsTermsStructureExpressionAndWhyEachHitMatched() throws {
        let workspace = try Workspace()
        _ = try workspace.runner.run("index", "seeds", "--quiet")
        let result = try workspace.runner.run("أستانا -روسيا", "--explain", "--limit", "1")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "query:     أستانا -روسيا")
        #expect(lines[1].hasPrefix("1. أستانا   word → استانا ("))
        #expect(lines[2].hasPrefix("2. روسيا   excluded word → روسيا"))
        #expect(lines.contains("structure: 1 AND NOT 2"))
        #expect(lines.contains { $0.hasPrefix("fts5:      ") && $0.contains(" NOT ") && $0.contains("‹ar›استانا") })
        #expect(lines.contains { $0.hasPrefix("why: أستانا ← أستانا (exact)") })
        let typo = try workspace.runner.run("بوطين", "--explain", "--limit", "1")
        #expect(typo.stdout.contains("typo:      بوطين → بوتين\n"))
        #expect(typo.stdout.contains("why: بوتين ← بوطين (fuzzy)"))
        // With --json, the explanation goes to stderr and stdout stays JSON Lines.
        let json = try workspace.runner.run("أستانا", "--explain", "--json", "--limit", "1")
        #expect(json.stdout.hasPrefix("{\"type\":\"match\"") && json.stderr.hasPrefix("query:     أستانا\n"))
    }

    /// Issue 19, item 17: `why:` printed `?` for hits through a stem of a prefix or a question word.
    @Test func whyNamesTheQueryWordOfEveryHit() throws {
        let workspace = try Workspace()
        _ = try workspace.runner.run("index", "seeds", "--quiet")
        for query in ["روس*", "است*", "ما هي مفاوضات أستانا بين الوزراء؟", "وزراء الخارجية", "العراق"] {
            let result = try workspace.runner.run(query, "--explain", "--limit", "0")
            #expect(result.status == 0, "\(query)")
            let why = result.stdout.split(separator: "\n").filter { $0.hasPrefix("why: ") }
            #expect(!why.isEmpty && !why.contains { $0.contains("← ?") }, "\(query): \(why.filter { $0.contains("← ?") })")
        }
        let prefix = try workspace.runner.run("روس*", "--explain", "--limit", "0").stdout
        #expect(prefix.contains("← روس (prefix)"))
    }
}
