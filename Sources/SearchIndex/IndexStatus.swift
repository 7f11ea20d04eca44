import Foundation
import GRDB
import TextAnalysis

/// What `search status` reports about an index.
public struct IndexStatus: Sendable, Equatable {
    public var path: String
    /// The database and its write-ahead log, in bytes.
    public var sizeBytes: Int64
    public var analysisVersion: Int
    public var currentAnalysisVersion: Int
    public var roots: [String]
    /// Roots that do not exist now (an unmounted disk, a moved folder): their files are kept.
    public var missingRoots: [String]
    public var excludeGlobs: [String]
    public var includeHidden: Bool
    public var files: Int
    public var passages: Int
    public var lastRun: IndexSummary?
    /// A run that started and has not finished: still running, or killed on the way.
    public var unfinishedRun: IndexSummary?
    /// Whether a `search index` run holds the index's lock now.
    public var runInProgress: Bool
    /// What the runs could not index, each reported once when it was found.
    public var problems: [IndexProblem]

    /// The index was built by this program's text analysis (else the next run rebuilds it).
    public var isCurrent: Bool { analysisVersion == currentAnalysisVersion }
}

extension IndexStore {
    public func status() throws(IndexError) -> IndexStatus {
        let sizes = [path, path + "-wal"].map { file in
            ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        let runInProgress = IndexLock.isHeld(forIndex: path)
        return try read { db in
            let settings = try Self.walkSettings(db)
            let roots = try String.fetchAll(db, sql: "SELECT path FROM roots ORDER BY path")
            let files = try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0
            let passages = try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? 0
            // A run under way records its counts, not the totals: those are the index's own.
            var unfinished = try RunRecord.currentRun(db)
            unfinished?.totalFiles = files
            unfinished?.totalPassages = passages
            return IndexStatus(
                path: path,
                sizeBytes: sizes.reduce(0, +),
                analysisVersion: try Self.storedAnalysisVersion(db),
                currentAnalysisVersion: AnalysisVersion.current,
                roots: roots,
                missingRoots: roots.filter { !FileManager.default.fileExists(atPath: $0) },
                excludeGlobs: settings.excludeGlobs,
                includeHidden: settings.includeHidden,
                files: files,
                passages: passages,
                lastRun: try RunRecord.lastRun(db),
                unfinishedRun: unfinished,
                runInProgress: runInProgress,
                problems: try Self.hasTable("problems", db) ? IndexProblems.all(db) : [])
        }
    }

    /// Whether the index has `table` (an index of an older version may not have it yet: status
    /// reads without migrating).
    static func hasTable(_ table: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) ?? false
    }
}
