import Foundation
import Testing

/// The README's `curl` examples of `search serve` answer what it shows (`…` standing for text
/// left out), against a server on the demo corpus.
@Suite struct ServeDocsTests {
    /// `(command, expected output lines)` of each `$ curl` line in the "In a browser" section.
    static let examples: [(command: String, output: [String])] = {
        let readme = (try? String(
            contentsOf: CommandRunner.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        guard let start = readme.range(of: "## In a browser: `search serve`") else { return [] }
        let rest = readme[start.upperBound...]
        let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
        var examples: [(String, [String])] = []
        var inConsole = false
        for line in section.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                inConsole = line == "```console"
            } else if inConsole && line.hasPrefix("$ curl ") {
                examples.append((String(line.dropFirst(2)), []))
            } else if inConsole && !line.hasPrefix("$ "), !examples.isEmpty {
                examples[examples.count - 1].1.append(line)
            }
        }
        return examples
    }()

    static let tools = ["/usr/bin/curl", "/usr/bin/jq"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: tools, "curl and jq are needed"))
    func theCurlExamplesAnswerWhatTheyShow() throws {
        #expect(Self.examples.count >= 3, "\(Self.examples)")
        let workspace = try Workspace.withIndexedSeeds()
        let server = try ServerProcess(workspace.runner)
        for (command, expected) in Self.examples {
            let result = try workspace.runner.shell(
                command.replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(server.port)"), home: workspace.path,
                capturesOutput: true)
            #expect(result.status == 0, "\(command)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(lines.count >= expected.count, "\(command): \(result.stdout)")
            for (line, shown) in zip(lines, expected) {
                #expect(Self.matches(line, shown), "\(command): \(line) is not \(shown)")
            }
        }
    }

    /// Whether `line` is `shown` with each `…` standing for any text.
    static func matches(_ line: String, _ shown: String) -> Bool {
        var rest = Substring(line)
        let pieces = shown.components(separatedBy: "…")
        for (index, piece) in pieces.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(piece) else { return false }
                rest = rest.dropFirst(piece.count)
            } else if index == pieces.count - 1 {
                return rest.hasSuffix(piece)
            } else {
                guard let found = rest.range(of: piece) else { return false }
                rest = rest[found.upperBound...]
            }
        }
        return rest.isEmpty
    }
}
