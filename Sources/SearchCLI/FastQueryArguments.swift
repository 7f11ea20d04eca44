import SearchCore
import SearchIndex

/// Reads the plainest command lines, `search [--index PATH] [--json] [--limit N] WORDS…`,
/// without ArgumentParser.
///
/// ArgumentParser finds a command's options by reflection, which costs about 3 ms per process
/// (the Swift runtime's first protocol-conformance lookups scan the whole binary), a third of
/// what a one-shot query is given. Anything else — another option, a subcommand, a word
/// starting with `-`, a malformed value — returns nil and goes through ArgumentParser, which
/// reads these same forms to the same `QueryInvocation` (a test holds the two to it).
enum FastQueryArguments {
    static let subcommandNames: Set<String> = ["query", "index", "status", "help"]

    static func invocation(for arguments: [String], colored: Bool) -> QueryInvocation? {
        var explicitIndex: String?
        var json = false
        var limit: Int?
        var words: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            switch argument {
            case "--index":
                guard index + 1 < arguments.endIndex, explicitIndex == nil else { return nil }
                explicitIndex = arguments[index + 1]
                index += 1
            case "--json":
                guard !json else { return nil }
                json = true
            case "--limit":
                guard index + 1 < arguments.endIndex, limit == nil,
                      let value = Int(arguments[index + 1]), value >= 0 else { return nil }
                limit = value
                index += 1
            default:
                guard !argument.hasPrefix("-"), !argument.isEmpty else { return nil }
                if words.isEmpty && subcommandNames.contains(argument) { return nil }
                words.append(argument)
            }
            index += 1
        }
        guard !words.isEmpty else { return nil }
        var options = SearchOptions()
        options.limit = limit ?? QueryCommand.defaultLimit
        return QueryInvocation(
            words: words, location: IndexLocationOptions.resolve(explicitPath: explicitIndex), options: options,
            json: json, colored: colored)
    }
}
