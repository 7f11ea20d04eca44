import Foundation
import Testing

/// `--path` reads its pattern as a path, through the binary.
@Suite struct PathOptionTests: SeedsSuite {
    let workspace: Workspace

    init() throws {
        workspace = try .withIndexedSeeds()
    }

    @Test(arguments: ["seeds", "seeds/", "./seeds//", "seeds/./", "seeds/../seeds/", "./seeds/004*", "seeds/004*"])
    func pathPatternsAreNormalisedAsPaths(pattern: String) throws {
        let expected = pattern.contains("004")
            ? ["seeds/004_befc232161770c12.txt"] : lines(try runner.run("العراق", "-l"))
        let result = try runner.run("العراق", "-l", "--path", pattern)
        #expect(result.status == 0)
        #expect(lines(result) == expected)
    }

    @Test func pathPatternsClimbOutOfTheCurrentFolder() throws {
        try FileManager.default.createDirectory(atPath: workspace.path + "/other", withIntermediateDirectories: true)
        let inOther = CommandRunner(directory: workspace.path + "/other")
        let all = lines(try runner.run("العراق", "-l")).map { workspace.path + "/" + $0 }
        let climbed = try inOther.run("العراق", "-l", "--index", "../index/search.db", "--path", "../seeds/")
        #expect(climbed.status == 0)
        // Outside the current folder, paths print absolute.
        #expect(lines(climbed) == all)
        let inSeeds = CommandRunner(directory: workspace.path + "/seeds")
        let here = try inSeeds.run("العراق", "-c", "--index", "../index/search.db", "--path", ".")
        let everywhere = try runner.run("العراق", "-c")
        #expect(here.status == 0 && here.stdout == everywhere.stdout)
    }

    /// As with --exclude, a trailing slash means folders: a file name does not match it.
    @Test func aTrailingSlashMatchesFoldersOnly() throws {
        let result = try runner.run("العراق", "-l", "--path", "seeds/004*/")
        #expect(result.status == 1 && result.stdout.isEmpty)
    }
}
