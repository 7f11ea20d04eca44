import Foundation
import Testing

/// Piped output is the passages' text as in the files; a terminal gets a window of a long one.
@Suite struct PipedOutputTests: SeedsSuite {
    let workspace: Workspace

    init() throws {
        workspace = try .withIndexedSeeds()
    }

    /// The `text` of every JSON hit, in rank order.
    func texts(_ arguments: String...) throws -> [String] {
        let result = try runner.run(arguments: arguments + ["--json"])
        return try lines(result).map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object?["text"] as? String)
        }
    }

    @Test func pipedOutputPrintsWholePassagesEvenWithColour() throws {
        let whole = try texts("أستانا", "--limit", "0")
        // At least one passage is long enough for a terminal window, or this proves nothing.
        #expect(whole.contains { $0.unicodeScalars.count > 400 })
        let plain = try runner.run("أستانا", "--limit", "0")
        let printed = plain.stdout.components(separatedBy: "\n\n").map { block in
            block.split(separator: "\n", maxSplits: 1).dropFirst().joined().trimmingCharacters(in: .newlines)
        }
        #expect(printed == whole)
        #expect(!plain.stdout.contains("…"))
        // Colour asked for down a pipe (`| less -R`) colours the same whole passages.
        let colored = try runner.run("أستانا", "--limit", "0", "--color", "always")
        #expect(!colored.stdout.contains("…"))
        let uncolored = colored.stdout.replacingOccurrences(of: "\u{1B}[1;31m", with: "")
            .replacingOccurrences(of: "\u{1B}[35m", with: "").replacingOccurrences(of: "\u{1B}[32m", with: "")
            .replacingOccurrences(of: "\u{1B}[0m", with: "")
            .replacingOccurrences(of: "\u{2068}", with: "").replacingOccurrences(of: "\u{2069}", with: "")
        #expect(uncolored == plain.stdout)
    }

    @Test func aTerminalShowsAWindowOfALongPassage() throws {
        var terminal = runner
        terminal.environment["NO_COLOR"] = "1"
        let shown = try terminal.runOnTerminal("أستانا", "--limit", "0")
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("…"))
        #expect(!shown.stdout.contains("\u{1B}["))
        // The JSON snippet is what the terminal shows.
        let json = try runner.run("أستانا", "--limit", "0", "--json")
        let snippets = try lines(json).map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return try #require(object?["snippet"] as? String)
        }
        for snippet in snippets { #expect(shown.stdout.contains(snippet)) }
    }
}
