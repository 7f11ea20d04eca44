import ArgumentParser
import Foundation

/// Where the index lives: `--index`, else `$SEARCH_INDEX`, else `index/search.db` here.
struct IndexLocationOptions: ParsableArguments {
    static let defaultPath = "index/search.db"
    static let environmentVariable = "SEARCH_INDEX"

    @Option(name: .customLong("index"), help: ArgumentHelp(
        "The index database.",
        discussion: "Default: $SEARCH_INDEX, else index/search.db in the current folder.",
        valueName: "path"))
    var explicitPath: String?

    /// The path to use, and whether it is the embedded default (which may build itself from seeds/).
    var resolved: (path: String, isDefault: Bool) { Self.resolve(explicitPath: explicitPath) }

    static func resolve(explicitPath: String?) -> (path: String, isDefault: Bool) {
        if let explicitPath { return (explicitPath, false) }
        if let fromEnvironment = environmentValue(environmentVariable),
           !fromEnvironment.isEmpty {
            return (fromEnvironment, false)
        }
        return (defaultPath, true)
    }
}

/// When to colour the output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `auto`: only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environmentValue("NO_COLOR"), !noColor.isEmpty { return false }
            if environmentValue("TERM") == "dumb" { return false }
            return Output.standardOutputIsTerminal
        }
    }
}

/// One environment variable, read with getenv: `ProcessInfo.environment` copies the whole
/// environment into a dictionary, a cost every one-shot query would pay.
func environmentValue(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
