import Foundation
import Testing

/// With `-l` and `-c`, `--limit` and `--offset` count files, and counts are whole.
@Suite struct ListingLimitTests: SeedsSuite {
    let workspace: Workspace

    init() throws {
        workspace = try .withIndexedSeeds()
    }

    @Test func listingLimitsCountFilesAndCountsAreWhole() throws {
        let counted = lines(try runner.run("العراق", "-l", "-c"))
        #expect(counted.count >= 4)
        let files = counted.map { String($0.split(separator: ":")[0]) }
        let counts = counted.map { Int($0.split(separator: ":")[1])! }
        #expect(lines(try runner.run("العراق", "-l", "--limit", "3")) == Array(files[0..<3]))
        #expect(lines(try runner.run("العراق", "-l", "--offset", "1", "--limit", "2")) == Array(files[1..<3]))
        #expect(lines(try runner.run("العراق", "-l", "-c", "--limit", "3")) == Array(counted[0..<3]))
        #expect(lines(try runner.run("العراق", "-l", "-c", "--offset", "2")) == Array(counted[2...]))
        #expect(try runner.run("العراق", "-c", "--limit", "2").stdout == "\(counts[0] + counts[1])\n")
        #expect(try runner.run("العراق", "-c", "--limit", "2", "--json").stdout
            == "{\"type\":\"count\",\"passages\":\(counts[0] + counts[1]),\"files\":2}\n")
        let beyond = try runner.run("العراق", "-l", "--offset", "\(files.count)")
        #expect(beyond.status == 1 && beyond.stdout.isEmpty)
    }
}
