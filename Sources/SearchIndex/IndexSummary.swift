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
    /// Of `skippedFiles`, those not reported by an earlier run (each was warned about).
    public var newlySkippedFiles = 0
    /// Files passed over unread because their extension names a binary format (png, pdf, zip …).
    public var binaryTypeFiles = 0
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
        case newlySkippedFiles = "newly_skipped", binaryTypeFiles = "binary_type"
        case filesRead = "files_read", passagesWritten = "passages_written"
        case totalFiles = "files", totalPassages = "passages"
    }

    /// Decodes what any version stored: a field it did not know yet is 0 or false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try container.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        started = try value(.started, started)
        seconds = try value(.seconds, seconds)
        newFiles = try value(.newFiles, 0)
        changedFiles = try value(.changedFiles, 0)
        removedFiles = try value(.removedFiles, 0)
        renamedFiles = try value(.renamedFiles, 0)
        unchangedFiles = try value(.unchangedFiles, 0)
        skippedFiles = try value(.skippedFiles, 0)
        newlySkippedFiles = try value(.newlySkippedFiles, skippedFiles)
        binaryTypeFiles = try value(.binaryTypeFiles, 0)
        repairedFiles = try value(.repairedFiles, 0)
        filesRead = try value(.filesRead, 0)
        passagesWritten = try value(.passagesWritten, 0)
        totalFiles = try value(.totalFiles, 0)
        totalPassages = try value(.totalPassages, 0)
        rebuilt = try value(.rebuilt, false)
        optimized = try value(.optimized, false)
        interrupted = try value(.interrupted, false)
    }

    /// `indexed 3 new, 1 changed, 2 removed, 1 renamed, 7 unchanged files (4,210 passages) in 0.8 s`
    public var line: String {
        var line = "indexed \(Self.grouped(newFiles)) new, \(Self.grouped(changedFiles)) changed, "
            + "\(Self.grouped(removedFiles)) removed, \(Self.grouped(renamedFiles)) renamed, "
            + "\(Self.grouped(unchangedFiles)) unchanged files "
            + "(\(Self.count(totalPassages, "passage"))) in \(String(format: "%.1f", seconds)) s"
        if skippedFiles > 0 {
            let known = skippedFiles - newlySkippedFiles
            line += "; \(Self.grouped(skippedFiles)) skipped"
            if known > 0 { line += " (\(Self.grouped(known)) reported before: see `search status`)" }
        }
        if repairedFiles > 0 { line += "; \(Self.grouped(repairedFiles)) repaired" }
        return line
    }

    /// `1 passage`, `4,210 passages`.
    public static func count(_ number: Int, _ noun: String) -> String {
        "\(grouped(number)) \(noun)\(number == 1 ? "" : "s")"
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
