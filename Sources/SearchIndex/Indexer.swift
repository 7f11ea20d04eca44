import Foundation
import GRDB
import Ingest
import TextAnalysis

/// How an index run should behave, beyond the roots it updates.
public struct IndexRunOptions: Sendable {
    /// Read and tokenize every file again.
    public var full = false
    /// Glob patterns of files and folders to leave out; nil keeps the ones remembered from the
    /// last run that gave some.
    public var excludeGlobs: [String]?
    /// Whether hidden files and folders are indexed; nil keeps the remembered choice.
    public var includeHidden: Bool?
    /// Merge the FTS5 index into one segment even after a small run.
    public var optimize = false

    public init() {}
}

/// How far a run has come, counted over the files it has to read.
public struct IndexProgress: Sendable {
    public var filesDone = 0
    public var filesTotal = 0
    public var bytesDone: Int64 = 0
    public var bytesTotal: Int64 = 0
}

/// Who hears about a run as it goes: warnings, details (verbose mode), progress, and whether
/// the user asked it to stop.
public struct IndexObserver {
    public var warning: (String) -> Void
    public var detail: (String) -> Void
    public var progress: (IndexProgress) -> Void
    public var isCancelled: () -> Bool

    public init(
        warning: @escaping (String) -> Void,
        detail: @escaping (String) -> Void = { _ in },
        progress: @escaping (IndexProgress) -> Void = { _ in },
        isCancelled: @escaping () -> Bool = { false }
    ) {
        self.warning = warning
        self.detail = detail
        self.progress = progress
        self.isCancelled = isCancelled
    }
}

/// Brings an index up to date with the files under its roots.
///
/// - Incremental: a file whose size and modification time are unchanged is not read; one whose
///   content hash is unchanged is not re-tokenized; a file that moved keeps its passages.
/// - Each file is replaced inside one transaction, and files are committed in batches, so an
///   interrupted run leaves every file either in its old or its new state, and readers never
///   see a half-indexed file.
/// - A rebuild of an index that has content (`--full`, a new analysis version) happens in a
///   single transaction: until it commits, readers keep the whole previous index, and a killed
///   rebuild leaves it untouched.
/// - Files that cannot be indexed (binary, unreadable) are reported through the observer and
///   skipped; they never stop the run.
/// - The caller holds the `IndexLock`: one run at a time per index.
public final class Indexer {
    private let store: IndexStore
    private let observer: IndexObserver

    /// A transaction is committed once it holds this many bytes of new text (or `batchFiles` files).
    static let batchBytes = 8 << 20
    static let batchFiles = 1_000
    /// After a run that added or removed at least this share of the index's passages, the FTS5
    /// index is optimized, so many small runs never leave queries reading many segments.
    static let optimizeShare = 0.25

    public init(store: IndexStore, observer: IndexObserver) {
        self.store = store
        self.observer = observer
    }

    public convenience init(store: IndexStore, warn: @escaping (String) -> Void) {
        self.init(store: store, observer: IndexObserver(warning: warn))
    }

    public func run(roots requestedRoots: [String], full: Bool) throws(IndexError) -> IndexSummary {
        var options = IndexRunOptions()
        options.full = full
        return try run(roots: requestedRoots, options: options)
    }

