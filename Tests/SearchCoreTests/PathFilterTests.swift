import Testing
@testable import SearchCore

@Suite struct PathFilterTests {
    @Test(arguments: [
        ("/d/news", "/d/news", false), ("/d/news/", "/d/news", true), ("/d//news///", "/d/news", true),
        ("/d/./news", "/d/news", false), ("/d/sub/../news", "/d/news", false), ("/d/news/.", "/d/news", true),
        ("/d/news/sub/..", "/d/news", true), ("/../../d/news", "/d/news", false), ("/", "/", true),
        ("/d/*/../news/*2019*", "/d/news/*2019*", false), ("/d/[ab]?/x*/", "/d/[ab]?/x*", true),
        ("*/news/", "*/news", true), ("*.md", "*.md", false),
    ])
    func patternsAreReadAsPaths(pattern: String, glob: String, foldersOnly: Bool) {
        #expect(PathFilter.normalized(pattern) == PathFilter.Pattern(glob: glob, foldersOnly: foldersOnly))
    }

    @Test func aPatternMatchesTheFileOrAFolderAboveIt() {
        let filter = PathFilter(patterns: ["/d/news/"])
        #expect(filter.matches("/d/news/a.txt") && filter.matches("/d/news/2019/b.txt"))
        #expect(!filter.matches("/d/newsletter/a.txt") && !filter.matches("/d/other/a.txt"))
        #expect(PathFilter(patterns: ["/d/sub/../news"]).matches("/d/news/a.txt"))
        #expect(PathFilter(patterns: ["/d/news/*2019*"]).matches("/d/news/x/2019-01.txt"))
        #expect(PathFilter(patterns: ["/"]).matches("/d/a.txt"))
        #expect(PathFilter(patterns: []).matches("/anything"))
    }

    @Test func aTrailingSlashNeverMatchesAFilesOwnPath() {
        #expect(PathFilter(patterns: ["/d/*.txt"]).matches("/d/a.txt"))
        #expect(!PathFilter(patterns: ["/d/*.txt/"]).matches("/d/a.txt"))
        #expect(PathFilter(patterns: ["/d/*.txt/"]).matches("/d/b.txt/c.md"))
        #expect(!PathFilter(patterns: ["/d/a.txt/."]).matches("/d/a.txt"))
    }
}
