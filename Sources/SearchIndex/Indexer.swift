import Foundation
import FullText
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
///   rebuild leaves it untouched. It reads every file under the roots it walks again; the files
///   it does not walk (a missing root, a root not named this time) keep their passages, which
///   are analyzed again from their stored text.
/// - A root that is missing (an unmounted disk) keeps its files in every kind of run.
/// - Files that cannot be indexed (binary, unreadable) are reported through the observer once
///   (`IndexProblems`) and skipped; they never stop the run. Files whose extension names a
///   binary format are passed over without being read.
/// - The run is recorded as started before it writes (`RunRecord`).
/// - The caller holds the `IndexLock`: one run at a time per index.
public final class Indexer {
    private let store: IndexStore
    private let observer: IndexObserver

    /// A transaction is committed once it holds this many bytes of new text (or `batchFiles` files).
    static let batchBytes = 8 << 20
    static let batchFiles = 1_000

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
        let explicitRoots = try IndexRoots.resolve(requestedRoots)
        let settings = try store.walkSettings(overriding: options)
        let walker = FileWalker(
            excludedPaths: Self.databaseFiles(of: store.path),
            excludeGlobs: settings.excludeGlobs, includeHidden: settings.includeHidden)

        try store.session { db in
            let newTerms = try options.full || IndexStore.storedAnalysisVersion(db) != AnalysisVersion.current
            let hasContent = try Int.fetchOne(db, sql: "SELECT count(*) FROM files")! > 0
            // A first build is not a rebuild: there is nothing to keep readers on.
            summary.rebuilt = newTerms && hasContent
            try RunRecord.begin(summary, db)
            let transaction = WriteTransaction(db: db, atomic: summary.rebuilt, countsWords: store.tokenizer == .arfa)
            try transaction.begin()
            do {
                if newTerms {
                    try Schema.recreateFullTextTable(db, analysisVersion: AnalysisVersion.current, tokenizer: store.tokenizer)
                }
                try IndexStore.saveWalkSettings(settings, db)
                let roots = try IndexRoots(db: db).register(explicitRoots) { from, to, files in
                    observer.detail("moved root \(from) → \(to) (\(IndexSummary.count(files, "file")) kept)")
                }
                guard !roots.isEmpty else { throw IndexError.nothingToIndex }
                var problems = try IndexProblems(db)
                let plans = try plan(roots: roots, explicit: !explicitRoots.isEmpty, rebuild: newTerms,
                                     walker: walker, problems: &problems, db, &summary)
                if newTerms { summary.passagesWritten += try Self.analyzeStoredPassages(db) }
                // The roots and settings are kept from here on, so a run killed before its first
                // batch is finished by a bare `search index`.
                try transaction.commitBatch(recording: summary)
                var progress = IndexProgress()
                for plan in plans {
                    progress.filesTotal += plan.candidates.count
                    progress.bytesTotal += plan.candidates.reduce(0) { $0 + $1.file.size }
                }
                observer.progress(progress)
                for plan in plans {
                    try update(plan, transaction: transaction, progress: &progress, problems: &problems,
                               summary: &summary, clock: clock)
                }
                try problems.save(replacingUnder: plans.filter(\.walked).map(\.root), db)
                try finish(&summary, clock: clock, db)
                try transaction.commit()
            } catch is StopRequested {
                summary.interrupted = true
                if transaction.atomic {
                    transaction.rollBack()
                    try? Self.record(summary, clock: clock, db)
                    throw IndexError.interrupted(keptFiles: 0, rolledBack: true)
                }
                try finish(&summary, clock: clock, db)
                try transaction.commit()
                throw IndexError.interrupted(
                    keptFiles: summary.newFiles + summary.changedFiles + summary.renamedFiles, rolledBack: false)
            } catch {
                transaction.rollBack()
                summary.interrupted = true
                try? Self.record(summary, clock: clock, db)
                throw error
            }
            try maintain(&summary, optimize: options.optimize, db)
        }
        return summary
    }

    /// Drops roots and every file under them from the index (`search index --forget ROOT`).
    public func forget(roots requested: [String]) throws(IndexError) -> IndexSummary {
        let clock = ContinuousClock.now
        var summary = IndexSummary()
        summary.started = Date()
        try store.session { db in
            let registry = IndexRoots(db: db)
            var roots: [String] = []
            for argument in requested {
                guard let root = try registry.rootNamed(argument) else {
                    let known = try registry.stored().map(\.path)
                    throw IndexError.notARoot(path: argument, roots: known)
                }
                if !roots.contains(root) { roots.append(root) }
            }
            try RunRecord.begin(summary, db)
            try db.inTransaction(.immediate) {
                let words = WordCounts()
                try words.begin(db)
                let writer = PassageWriter(db: db, fullText: nil, words: store.tokenizer == .arfa ? words : nil)
                for root in roots {
                    let files = try Row.fetchAll(db, sql: """
                        SELECT id, passage_count FROM files WHERE \(IndexRoots.underRoot) ORDER BY id
                        """, arguments: [root])
                    for file in files {
                        try writer.removeFile(id: file["id"])
                        summary.passagesWritten += file["passage_count"] as Int
                    }
                    summary.removedFiles += files.count
                    try db.execute(sql: "DELETE FROM problems WHERE \(IndexRoots.underRoot)", arguments: [root])
                    try db.execute(sql: "DELETE FROM roots WHERE path = ?", arguments: [root])
                    observer.detail("forgot \(root) (\(IndexSummary.count(files.count, "file")))")
                }
                try finish(&summary, clock: clock, db)
                try words.willCommit(db, final: true)
                return .commit
            }
            try maintain(&summary, optimize: false, db)
        }
        return summary
    }

    /// After the run's last commit: optimize after a large change, then give free pages back.
    private func maintain(_ summary: inout IndexSummary, optimize: Bool, _ db: Database) throws {
        let largeChange = summary.passagesWritten > 0
            && Double(summary.passagesWritten) >= IndexMaintenance.optimizeShare * Double(summary.totalPassages)
        if optimize || largeChange {
            try db.inTransaction(.immediate) {
                try IndexMaintenance.optimize(db)
                summary.optimized = true
                try RunRecord.finish(summary, db)
                return .commit
            }
            observer.detail("optimized the full-text index")
        }
        let reclaimed = try IndexMaintenance.reclaimFreePages(db)
        if reclaimed > 0 { observer.detail("gave \(reclaimed / 1_000_000) MB of free pages back to the file system") }
    }

    /// Records the totals and the run itself in the index, inside the run's last transaction.
    private func finish(_ summary: inout IndexSummary, clock: ContinuousClock.Instant, _ db: Database) throws {
        summary.totalFiles = try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0
        summary.totalPassages = try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? 0
        summary.seconds = Self.seconds(since: clock)
        try RunRecord.finish(summary, db)
    }

    /// Records a run that ended without its own last commit (rolled back), in a transaction of its own.
    private static func record(_ summary: IndexSummary, clock: ContinuousClock.Instant, _ db: Database) throws {
        var summary = summary
        summary.seconds = seconds(since: clock)
        try db.inTransaction(.immediate) {
            summary.totalFiles = try Int.fetchOne(db, sql: "SELECT count(*) FROM files") ?? 0
            summary.totalPassages = try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? 0
            try RunRecord.finish(summary, db)
            return .commit
        }
    }

    static func seconds(since clock: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - clock
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Puts every stored passage into the (new, empty) full-text table, analyzed from its stored
    /// text: what a rebuild keeps without reading its file again. Returns how many.
    private static func analyzeStoredPassages(_ db: Database) throws -> Int {
        try db.execute(sql: "INSERT INTO \(Schema.ftsTable) (rowid, text) SELECT id, text FROM passages ORDER BY id")
        return db.changesCount
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
        var root: String
        /// Whether the root could be walked (else its files stay as they are).
        var walked = true
        var candidates: [Candidate] = []
        var vanished: [StoredFile] = []
    }

    private func plan(
        roots: [String], explicit: Bool, rebuild: Bool, walker: FileWalker, problems: inout IndexProblems,
        _ db: Database, _ summary: inout IndexSummary
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
                let reason = (error == .rootNotFound(path: root) ? "missing" : "cannot be read")
                    + "; its files stay in the index (`search index --forget \(root)` drops them)"
                if problems.report(root, reason: reason) {
                    observer.warning("skipped \(root): \(reason)")
                    summary.newlySkippedFiles += 1
                }
                summary.skippedFiles += 1
                plans.append(RootPlan(root: root, walked: false))
                continue
            }
            for skipped in walk.skipped {
                if problems.report(skipped.path, reason: skipped.reason) {
                    observer.warning("skipped \(skipped.path): \(skipped.reason)")
                    summary.newlySkippedFiles += 1
                }
                summary.skippedFiles += 1
            }
            var plan = RootPlan(root: root)
            var stored = try storedFiles(under: root, db)
            if rebuild {
                // Read again, as new files: their passages were analyzed by the rules being replaced.
                try db.execute(sql: """
                    DELETE FROM passages WHERE file_id IN (SELECT id FROM files WHERE \(IndexRoots.underRoot))
                    """, arguments: [root])
                try db.execute(sql: "DELETE FROM files WHERE \(IndexRoots.underRoot)", arguments: [root])
                stored = [:]
            }
            for file in walk.files {
                if BinaryFileTypes.isBinary(path: file.path) {
                    observer.detail("skipped \(file.path): binary file type")
                    summary.binaryTypeFiles += 1
                    continue
                }
                let previous = stored.removeValue(forKey: file.path)
                if let previous, previous.size == file.size, previous.modificationTime == file.modificationTime {
                    summary.unchangedFiles += 1
                } else if previous == nil, problems.isKnownBinary(file.path, size: file.size, modificationTime: file.modificationTime) {
                    _ = problems.report(file.path, reason: IndexProblems.binaryReason, size: file.size,
                                        modificationTime: file.modificationTime)
                    summary.skippedFiles += 1
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
            WHERE \(IndexRoots.underRoot)
            """, arguments: [root])
        var files: [String: StoredFile] = [:]
        for row in rows {
            files[row["path"]] = StoredFile(
                id: row["id"], path: row["path"], size: row["size"], modificationTime: row["modification_time"],
                contentHash: row["content_hash"], passageCount: row["passage_count"])
        }
        return files
    }

    private func update(
        _ plan: RootPlan, transaction: WriteTransaction, progress: inout IndexProgress, problems: inout IndexProblems,
        summary: inout IndexSummary, clock: ContinuousClock.Instant
    ) throws {
        let writer = PassageWriter(
            db: transaction.db, fullText: store.fullText.state(of: transaction.db), words: transaction.words)
        // Files that disappeared, by hash, so a new file with the same content is seen as a move.
        var vanishedByHash: [String: [StoredFile]] = [:]
        for file in plan.vanished { vanishedByHash[file.contentHash, default: []].append(file) }
        var pendingBytes = 0, pendingFiles = 0

        func skip(_ file: FoundFile, _ reason: String, remembered: Bool = true) {
            let isNew = remembered
                ? problems.report(file.path, reason: reason, size: file.size, modificationTime: file.modificationTime)
                : true
            if isNew {
                observer.warning("skipped \(file.path): \(reason)")
                summary.newlySkippedFiles += 1
            }
            summary.skippedFiles += 1
        }

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
                // A file that vanished is gone for good: nothing to remember about it.
                skip(file, vanished ? "it vanished during the run" : "cannot read it", remembered: !vanished)
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
                skip(file, IndexProblems.binaryReason)
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
                    observer.detail("changed \(file.path) (\(IndexSummary.count(passages.count, "passage")))")
                } else {
                    summary.newFiles += 1
                    observer.detail("new \(file.path) (\(IndexSummary.count(passages.count, "passage")))")
                }
                try writer.addFile(file, contentHash: hash, passages: passages)
                summary.passagesWritten += passages.count
                pendingBytes += byteCount
                pendingFiles += 1
            }
            if pendingBytes >= Self.batchBytes || pendingFiles >= Self.batchFiles {
                summary.seconds = Self.seconds(since: clock)
                try transaction.commitBatch(recording: summary)
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

    /// Makes the files written so far durable, with the run's record of how far it came, unless
    /// the run must commit as a whole.
    func commitBatch(recording summary: IndexSummary) throws {
        guard !atomic else { return }
        try RunRecord.progress(summary, db)
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
    /// The writer connection's tokenizer state, which replays prepared terms.
    let fullText: FullTextConnection?
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
            if let terms = prepared.terms { fullText?.nextDocumentTerms = terms }
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
