import ArgumentParser
import Foundation
import SearchIndex

/// The root command: `search QUERY` means `search query QUERY`; `search index …` builds the index.
struct Search: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search for Arabic and Persian text.",
        discussion: """
            Index a folder once, then search it as you type: every spelling of a word matches \
            (hamza forms, ى/ي/ی, ة/ه, ک/ك, harakat, tatweel, ZWNJ, Arabic-Indic and Persian digits).

            Examples:
              search index ~/news              index a folder (again later: only changes are read)
              search status                    what the index holds, and its last run
              search أستانا                    passages containing أستانا, استانا, آستانا …
              search "مفاوضات أستانا"          an exact phrase
              search می‌گذاریم --json | jq .path

            """ + "\n" + QuerySyntaxHelp.text,
        version: version,
        subcommands: [QueryCommand.self, IndexCommand.self, StatusCommand.self],
        defaultSubcommand: QueryCommand.self)
}

/// Exit statuses, as grep has them.
enum ExitStatus {
    static let found: Int32 = 0
    static let noMatch: Int32 = 1
    static let error: Int32 = 2
    /// `search index` finished, but some files were skipped (each named on stderr).
    static let indexSkippedFiles: Int32 = 1
    /// `search index` found another run updating the same index.
    static let locked: Int32 = 3
    /// Stopped by Ctrl-C or SIGTERM, as shells report a SIGINT death.
    static let interrupted: Int32 = 130
}

@main
enum Main {
    static func main() {
        // A closed pipe (`search … | head -1`) shows up as a failed write, handled by `Output`.
        signal(SIGPIPE, SIG_IGN)
        let status: Int32
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if let plain = FastQueryArguments.invocation(for: arguments, colored: ColorChoice.auto.enabled) {
                try plain.run()
            } else {
                var command = try Search.parseAsRoot()
                try command.run()
            }
            status = ExitStatus.found
        } catch {
            status = exitStatus(for: error)
        }
        exit(status)
    }

    /// The one place that turns errors into messages and exit statuses.
    static func exitStatus(for error: any Error) -> Int32 {
        switch error {
        case let exitCode as ExitCode:
            return exitCode.rawValue
        case let error as IndexError:
            Output.error(error.description)
            switch error {
            case .locked: return ExitStatus.locked
            case .interrupted: return ExitStatus.interrupted
            default: break
            }
        case let error as QueryError:
            Output.error(error.description)
        default:
            let code = Search.exitCode(for: error)
            if code == .success {
                // --help and --version.
                Output.write(Search.fullMessage(for: error) + "\n")
                return ExitStatus.found
            }
            let message = Search.message(for: error)
            Output.error(message.split(separator: "\n").first.map(String.init) ?? message)
            Output.error("see `search --help`", prefixed: false)
        }
        return ExitStatus.error
    }
}
