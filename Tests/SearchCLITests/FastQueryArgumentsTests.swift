import Testing
@testable import SearchCLI

/// The plain command lines read without ArgumentParser must mean exactly what ArgumentParser
/// reads them to; everything else must be left to ArgumentParser.
@Suite struct FastQueryArgumentsTests {
    @Test(arguments: [
        ["أستانا"],
        ["مفاوضات", "أستانا"],
        ["--index", "/tmp/x.db", "أستانا"],
        ["أستانا", "--index", "/tmp/x.db"],
        ["--json", "أستانا", "OR", "سوتشي"],
        ["--limit", "0", "كتاب"],
        ["--limit", "3", "--json", "--index", "i.db", "کتاب‌ها"],
    ])
    func readsAsArgumentParserDoes(arguments: [String]) throws {
        let fast = try #require(FastQueryArguments.invocation(for: arguments, colored: false))
        let parsed = try #require(try Search.parseAsRoot(arguments) as? QueryCommand)
        try parsed.validate()
        let slow = parsed.invocation
        #expect(fast.words == slow.words)
        #expect(fast.location == slow.location)
        #expect(fast.options.limit == slow.options.limit)
        #expect(fast.options.offset == slow.options.offset)
        #expect(fast.options.typos == slow.options.typos)
        #expect(fast.options.highlights == slow.options.highlights)
        #expect(fast.json == slow.json)
        #expect(!fast.filesWithMatches && !fast.count && !fast.explain && !fast.null)
        #expect(!slow.filesWithMatches && !slow.count && !slow.explain && !slow.null)
    }

    @Test(arguments: [
        [], ["index"], ["status"], ["help"], ["query", "أستانا"], ["-l", "أستانا"], ["--limit", "-1", "أستانا"],
        ["--limit", "x", "أستانا"], ["--index"], ["--index", "a", "--index", "b", "w"], ["--json"], ["-أستانا"],
        ["--explain", "أستانا"], ["--limit=3", "أستانا"], ["أستانا", "--color", "never"], ["--version"], ["--help"],
    ])
    func leavesEverythingElseToArgumentParser(arguments: [String]) {
        #expect(FastQueryArguments.invocation(for: arguments, colored: false) == nil)
    }
}
