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
    public var excludeGlobs: [String]
    public var includeHidden: Bool
    public var files: Int
    public var passages: Int
    public var lastRun: IndexSummary?

    /// The index was built by this program's text analysis (else the next run rebuilds it).
    public var isCurrent: Bool { analysisVersion == currentAnalysisVersion }
}

extension IndexStore {
    public func status() throws(IndexError) -> IndexStatus {
        let sizes = [path, path + "-wal"].map { file in
            ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.int64Value ?? 0
        }
        return try read { db in
            let settings = try Self.walkSettings(db)
            return IndexStatus(
                path: path,
                sizeBytes: sizes.reduce(0, +),
                analysisVersion: try Self.storedAnalysisVersion(db),
                currentAnalysisVersion: AnalysisVersion.current,
                roots: try String.fetchAll(db, sql: "SELECT path FROM roots ORDER BY path"),
                excludeGlobs: settings.excludeGlobs,
                includeHidden: settings.includeHidden,
                files: try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0,
                passages: try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? 0,
                lastRun: try Self.lastRun(db))
        }
    }
}
