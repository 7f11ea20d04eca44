import Foundation
import Testing

/// `--json` output decoded with the documented schema: every field of every line.
@Suite struct JSONContractTests {
    struct Match: Decodable {
        struct Range: Decodable {
            var byteStart: Int
            var byteEnd: Int
            var scalarStart: Int
            var scalarEnd: Int
            var match: String
        }
        var type: String
        var rank: Int
        var path: String
        var line: Int
        var endLine: Int
        var score: Double
        var text: String
        var snippet: String
        var highlights: [Range]
    }

    func decode(_ output: String) throws -> [Match] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try output.split(separator: "\n").map { try decoder.decode(Match.self, from: Data($0.utf8)) }
    }

    @Test(arguments: ["أستانا", "مسيسا", "عقب\u{200C}نشینی", "روسیه", "\"مفاوضات أستانا\"", "العراق",
                      "أست*", "بوطين", "روسيا OR سوريا -لافروف", "NEAR(مفاوضات أستانا, 3)"])
    func everyLineFollowsTheSchema(query: String) throws {
        let workspace = try Workspace()
        let result = try workspace.runner.run(query, "--json", "--limit", "0")
        #expect(result.status == 0)
        let matches = try decode(result.stdout)
        #expect(!matches.isEmpty)
        for (offset, match) in matches.enumerated() {
            #expect(match.type == "match")
            #expect(match.rank == offset + 1)
            #expect(match.path.hasPrefix("seeds/") && match.path.hasSuffix(".txt"))
            #expect(match.line >= 1 && match.endLine >= match.line)
            #expect(match.score > 0)
            #expect(!match.highlights.isEmpty)
            let bytes = Array(match.text.utf8), scalars = Array(match.text.unicodeScalars)
            for range in match.highlights {
                #expect(range.byteStart < range.byteEnd && range.byteEnd <= bytes.count)
                #expect(range.scalarStart < range.scalarEnd && range.scalarEnd <= scalars.count)
                let byByte = String(decoding: bytes[range.byteStart..<range.byteEnd], as: UTF8.self)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[range.scalarStart..<range.scalarEnd])
                #expect(byByte == String(view))
                #expect(["exact", "folded", "stem", "prefix", "fuzzy"].contains(range.match))
            }
            // The snippet is the text, or a window of it cut at spaces and marked with "…",
            // that keeps the first highlighted word.
            let window = match.snippet.trimmingCharacters(in: CharacterSet(charactersIn: "…"))
            #expect(match.text.contains(window))
            #expect(match.snippet == match.text || match.snippet.contains("…"))
            let first = try #require(match.highlights.first)
            #expect(match.snippet.contains(String(decoding: bytes[first.byteStart..<first.byteEnd], as: UTF8.self)))
        }
        #expect(matches.map(\.rank) == Array(1...matches.count))
    }

    @Test func highlightCoversTheWholeVocalisedWord() throws {
        let workspace = try Workspace()
        let matches = try decode(try workspace.runner.run("مسيسا", "--json").stdout)
        #expect(matches.count == 1)
        let match = try #require(matches.first)
        let bytes = Array(match.text.utf8)
        let highlighted = match.highlights.map { String(decoding: bytes[$0.byteStart..<$0.byteEnd], as: UTF8.self) }
        #expect(highlighted == ["مسيَّساً"])
    }
}
