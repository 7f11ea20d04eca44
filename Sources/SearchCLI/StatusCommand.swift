import ArgumentParser
import Foundation
import SearchIndex
import SearchOutput

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
        try Output.write((json ? Self.json(status) : Self.text(status)) + "\n")
    }

    /// Problems listed by the text status; `--json` lists them all.
    static let shownProblems = 20

    static func text(_ status: IndexStatus) -> String {
        var lines = [
            "index:     \(status.path) (\(byteCount(status.sizeBytes)))",
            "analysis:  version \(status.analysisVersion)" + (status.isCurrent
                ? " (current)"
                : ", this search uses version \(status.currentAnalysisVersion): the next `search index` rebuilds it"),
        ]
        let roots = status.roots.map { root in
            status.missingRoots.contains(root) ? root + " (missing: its files are kept; `search index --forget` drops them)" : root
        }
        lines.append("roots:     " + (roots.isEmpty ? "none" : roots.joined(separator: "\n           ")))
        if !status.excludeGlobs.isEmpty { lines.append("exclude:   " + status.excludeGlobs.joined(separator: " ")) }
        lines.append("hidden:    " + (status.includeHidden ? "indexed" : "skipped"))
        lines.append("files:     \(IndexSummary.grouped(status.files)) (\(IndexSummary.count(status.passages, "passage")))")
        if var run = status.unfinishedRun {
            // Not running, and never finished: killed on the way.
            run.interrupted = !status.runInProgress
            lines.append((status.runInProgress ? "this run:  " : "last run:  ") + describe(run, running: status.runInProgress))
        } else if let run = status.lastRun {
            lines.append("last run:  " + describe(run, running: false))
        } else {
            lines.append("last run:  none")
        }
        if !status.problems.isEmpty {
            lines.append("problems:  \(IndexSummary.count(status.problems.count, "path")) not indexed:")
            for problem in status.problems.prefix(shownProblems) {
                lines.append("           \(problem.path): \(problem.reason)")
            }
            if status.problems.count > shownProblems {
                lines.append("           … and \(IndexSummary.grouped(status.problems.count - shownProblems)) more (`search status --json` lists all)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `2026-11-23 16:16:34 UTC, completed in 0.8 s: 5 new, 0 changed, …`
    static func describe(_ run: IndexSummary, running: Bool) -> String {
        let outcome = running ? "running for" : (run.interrupted ? "interrupted after" : "completed in")
        let seconds = running ? Date().timeIntervalSince(run.started) : run.seconds
        let kind = run.rebuilt ? " (a rebuild\(run.interrupted && !running ? ": nothing of it was kept" : ""))" : ""
        let counts = [
            (run.newFiles, "new"), (run.changedFiles, "changed"), (run.removedFiles, "removed"), (run.renamedFiles, "renamed"),
            (run.unchangedFiles, "unchanged"), (run.skippedFiles, "skipped"), (run.repairedFiles, "repaired"),
        ].map { "\(IndexSummary.grouped($0.0)) \($0.1)" }
        return "\(timestamp(run.started)), \(outcome) \(String(format: "%.1f", seconds)) s\(kind): "
            + counts.joined(separator: ", ") + " files"
    }

    static func json(_ status: IndexStatus) -> String {
        var object = JSONWriter()
        object.add("index", status.path)
        object.add("size_bytes", Int(status.sizeBytes))
        object.add("analysis_version", status.analysisVersion)
        object.add("current_analysis_version", status.currentAnalysisVersion)
        object.add("roots", strings: status.roots)
        object.add("missing_roots", strings: status.missingRoots)
        object.add("exclude", strings: status.excludeGlobs)
        object.add("hidden", status.includeHidden)
        object.add("files", status.files)
        object.add("passages", status.passages)
        let unfinished = status.runInProgress ? nil : status.unfinishedRun
        object.add("last_run", object: (unfinished ?? status.lastRun).map { json($0, outcome: $0.interrupted || unfinished != nil ? "interrupted" : "completed") })
        object.add("running", object: status.runInProgress ? status.unfinishedRun.map { json($0, outcome: "running") } : nil)
        object.add("problems", objects: status.problems.map { problem in
            var entry = JSONWriter()
            entry.add("path", problem.path)
            entry.add("reason", problem.reason)
            entry.add("first_seen", timestamp(problem.firstSeen, iso: true))
            return entry
        })
        return object.finished
    }

    private static func json(_ run: IndexSummary, outcome: String) -> JSONWriter {
        var last = JSONWriter()
        last.add("started", timestamp(run.started, iso: true))
        last.add("seconds", (run.seconds * 1000).rounded() / 1000)
        last.add("outcome", outcome)
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
