public import Foundation

/// What one indexing run did; stored in the index as its last run, shown by `search status`.
public struct IndexSummary: Equatable, Sendable, Codable {
    public var started = Date(timeIntervalSince1970: 0)
    public var seconds = 0.0
    public var newFiles = 0
    public var changedFiles = 0
    public var removedFiles = 0
    public var renamedFiles = 0
    public var unchangedFiles = 0
    /// Files not indexed: binary, unreadable, vanished during the run, broken links, missing roots.
    public var skippedFiles = 0
    /// Files indexed after repairing invalid UTF-8.
    public var repairedFiles = 0
    /// Files whose content was read during the run (new, changed or needing a hash check).
    public var filesRead = 0
    /// Passages added or removed by the run (what decides whether to optimize).
    public var passagesWritten = 0
    /// Files and passages in the whole index after the run.
    public var totalFiles = 0
    public var totalPassages = 0
    /// The run rebuilt the index from scratch (`--full`, or a new analysis version).
    public var rebuilt = false
    /// The FTS5 index was merged into one segment after the run.
    public var optimized = false
    /// The run was stopped (Ctrl-C, SIGTERM) before it finished.
    public var interrupted = false

    public init() {}

    enum CodingKeys: String, CodingKey {
        case started, seconds, rebuilt, optimized, interrupted
        case newFiles = "new", changedFiles = "changed", removedFiles = "removed", renamedFiles = "renamed"
        case unchangedFiles = "unchanged", skippedFiles = "skipped", repairedFiles = "repaired"
        case filesRead = "files_read", passagesWritten = "passages_written"
        case totalFiles = "files", totalPassages = "passages"
    }

    /// `indexed 3 new, 1 changed, 2 removed, 1 renamed, 7 unchanged files (4,210 passages) in 0.8 s`
    public var line: String {
        var line = "indexed \(newFiles) new, \(changedFiles) changed, \(removedFiles) removed, "
            + "\(renamedFiles) renamed, \(unchangedFiles) unchanged files "
            + "(\(Self.grouped(totalPassages)) passages) in \(String(format: "%.1f", seconds)) s"
        if skippedFiles > 0 { line += "; \(skippedFiles) skipped" }
        if repairedFiles > 0 { line += "; \(repairedFiles) repaired" }
        return line
    }

    public static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
