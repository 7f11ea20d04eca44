import ArgumentParser
import Foundation
import SearchIndex

/// `search index [PATH…]`: builds or updates the index.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or update the index of folders of documents.",
        discussion: """
            Reads text files under each PATH (UTF-8, UTF-16 with a byte order mark, Windows-1256 \
            Arabic; HTML as its text), splits them into passages (paragraphs) and indexes them. Run \
            it again at any time: unchanged files are not read again, changed ones are replaced, \
            removed ones drop out, moved ones keep their passages. With no PATH, the folders indexed \
            before are updated, with the --exclude and --hidden choices given last.

            Examples:
              search index ~/news ~/books
              search index                      update the same folders
              search index --exclude '*.log' --exclude drafts/
              search index --full               read and tokenize everything again

            Exit status: 0 all files indexed; 1 done, but some files were newly skipped (named on \
            stderr; `search status` lists them later); 2 error; 3 another index run is updating this index (see --wait); 130 \
            interrupted (what was finished is kept).
            """)

    @OptionGroup var location: IndexLocationOptions

    @Flag(help: "Rebuild from scratch: read and tokenize every file again.")
    var full = false

    @Option(name: .customLong("exclude"), help: ArgumentHelp(
        "Leave out files and folders matching GLOB (repeatable; remembered).",
        discussion: "A pattern without / is matched against names (*.log, drafts), one with / against the path "
            + "below the root (2019/*.txt); a trailing / matches folders only.",
        valueName: "glob"))
    var excludeGlobs: [String] = []

    @Flag(name: .customLong("no-exclude"), help: "Forget the remembered --exclude patterns.")
    var noExclude = false

    @Flag(inversion: .prefixedNo, help: "Index hidden files and folders (names starting with '.'); remembered.")
    var hidden: Bool?

    @Flag(help: "If another index run is updating this index, wait for it instead of exiting with status 3.")
    var wait = false

    @Flag(help: "Merge the full-text index into one segment now (done anyway after large changes).")
    var optimize = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and warnings.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Name every file added, changed, moved or decoded from a legacy encoding.")
    var verbose = false

    @Option(name: .customLong("forget"), help: ArgumentHelp(
        "Drop ROOT (a folder or file indexed before) and its files from the index, and do nothing else (repeatable).",
        valueName: "root"))
    var forgetRoots: [String] = []

    @Argument(help: ArgumentHelp("Folders or files to index (default: those indexed before).", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if noExclude && !excludeGlobs.isEmpty { throw ValidationError("--exclude and --no-exclude contradict each other") }
        if let empty = excludeGlobs.first(where: \.isEmpty) { throw ValidationError("--exclude needs a pattern, got '\(empty)'") }
        if !forgetRoots.isEmpty && (!paths.isEmpty || full) {
            throw ValidationError("--forget only drops roots: run it on its own, then index")
        }
    }

    var options: IndexRunOptions {
        var options = IndexRunOptions()
        options.full = full
        options.excludeGlobs = noExclude ? [] : (excludeGlobs.isEmpty ? nil : excludeGlobs)
        options.includeHidden = hidden
        options.optimize = optimize
        return options
    }

    func run() throws {
        let path = location.resolved.path
        // Before the lock, so a signal that arrives once the lock file names us is already handled.
        Interruption.install()
        let reporter = IndexReporter(quiet: quiet, verbose: verbose)
        var run = IndexRun(path: path, roots: paths, options: options)
        run.forget = forgetRoots
        run.wait = wait
        let summary: IndexSummary
        do {
            summary = try run.perform(observer: reporter.observer)
            reporter.erase()
        } catch .interrupted(let kept, let rolledBack, _) {
            reporter.erase()
            throw IndexError.interrupted(keptFiles: kept, rolledBack: rolledBack, resume: resumeCommand)
        } catch {
            reporter.erase()
            throw error
        }
        if !quiet {
            try Output.write((forgetRoots.isEmpty
                ? summary.line
                : "forgot \(IndexSummary.count(forgetRoots.count, "root")): removed \(IndexSummary.count(summary.removedFiles, "file")); "
                    + "the index has \(IndexSummary.count(summary.totalFiles, "file")) (\(IndexSummary.count(summary.totalPassages, "passage")))")
                + "\n")
        }
        // Only what this run reported for the first time: problems already reported by earlier
        // runs are listed by `search status`, not raised again every night.
        if summary.newlySkippedFiles > 0 { throw ExitCode(ExitStatus.indexSkippedFiles) }
    }

    /// The command that finishes an interrupted run: the same index, all its roots.
    var resumeCommand: String {
        guard let explicit = location.explicitPath else { return "search index" }
        return "search index --index " + ShellWord.quoted(explicit)
    }
}
