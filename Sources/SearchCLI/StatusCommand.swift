import ArgumentParser
import Foundation
import SearchIndex

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
        Output.write((json ? Self.json(status) : Self.text(status)) + "\n")
    }

    static func text(_ status: IndexStatus) -> String {
        var lines = [
            "index:     \(status.path) (\(byteCount(status.sizeBytes)))",
            "analysis:  version \(status.analysisVersion)" + (status.isCurrent
                ? " (current)"
                : ", this search uses version \(status.currentAnalysisVersion): the next `search index` rebuilds it"),
        ]
        lines.append("roots:     " + (status.roots.isEmpty ? "none" : status.roots.joined(separator: "\n           ")))
        if !status.excludeGlobs.isEmpty { lines.append("exclude:   " + status.excludeGlobs.joined(separator: " ")) }
        lines.append("hidden:    " + (status.includeHidden ? "indexed" : "skipped"))
        lines.append("files:     \(IndexSummary.grouped(status.files)) (\(IndexSummary.grouped(status.passages)) passages)")
        if let run = status.lastRun {
            let outcome = run.interrupted ? "interrupted" : (run.rebuilt ? "rebuilt" : "completed")
            lines.append("last run:  \(timestamp(run.started)), \(outcome) in \(String(format: "%.1f", run.seconds)) s: "
                + "\(run.newFiles) new, \(run.changedFiles) changed, \(run.removedFiles) removed, "
                + "\(run.renamedFiles) renamed, \(run.unchangedFiles) unchanged, \(run.skippedFiles) skipped, "
                + "\(run.repairedFiles) repaired files")
        } else {
            lines.append("last run:  none")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ status: IndexStatus) -> String {
        var object = JSONWriter()
        object.add("index", status.path)
        object.add("size_bytes", Int(status.sizeBytes))
        object.add("analysis_version", status.analysisVersion)
        object.add("current_analysis_version", status.currentAnalysisVersion)
        object.add("roots", strings: status.roots)
        object.add("exclude", strings: status.excludeGlobs)
        object.add("hidden", status.includeHidden)
        object.add("files", status.files)
        object.add("passages", status.passages)
        object.add("last_run", object: status.lastRun.map { run in
            var last = JSONWriter()
            last.add("started", timestamp(run.started, iso: true))
            last.add("seconds", (run.seconds * 1000).rounded() / 1000)
            last.add("outcome", run.interrupted ? "interrupted" : "completed")
            last.add("rebuilt", run.rebuilt)
            last.add("new", run.newFiles)
            last.add("changed", run.changedFiles)
            last.add("removed", run.removedFiles)
            last.add("renamed", run.renamedFiles)
            last.add("unchanged", run.unchangedFiles)
            last.add("skipped", run.skippedFiles)
            last.add("repaired", run.repairedFiles)
            last.add("files", run.totalFiles)
            last.add("passages", run.totalPassages)
            last.add("optimized", run.optimized)
            return last
        })
        return object.finished
    }

    static func byteCount(_ bytes: Int64) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1e6) : String(format: "%.0f kB", Double(bytes) / 1e3)
    }

    static func timestamp(_ date: Date, iso: Bool = false) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = iso ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }
}
