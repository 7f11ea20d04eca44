import ArgumentParser
import Foundation
import SearchCore
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

/// A mistake on the command line that ArgumentParser does not see: one line, exit status 2.
struct UsageError: Error {
    var message: String
}

/// `search help [TOPIC]`. ArgumentParser answers a topic it does not know with the general help
/// and exit status 0, so a script (or a user) would never learn that `search help bogus` is a
/// mistake; a topic is checked here first.
enum HelpTopics {
    static let names = ["query", "index", "status"]

    static func check(_ arguments: [String]) throws {
        guard arguments.first == "help" else { return }
        let topic = arguments.dropFirst()
        guard topic.count > 1 || (topic.first.map { !names.contains($0) } ?? false) else { return }
        let topics = (["search help"] + names.map { "search help \($0)" }).map { "`\($0)`" }
        throw UsageError(message: "no help on \(topic.joined(separator: " ")): try "
            + topics.dropLast().joined(separator: ", ") + " or " + topics.last!)
    }
}

@main
enum Main {
    static func main() {
        // A closed pipe (`search … | head -1`) shows up as a failed write: `OutputClosed`.
        signal(SIGPIPE, SIG_IGN)
        let status: Int32
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            if let plain = FastQueryArguments.invocation(for: arguments, colored: ColorChoice.auto.enabled) {
                try plain.run()
            } else {
                try HelpTopics.check(arguments)
                var command = try Search.parseAsRoot(arguments)
                try command.run()
            }
            status = ExitStatus.found
        } catch {
            status = exitStatus(for: error, arguments: arguments)
        }
        exit(status)
    }

    /// The one place that turns errors into messages and exit statuses. Every message is one
    /// line on stderr, as the README promises.
    static func exitStatus(for error: any Error, arguments: [String]) -> Int32 {
        switch error {
        case let exitCode as ExitCode:
            return exitCode.rawValue
        case is OutputClosed:
            // The reader has what it wanted (`| head -1`): end quietly, as ripgrep does.
            return ExitStatus.found
        case let error as IndexError:
            Output.error(error.description)
            switch error {
            case .locked: return ExitStatus.locked
            case .interrupted: return ExitStatus.interrupted
            default: break
            }
        case let error as QueryError:
            Output.error(error.description)
        case let error as UsageError:
            Output.error(error.message)
        default:
            let code = Search.exitCode(for: error)
            if code == .success {
                // --help and --version.
                try? Output.write(Search.fullMessage(for: error) + "\n")
                return ExitStatus.found
            }
            // ArgumentParser's message may go on with usage lines; its first line says it all.
            let message = Search.message(for: error)
            var line = message.split(separator: "\n").first.map(String.init) ?? message
            if line.hasSuffix(".") { line.removeLast() }
            Output.error(sentence(line) + " (see `\(helpCommand(for: arguments))`)")
        }
        return ExitStatus.error
    }

    /// ArgumentParser's "Unknown option '--x'" written as this program's other messages are, in
    /// lower case after `search: `.
    static func sentence(_ message: String) -> String {
        guard let first = message.unicodeScalars.first, ("A"..."Z").contains(first),
              message.unicodeScalars.dropFirst().first.map({ ("a"..."z").contains($0) }) ?? false else { return message }
        return first.properties.lowercaseMapping + String(message.unicodeScalars.dropFirst())
    }

    /// The help that explains the command the arguments were for.
    static func helpCommand(for arguments: [String]) -> String {
        guard let first = arguments.first, HelpTopics.names.contains(first) else { return "search --help" }
        return "search \(first) --help"
    }
}