    /// Indexes `roots` (or, when empty, the roots remembered from earlier runs).
    public func run(roots requestedRoots: [String], options: IndexRunOptions = IndexRunOptions()) throws(IndexError)
        -> IndexSummary
    {
        let clock = ContinuousClock.now
        var summary = IndexSummary()
        summary.started = Date()
        let explicitRoots = try Self.resolve(requestedRoots)
        let settings = try store.walkSettings(overriding: options)
        let walker = FileWalker(
            excludedPaths: Self.databaseFiles(of: store.path),
            excludeGlobs: settings.excludeGlobs, includeHidden: settings.includeHidden)

        try store.session { db in
            let rebuild = try options.full || IndexStore.storedAnalysisVersion(db) != AnalysisVersion.current
            let hasContent = try Int.fetchOne(db, sql: "SELECT count(*) FROM files")! > 0
            let transaction = WriteTransaction(db: db, atomic: rebuild && hasContent, countsWords: store.tokenizer == .arfa)
            try transaction.begin()
            do {
                summary.rebuilt = rebuild
                if rebuild { try Schema.removeAllContent(db, analysisVersion: AnalysisVersion.current, tokenizer: store.tokenizer) }
                try IndexStore.saveWalkSettings(settings, db)
                for root in explicitRoots {
                    try db.execute(sql: "INSERT OR IGNORE INTO roots (path) VALUES (?)", arguments: [root])
                }
                let roots = explicitRoots.isEmpty
                    ? try String.fetchAll(db, sql: "SELECT path FROM roots ORDER BY path") : explicitRoots
                guard !roots.isEmpty else { throw IndexError.nothingToIndex }
                let plans = try plan(roots: roots, explicit: !explicitRoots.isEmpty, walker: walker, db, &summary)
                var progress = IndexProgress()
                for plan in plans {
                    progress.filesTotal += plan.candidates.count
                    progress.bytesTotal += plan.candidates.reduce(0) { $0 + $1.file.size }
                }
                observer.progress(progress)
                for plan in plans {
                    try update(plan, transaction: transaction, progress: &progress, summary: &summary)
                }
                try finish(&summary, clock: clock, db)
                try transaction.commit()
            } catch is StopRequested {
                if transaction.atomic {
                    transaction.rollBack()
                    throw IndexError.interrupted(keptFiles: 0, rolledBack: true)
                }
                summary.interrupted = true
                try finish(&summary, clock: clock, db)
                try transaction.commit()
                throw IndexError.interrupted(
                    keptFiles: summary.newFiles + summary.changedFiles + summary.renamedFiles, rolledBack: false)
            } catch {
                transaction.rollBack()
                throw error
            }
            let largeChange = summary.passagesWritten > 0
                && Double(summary.passagesWritten) >= Self.optimizeShare * Double(summary.totalPassages)
            if options.optimize || largeChange {
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "INSERT INTO \(Schema.ftsTable) (\(Schema.ftsTable)) VALUES ('optimize')")
                    summary.optimized = true
                    try IndexStore.saveLastRun(summary, db)
                    return .commit
                }
                observer.detail("optimized the full-text index")
            }
        }
        return summary
    }

    /// Records the totals and the run itself in the index, inside the run's last transaction.
    private func finish(_ summary: inout IndexSummary, clock: ContinuousClock.Instant, _ db: Database) throws {
        summary.totalFiles = try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0
        summary.totalPassages = try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? 0
        let elapsed = ContinuousClock.now - clock
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        try IndexStore.saveLastRun(summary, db)
    }

    /// Explicit roots must exist: a typo should not silently index nothing.
    private static func resolve(_ requested: [String]) throws(IndexError) -> [String] {
        var roots: [String] = []
        for root in requested {
            let path = FileWalker.absolutePath(root)
            guard FileManager.default.fileExists(atPath: path) else { throw .rootNotFound(path: root) }
            if !roots.contains(path) { roots.append(path) }
        }
        return roots
    }

    static func databaseFiles(of path: String) -> Set<String> {
        let absolute = FileWalker.absolutePath(path)
        return [absolute, absolute + "-wal", absolute + "-shm", absolute + "-journal", IndexLock.path(forIndex: absolute)]
    }

    private struct StoredFile {
        var id: Int64
        var path: String
        var size: Int64
        var modificationTime: Double
        var contentHash: String
        var passageCount: Int
    }

    /// A file whose size or modification time differs from the index (or that is new).
    private struct Candidate {
        var file: FoundFile
        var previous: StoredFile?
    }

    /// What one root needs: the files to read, and the indexed files that are gone.
    private struct RootPlan {
        var candidates: [Candidate] = []
        var vanished: [StoredFile] = []
    }

    private func plan(
        roots: [String], explicit: Bool, walker: FileWalker, _ db: Database, _ summary: inout IndexSummary
    ) throws -> [RootPlan] {
        var plans: [RootPlan] = []
        for root in roots {
            let walk: WalkResult
            do {
                walk = try walker.walk(root: root)
            } catch {
                // A remembered root that is gone (an unmounted disk) keeps its files in the index:
                // removing them all because a mount is missing would be the wrong guess.
                if explicit { throw IndexError.rootNotFound(path: root) }
                observer.warning("skipped \(root): \(error.description); its files stay in the index")
                summary.skippedFiles += 1
                continue
            }
            for skipped in walk.skipped {
                observer.warning("skipped \(skipped.path): \(skipped.reason)")
                summary.skippedFiles += 1
            }
            var stored = try storedFiles(under: root, db)
            var plan = RootPlan()
            for file in walk.files {
                let previous = stored.removeValue(forKey: file.path)
                if let previous, previous.size == file.size, previous.modificationTime == file.modificationTime {
                    summary.unchangedFiles += 1
                } else {
                    plan.candidates.append(Candidate(file: file, previous: previous))
                }
            }
            plan.vanished = stored.values.sorted { $0.id < $1.id }
            plans.append(plan)
        }
        return plans
    }

    private func storedFiles(under root: String, _ db: Database) throws -> [String: StoredFile] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, path, size, modification_time, content_hash, passage_count FROM files
            WHERE path = ?1 OR substr(path, 1, length(?1) + 1) = ?1 || '/'
            """, arguments: [root.hasSuffix("/") ? String(root.dropLast()) : root])
        var files: [String: StoredFile] = [:]
        for row in rows {
            files[row["path"]] = StoredFile(
                id: row["id"], path: row["path"], size: row["size"], modificationTime: row["modification_time"],
                contentHash: row["content_hash"], passageCount: row["passage_count"])
        }
        return files
    }

    private func update(
        _ plan: RootPlan, transaction: WriteTransaction, progress: inout IndexProgress, summary: inout IndexSummary
    ) throws {
        let writer = PassageWriter(db: transaction.db, words: transaction.words)
        // Files that disappeared, by hash, so a new file with the same content is seen as a move.
        var vanishedByHash: [String: [StoredFile]] = [:]
        for file in plan.vanished { vanishedByHash[file.contentHash, default: []].append(file) }
        var pendingBytes = 0, pendingFiles = 0

        let preparation = FilePreparation(
            files: plan.candidates.map(\.file), knownHashes: plan.candidates.map { $0.previous?.contentHash },
            analyzesTerms: store.tokenizer == .arfa)
        defer { preparation.close() }
        for candidate in plan.candidates {
            if observer.isCancelled() { throw StopRequested() }
            let file = candidate.file, previous = candidate.previous
            defer {
                progress.filesDone += 1
                progress.bytesDone += file.size
                observer.progress(progress)
            }
            guard let prepared = preparation.next() else { break }
            let hash: String, byteCount: Int, document: DocumentDecoder.Outcome, passages: [PreparedPassage]
            switch prepared {
            case .unreadable(let vanished):
                observer.warning("skipped \(file.path): \(vanished ? "it vanished during the run" : "cannot read it")")
                summary.skippedFiles += 1
                continue
            case .unchanged(let unchangedHash, _):
                (hash, byteCount, document, passages) = (unchangedHash, 0, .binary, [])
            case .read(let readHash, let readCount, let readDocument, let readPassages):
                (hash, byteCount, document, passages) = (readHash, readCount, readDocument, readPassages)
            }
            summary.filesRead += 1
            if let previous, previous.contentHash == hash {
                try writer.updateFile(id: previous.id, path: file.path, size: file.size, modificationTime: file.modificationTime)
                summary.unchangedFiles += 1
                continue
            }
            if previous == nil, var moved = vanishedByHash[hash], let origin = moved.popLast() {
                vanishedByHash[hash] = moved.isEmpty ? nil : moved
                try writer.updateFile(id: origin.id, path: file.path, size: file.size, modificationTime: file.modificationTime)
                observer.detail("renamed \(origin.path) → \(file.path)")
                summary.renamedFiles += 1
                continue
            }
            switch document {
            case .binary:
                observer.warning("skipped \(file.path): binary file")
                summary.skippedFiles += 1
                if let previous {
                    try writer.removeFile(id: previous.id)
                    summary.passagesWritten += previous.passageCount
                }
                continue
            case .text(let decoded):
                if decoded.repaired {
                    observer.warning("repaired \(file.path): invalid \(decoded.encoding.rawValue) replaced with U+FFFD")
                    summary.repairedFiles += 1
                } else if decoded.encoding != .utf8 {
                    observer.detail("decoded \(file.path) as \(decoded.encoding.rawValue)")
                }
                if let previous {
                    try writer.removeFile(id: previous.id)
                    summary.passagesWritten += previous.passageCount
                    summary.changedFiles += 1
                    observer.detail("changed \(file.path) (\(Self.passages(passages.count)))")
                } else {
                    summary.newFiles += 1
                    observer.detail("new \(file.path) (\(Self.passages(passages.count)))")
                }
                try writer.addFile(file, contentHash: hash, passages: passages)
                summary.passagesWritten += passages.count
                pendingBytes += byteCount
                pendingFiles += 1
            }
            if pendingBytes >= Self.batchBytes || pendingFiles >= Self.batchFiles {
                try transaction.commitBatch()
                pendingBytes = 0
                pendingFiles = 0
            }
        }
        for file in vanishedByHash.values.joined().sorted(by: { $0.id < $1.id }) {
            try writer.removeFile(id: file.id)
            summary.passagesWritten += file.passageCount
            summary.removedFiles += 1
            observer.detail("removed \(file.path)")
        }
    }
}

extension Indexer {
    static func passages(_ count: Int) -> String { count == 1 ? "1 passage" : "\(count) passages" }
}

/// Thrown inside a run when the user asked it to stop, to unwind to where the run ends.
private struct StopRequested: Error {}

/// The write transaction of a run: committed batch by batch, or (`atomic`) once at the end.
final class WriteTransaction {
    let db: Database
    let atomic: Bool
    /// The word counts the run changes (see `WordCounts`: begun, written or marked before each
    /// commit, dropped on a rollback); nil for an index whose tokenizer is not ours (the
    /// benchmark's baseline), which has no use for them.
    let words: WordCounts?

    init(db: Database, atomic: Bool, countsWords: Bool = true) {
        self.db = db
        self.atomic = atomic
        words = countsWords ? WordCounts() : nil
    }

    func begin() throws {
        try db.beginTransaction(.immediate)
        try words?.begin(db)
    }

    /// Makes the files written so far durable, unless the run must commit as a whole.
    func commitBatch() throws {
        guard !atomic else { return }
        try words?.willCommit(db, final: false)
        try db.commit()
        try db.beginTransaction(.immediate)
    }

    func commit() throws {
        try words?.willCommit(db, final: true)
        try db.commit()
    }

    func rollBack() {
        words?.discard()
        if db.isInsideTransaction { try? db.rollback() }
    }
}

/// Writes files and passages inside an open transaction, keeping `passages_fts` in step.
struct PassageWriter {
    let db: Database
    /// Where the surface words written and deleted are counted (`WordTable`), if they are.
    var words: WordCounts?

    func addFile(_ file: FoundFile, contentHash: String, passages: [PreparedPassage]) throws {
        try db.cachedStatement(sql: """
            INSERT INTO files (path, size, modification_time, content_hash, passage_count) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [file.path, file.size, file.modificationTime, contentHash, passages.count])
        let fileID = db.lastInsertedRowID
        let insertPassage = try db.cachedStatement(
            sql: "INSERT INTO passages (file_id, start_line, end_line, text) VALUES (?, ?, ?, ?)")
        let insertTerms = try db.cachedStatement(sql: "INSERT INTO \(Schema.ftsTable) (rowid, text) VALUES (?, ?)")
        for prepared in passages {
            let passage = prepared.passage
            try insertPassage.execute(arguments: [fileID, passage.startLine, passage.endLine, passage.text])
            if let terms = prepared.terms { PreparedTerms.next.withLock { $0 = terms } }
            try insertTerms.execute(arguments: [db.lastInsertedRowID, passage.text])
        }
        words?.add(passages)
    }

    func updateFile(id: Int64, path: String, size: Int64, modificationTime: Double) throws {
        try db.cachedStatement(sql: "UPDATE files SET path = ?, size = ?, modification_time = ? WHERE id = ?")
            .execute(arguments: [path, size, modificationTime, id])
    }

    /// Removes a file and its passages; the FTS5 delete is given the exact indexed text.
    func removeFile(id: Int64) throws {
        try words?.remove(passagesOfFile: id, db)
        try db.cachedStatement(sql: """
            INSERT INTO \(Schema.ftsTable) (\(Schema.ftsTable), rowid, text)
            SELECT 'delete', id, text FROM passages WHERE file_id = ?
            """).execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM passages WHERE file_id = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM files WHERE id = ?").execute(arguments: [id])
    }
}
