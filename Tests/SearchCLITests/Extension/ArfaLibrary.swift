import Foundation
import Testing

/// The built `libarfa.so`, and the programs that load it as users do: the `sqlite3` shell,
/// Debian's Python (`/usr/bin/python3`: a Python built without `--enable-loadable-sqlite-extensions`,
/// such as pyenv's, cannot load extensions) and Datasette.
enum ArfaLibrary {
    /// `$ARFA_TEST_LIBRARY`, else the library beside the test bundle (what `swift build
    /// --build-tests` made with it), else .build/debug's.
    static let path: String = {
        if let chosen = ProcessInfo.processInfo.environment["ARFA_TEST_LIBRARY"], !chosen.isEmpty { return chosen }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("libarfa.so").path
        if FileManager.default.fileExists(atPath: beside) { return beside }
        return CommandRunner.packageRoot.appendingPathComponent(".build/debug/libarfa.so").path
    }()

    /// As `.load` and `load_extension` take it: without the suffix, so SQLite adds it and derives
    /// the entry point from the name.
    static var loadName: String { String(path.dropLast(".so".count)) }

    static let python = "/usr/bin/python3"

    /// The first `name` on the PATH (or the usual system folders), else a test failure naming
    /// the Debian package to install.
    static func program(_ name: String, package: String) throws -> String {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/bin", "/bin", "/usr/local/bin"]
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
            return folder + "/" + name
        }
        throw MissingProgram(name: name, package: package)
    }

    struct MissingProgram: Error, CustomStringConvertible {
        let name: String
        let package: String
        var description: String { "\(name) is not installed: apt-get install \(package) (.ci/run does)" }
    }

    /// An SQL expression for `text` that survives any bytes (quotes, NUL, invalid UTF-8): its
    /// UTF-8 as a blob literal, cast to text.
    static func literal(_ text: String) -> String {
        "CAST(" + blob(Array(text.utf8)) + " AS TEXT)"
    }

    static func blob(_ bytes: [UInt8]) -> String {
        "X'" + bytes.map { String(format: "%02x", $0) }.joined() + "'"
    }
}

/// The `sqlite3` shell, run on a database with the extension loaded and a script of SQL.
struct SQLiteShell {
    var directory: String
    var executable: String

    init(directory: String, executable: String? = nil) throws {
        self.directory = directory
        self.executable = try executable ?? ArfaLibrary.program("sqlite3", package: "sqlite3")
    }

    /// Runs `statements` (one per line, so that "near line N" names the Nth) on `database`,
    /// after `.load`ing the extension unless `loads` is false.
    func run(_ database: String, _ statements: [String], loads: Bool = true, mode: String? = nil) throws -> CommandRunner.Result {
        let script = NSTemporaryDirectory() + "arfa-\(UUID().uuidString).sql"
        try (statements.joined(separator: "\n") + "\n").write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: script) }
        var arguments = [database]
        if loads { arguments.append(".load \(ArfaLibrary.loadName)") }
        if let mode { arguments.append(".mode \(mode)") }
        arguments.append(".read \(script)")
        return try CommandRunner(directory: directory).runExecutable(executable, arguments)
    }

    /// The statement errors the shell printed, by the line of the statement.
    static func errors(_ result: CommandRunner.Result) -> [Int: String] {
        var errors: [Int: String] = [:]
        for line in result.stderr.split(separator: "\n") {
            // "Runtime error near line 12: message" (or "Parse error near line 12: …").
            guard let near = line.range(of: " near line "), let colon = line.range(of: ": ", range: near.upperBound..<line.endIndex),
                  let number = Int(line[near.upperBound..<colon.lowerBound]) else { continue }
            errors[number] = String(line[colon.upperBound...])
        }
        return errors
    }
}

/// A copy of the seeds indexed by the `search` binary, for the programs that load the extension.
final class IndexedSeeds: @unchecked Sendable {
    let workspace: Workspace
    var index: String { workspace.path + "/index/search.db" }
    var runner: CommandRunner { workspace.runner }

    init() throws {
        workspace = try Workspace.withIndexedSeeds()
        #expect(FileManager.default.fileExists(atPath: index))
    }

    /// The queries of the seed checks (README, "Quick start" and `SeedSearchTests`).
    static let seedQueries = [
        "أستانا", "استانا", "مسيسا", "می\u{200C}گذاریم", "عقب\u{200C}نشینی", "عاجل", "١٩٤٤", "روسیه", "\"مفاوضات أستانا\"",
    ]
    /// Beyond them, queries that go through the rest of the searcher: a typo, a question, operators,
    /// a prefix, an attached conjunction, a compound, a query that finds nothing.
    static let otherQueries = [
        "بوطين", "ما هي مفاوضات أستانا بين الوزراء؟", "أستانا -روسيا", "روسيا OR سوريا", "روس*", "وروسيا", "العراق",
        "NEAR(مفاوضات أستانا, 5)", "كلمةغيرموجودة",
    ]

    /// What `search --json` prints for `query` (with `options`), one object per hit.
    func cliHits(_ query: String, _ options: [String] = ["--limit", "0"]) throws -> [[String: Any]] {
        let result = try runner.run(arguments: ["--json"] + options + ["--", query])
        #expect([0, 1].contains(result.status), "\(query): \(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
    }
}

/// The fields of a hit that `arfa_search` returns and `search --json` prints, read for comparison.
struct ComparableHit: Equatable, CustomStringConvertible {
    var path: String
    var line: Int
    var endLine: Int
    var score: Double
    var text: String
    var snippet: String
    var highlights: String

    /// From a JSON object (`search --json`'s, or an `arfa_search` row as JSON): `highlights` may be
    /// an array or a string holding one.
    init(_ object: [String: Any]) throws {
        path = object["path"] as? String ?? ""
        line = object["line"] as? Int ?? -1
        endLine = object["end_line"] as? Int ?? -1
        // To the six decimals `search --json` prints: the shell's JSON mode writes the same double
        // with 17 digits, not always the shortest that reads back.
        score = ((object["score"] as? NSNumber)?.doubleValue ?? .nan) * 1e6
        score = score.rounded() / 1e6
        text = object["text"] as? String ?? ""
        snippet = object["snippet"] as? String ?? ""
        let highlights = try object["highlights"] as? String
            ?? String(decoding: JSONSerialization.data(withJSONObject: object["highlights"] ?? []), as: UTF8.self)
        // The same array, whatever spacing or key order wrote it.
        let parsed = try JSONSerialization.jsonObject(with: Data(highlights.utf8))
        self.highlights = String(decoding: try JSONSerialization.data(withJSONObject: parsed, options: .sortedKeys), as: UTF8.self)
    }

    var description: String { "\(path):\(line)-\(endLine) \(score) \(highlights)" }
}
