import Foundation
import Testing

/// The README's "Using the index from SQLite, Python and Datasette" works as written: its shell
/// session, SQL and Python run on the seeds index with the built library in place of
/// `.build/release/libarfa`, and print what the README says.
@Suite struct ExtensionDocsTests {
    static let seeds = Result { try IndexedSeeds() }

    var seeds: IndexedSeeds { get throws { try Self.seeds.get() } }

    static let section: String = {
        let readme = (try? String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        guard let start = readme.range(of: "## Using the index from SQLite, Python and Datasette"),
              let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex) else { return "" }
        return String(readme[start.lowerBound..<end.lowerBound])
    }()

    /// The fenced blocks of `language`, in order, with the library's path put in place.
    static func blocks(_ language: String) -> [String] {
        section.components(separatedBy: "```" + language + "\n").dropFirst().map { block in
            String(block.components(separatedBy: "```").first!)
                .replacingOccurrences(of: ".build/release/libarfa", with: ArfaLibrary.loadName)
        }
    }

    /// The comment after a statement (`-- persian (why), then arabic (why)`): the rows it prints, in order.
    static func expectedRows(_ sql: String) -> [String] {
        sql.split(separator: "\n").compactMap { line in
            line.components(separatedBy: ";").dropFirst().first?.components(separatedBy: "-- ").dropFirst().first
        }.flatMap { comment in
            comment.components(separatedBy: ", then ").map {
                $0.components(separatedBy: " (").first!.trimmingCharacters(in: .whitespaces)
            }
        }
    }

    @Test func theShellSessionPrintsWhatTheREADMEShows() throws {
        let session = try #require(Self.blocks("console").first { $0.contains("sqlite> .load") })
        let lines = session.split(separator: "\n").map(String.init)
        let statements = lines.filter { $0.hasPrefix("sqlite> ") }.map { String($0.dropFirst("sqlite> ".count)) }
        #expect(statements.first?.hasPrefix(".load ") == true)
        let printed = lines.filter { !$0.hasPrefix("sqlite> ") && !$0.hasPrefix("$ ") }
        // `.load` as the README writes it (the library's path put in place), first in the script.
        let result = try SQLiteShell(directory: try seeds.workspace.path).run(try seeds.index, statements, loads: false)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map(String.init) == printed)
    }

    @Test func theSQLExamplesRunAndTheOwnTableFindsWhatTheCommentsSay() throws {
        let examples = Self.blocks("sql")
        try #require(examples.count == 2)
        let shell = try SQLiteShell(directory: try seeds.workspace.path)
        let onIndex = try shell.run(try seeds.index, [examples[0]])
        #expect(onIndex.status == 0 && onIndex.stderr.isEmpty, "\(onIndex.stderr)")
        #expect(onIndex.stdout.split(separator: "\n").count > 10)
        let ownTable = try shell.run(":memory:", [examples[1]])
        #expect(ownTable.stderr.isEmpty, "\(ownTable.stderr)")
        #expect(ownTable.stdout.split(separator: "\n").map(String.init) == Self.expectedRows(examples[1]))
    }

    @Test func thePythonSnippetRuns() throws {
        let snippet = try #require(Self.blocks("python").first)
        let file = NSTemporaryDirectory() + "arfa-readme-\(UUID().uuidString).py"
        try snippet.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try seeds.runner.runExecutable(ArfaLibrary.python, [file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("seeds/003_ddbe7e93f1f104fd.txt:13  "), "\(result.stdout)")
        #expect(result.stdout.hasSuffix("[('وزرای خارجه روسیه و عراق',)]\n"), "\(result.stdout)")
    }
}
