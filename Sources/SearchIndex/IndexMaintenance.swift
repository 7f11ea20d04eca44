import GRDB

/// Keeps an index fast and small after runs that changed much of it.
///
/// - After a run that added or removed at least `optimizeShare` of the passages (or on demand),
///   the FTS5 index is merged into one segment, so many small runs never leave queries reading
///   many segments.
/// - When at least `reclaimShare` of the file's pages are free (large files removed, a rebuild),
///   they are given back to the file system: an index created by this version does it
///   incrementally (`auto_vacuum = INCREMENTAL`); an older one is converted to that by one VACUUM.
///   Both are ordinary SQLite transactions: a run killed meanwhile leaves the index whole.
enum IndexMaintenance {
    static let optimizeShare = 0.25
    static let reclaimShare = 0.25
    /// Below this many free pages, giving them back is not worth a write.
    static let reclaimMinimumPages = 256

    static func optimize(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO \(Schema.ftsTable) (\(Schema.ftsTable)) VALUES ('optimize')")
    }

    /// Gives free pages back to the file system when enough of them are free; returns the bytes
    /// given back. Runs outside any transaction.
    @discardableResult
    static func reclaimFreePages(_ db: Database) throws -> Int64 {
        let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let free = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        guard free >= reclaimMinimumPages, Double(free) >= reclaimShare * Double(pages) else { return 0 }
        if try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") == 2 {
            try db.execute(sql: "PRAGMA incremental_vacuum")
        } else {
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            try db.execute(sql: "VACUUM")
        }
        // The file itself shrinks when the log is checkpointed into it.
        try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        let after = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? pages
        return Int64(pages - after) * Int64(pageSize)
    }
}
