import ArgumentParser
import Foundation
import SearchIndex
import SearchStatus

/// `search status`: what an index holds and what its last run did.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the index: roots, files, passages, size, analysis version, last run.",
        discussion: """
            Examples:
              search status
              search status --json | jq .last_run
            """)

    @OptionGroup var location: IndexLocationOptions

    @Flag(help: "Print one JSON object (see README: search status).")
    var json = false

    func run() throws {
        let status = try IndexStore.openForReading(at: location.resolved.path).status()
        try Output.write((json ? StatusReport.json(status) : StatusReport.text(status)) + "\n")
    }
}
