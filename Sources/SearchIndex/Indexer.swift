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
/// - Memory does not grow with the tree nor with a file: the walk is compared with the index as
///   it goes, the files to read wait in temporary tables, files are read as streams
///   (`DocumentFile`) and a large file's passages reach the writer in parts (`FilePreparation`),
///   written inside one savepoint so that the file is still replaced as a whole.
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
            defer { RunTables.drop(db) }
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
                (progress.filesTotal, progress.bytesTotal) = try RunTables.totals(db)
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

        init(_ row: Row) {
            id = row["id"]
            path = row["path"]
            size = row["size"]
            modificationTime = row["modification_time"]
            contentHash = row["content_hash"]
            passageCount = row["passage_count"]
        }
    }

    /// What one root needs. The files to read and the indexed files that are gone wait in the
    /// run's temporary tables (`RunTables`), not in memory.
    private struct RootPlan {
        var root: String
        /// Its number in the temporary tables.
        var number: Int
        /// Whether the root could be walked (else its files stay as they are).
        var walked = true
    }

    /// Walks each root, comparing what it finds with the index as it goes (both in the byte order
    /// of their paths), and records the files to read and those that are gone.
    private func plan(
        roots: [String], explicit: Bool, rebuild: Bool, walker: FileWalker, problems: inout IndexProblems,
        _ db: Database, _ summary: inout IndexSummary
    ) throws -> [RootPlan] {
        try RunTables.create(db)
        var plans: [RootPlan] = []
        for (number, root) in roots.enumerated() {
            var walk: FileWalk
            do {
                walk = try walker.start(root: root)
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
                plans.append(RootPlan(root: root, number: number, walked: false))
                continue
            }
            if rebuild {
                // Read again, as new files: their passages were analyzed by the rules being replaced.
                try db.execute(sql: """
                    DELETE FROM passages WHERE file_id IN (SELECT id FROM files WHERE \(IndexRoots.underRoot))
                    """, arguments: [root])
                try db.execute(sql: "DELETE FROM files WHERE \(IndexRoots.underRoot)", arguments: [root])
            }
            try compare(&walk, root: root, number: number, problems: &problems, db, &summary)
            for skipped in walk.skipped {
                if problems.report(skipped.path, reason: skipped.reason) {
                    observer.warning("skipped \(skipped.path): \(skipped.reason)")
                    summary.newlySkippedFiles += 1
                }
                summary.skippedFiles += 1
            }
            plans.append(RootPlan(root: root, number: number))
        }
        return plans
    }

    /// Merges the walk with the files the index holds under `root`, both sorted by the bytes of
    /// their paths: a file only walked is new, a file only stored is gone.
    private func compare(
        _ walk: inout FileWalk, root: String, number: Int, problems: inout IndexProblems, _ db: Database,
        _ summary: inout IndexSummary
    ) throws {
        var stored = try StoredFiles(under: root, db)
        var next = try stored.next()
        let vanish = { (file: StoredFile) in try RunTables.addVanished(file.id, root: number, path: file.path,
                                                                        contentHash: file.contentHash,
                                                                        passageCount: file.passageCount, db) }
        while let file = walk.next() {
            if BinaryFileTypes.isBinary(path: file.path) {
                observer.detail("skipped \(file.path): binary file type")
                summary.binaryTypeFiles += 1
                continue
            }
            while let row = next, row.path.utf8.lexicographicallyPrecedes(file.path.utf8) {
                try vanish(row)
                next = try stored.next()
            }
            var previous: StoredFile?
            if let row = next, row.path.utf8.elementsEqual(file.path.utf8) {
                previous = row
                next = try stored.next()
            }
            if let previous, previous.size == file.size, previous.modificationTime == file.modificationTime {
                summary.unchangedFiles += 1
            } else if previous == nil, problems.isKnownBinary(file.path, size: file.size, modificationTime: file.modificationTime) {
                _ = problems.report(file.path, reason: IndexProblems.binaryReason, size: file.size,
                                    modificationTime: file.modificationTime)
                summary.skippedFiles += 1
            } else {
                try RunTables.addCandidate(file, root: number, previousID: previous?.id, previousHash: previous?.contentHash,
                                           previousPassages: previous?.passageCount, db)
            }
        }
        while let row = next {
            try vanish(row)
            next = try stored.next()
        }
    }

    /// The files the index holds under a root, in the byte order of their paths.
    private struct StoredFiles {
        private var rootFile: StoredFile?
        private let rows: RowCursor

        init(under root: String, _ db: Database) throws {
            rootFile = try Row.fetchOne(db, sql: "\(Self.columns) WHERE path = ?", arguments: [root]).map(StoredFile.init)
            // The paths below the root, "root/" ≤ path < "root0" ("0" follows "/"), through the
            // index on `path`, which keeps them in that order.
            let prefix = root.hasSuffix("/") ? root : root + "/"
            rows = try Row.fetchCursor(
                db, sql: "\(Self.columns) WHERE path >= ? AND path < ? ORDER BY path",
                arguments: [prefix, String(prefix.dropLast()) + "0"])
        }

        static let columns = "SELECT id, path, size, modification_time, content_hash, passage_count FROM files"

        mutating func next() throws -> StoredFile? {
            if let file = rootFile {
                rootFile = nil
                return file
            }
            return try rows.next().map(StoredFile.init)
        }
    }

    /// How many files the preparing thread is given ahead of the one being written.
    static let lookahead = 512

    private func update(
        _ plan: RootPlan, transaction: WriteTransaction, progress: inout IndexProgress, problems: inout IndexProblems,
        summary: inout IndexSummary, clock: ContinuousClock.Instant
    ) throws {
        let db = transaction.db
        let writer = PassageWriter(db: db, fullText: store.fullText.state(of: db), words: transaction.words)
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

        let preparation = FilePreparation(analyzesTerms: store.tokenizer == .arfa)
        defer { preparation.close() }
        var candidates = RunTables.Candidates(root: plan.number)
        // The candidates handed to the preparing thread and not written yet, in order.
        var inFlight: [RunTables.Candidate] = []
        var inFlightHead = 0
        var position = -1
        func topUp() throws {
            guard inFlight.count - inFlightHead < Self.lookahead / 2, !candidates.isExhausted else { return }
            if inFlightHead > 0 {
                inFlight.removeFirst(inFlightHead)
                inFlightHead = 0
            }
            let page = try candidates.next(Self.lookahead - inFlight.count, db)
            inFlight += page
            preparation.add(page.map { ($0.file, $0.previous?.hash) })
            if candidates.isExhausted { preparation.finishAdding() }
        }
        try topUp()
        // A new file may be one that moved only if some file is gone (never in a first build).
        let hasVanished = try RunTables.hasVanished(root: plan.number, db)
        while inFlightHead < inFlight.count {
            if observer.isCancelled() { throw StopRequested() }
            let candidate = inFlight[inFlightHead]
            inFlightHead += 1
            position += 1
            let file = candidate.file, previous = candidate.previous
            var bytesShown: Int64 = 0
            defer {
                progress.filesDone += 1
                progress.bytesDone += file.size - bytesShown
                observer.progress(progress)
            }
            guard let prepared = preparation.next() else { break }
            try topUp()
            let hash: String, byteCount: Int
            var text: PreparedText?
            switch prepared {
            case .unreadable(let vanished):
                // A file that vanished is gone for good: nothing to remember about it.
                skip(file, vanished ? "it vanished during the run" : "cannot read it", remembered: !vanished)
                continue
            case .unchanged(let unchangedHash, _):
                (hash, byteCount) = (unchangedHash, 0)
            case .binary(let readHash, let readCount):
                (hash, byteCount) = (readHash, readCount)
            case .text(let prepared):
                (hash, byteCount, text) = (prepared.hash, prepared.byteCount, prepared)
            }
            summary.filesRead += 1
            if let previous, previous.hash == hash {
                try writer.updateFile(id: previous.id, path: file.path, size: file.size, modificationTime: file.modificationTime)
                summary.unchangedFiles += 1
                continue
            }
            if previous == nil, hasVanished, let origin = try RunTables.takeVanished(root: plan.number, contentHash: hash, db) {
                try writer.updateFile(id: origin.id, path: file.path, size: file.size, modificationTime: file.modificationTime)
                observer.detail("renamed \(origin.path) → \(file.path)")
                summary.renamedFiles += 1
                if let text, text.continues { Self.drain(preparation, skippingFileAt: position) }
                continue
            }
            guard let text else {
                skip(file, IndexProblems.binaryReason)
                if let previous {
                    try writer.removeFile(id: previous.id)
                    summary.passagesWritten += previous.passageCount
                }
                continue
            }
            if text.repaired {
                observer.warning("repaired \(file.path): invalid \(text.encoding.rawValue) replaced with U+FFFD")
                summary.repairedFiles += 1
            } else if text.encoding != .utf8 {
                observer.detail("decoded \(file.path) as \(text.encoding.rawValue)")
            }
            let written: Int
            do {
                written = try write(text, of: file, replacing: previous, with: writer, from: preparation,
                                    progress: &progress, bytesShown: &bytesShown)
            } catch let failure as UnfinishedRead {
                skip(file, failure.vanished ? "it vanished during the run" : "cannot read it", remembered: !failure.vanished)
                continue
            }
            if let previous {
                summary.passagesWritten += previous.passageCount
                summary.changedFiles += 1
                observer.detail("changed \(file.path) (\(IndexSummary.count(written, "passage")))")
            } else {
                summary.newFiles += 1
                observer.detail("new \(file.path) (\(IndexSummary.count(written, "passage")))")
            }
            summary.passagesWritten += written
            pendingBytes += byteCount
            pendingFiles += 1
            if pendingBytes >= Self.batchBytes || pendingFiles >= Self.batchFiles {
                summary.seconds = Self.seconds(since: clock)
                try transaction.commitBatch(recording: summary)
                pendingBytes = 0
                pendingFiles = 0
            }
        }
        try RunTables.removeVanished(root: plan.number, db) { file in
            try writer.removeFile(id: file.id)
            summary.passagesWritten += file.passageCount
            summary.removedFiles += 1
            observer.detail("removed \(file.path)")
        }
    }

    /// A file could not be read to its end: it keeps its previous state.
    private struct UnfinishedRead: Error {
        var vanished: Bool
    }

    /// Writes a text file in place of its previous version, as one whole: a file whose passages
    /// come in parts is written inside a savepoint, rolled back if it cannot be read to its end
    /// or the run is stopped meanwhile. Returns how many passages it has.
    private func write(
        _ text: PreparedText, of file: FoundFile, replacing previous: RunTables.Previous?, with writer: PassageWriter,
        from preparation: FilePreparation, progress: inout IndexProgress, bytesShown: inout Int64
    ) throws -> Int {
        func writeWhole() throws -> Int {
            if let previous { try writer.removeFile(id: previous.id) }
            let fileID = try writer.addFile(file, contentHash: text.hash, passageCount: text.passages.count)
            try writer.addPassages(text.passages, fileID: fileID)
            guard text.continues else { return text.passages.count }
            var count = text.passages.count
            while true {
                if observer.isCancelled() { throw StopRequested() }
                switch preparation.nextPart() {
                case .passages(let passages, let bytesRead):
                    try writer.addPassages(passages, fileID: fileID)
                    count += passages.count
                    progress.bytesDone += Int64(bytesRead) - bytesShown
                    bytesShown = Int64(bytesRead)
                    observer.progress(progress)
                case .end(let hash, _):
                    try writer.finishFile(id: fileID, contentHash: hash, passageCount: count)
                    return count
                case .failed(let vanished):
                    throw UnfinishedRead(vanished: vanished)
                case nil:
                    throw StopRequested()
                }
            }
        }
        guard text.continues else { return try writeWhole() }
        var count = 0
        // The words counted for the file go back with the savepoint.
        let counted = writer.words?.snapshot()
        do {
            try writer.db.inSavepoint {
                count = try writeWhole()
                return .commit
            }
        } catch {
            if let counted { writer.words?.restore(counted) }
            throw error
        }
        return count
    }

    /// Reads and drops the remaining parts of a file the writer does not need.
    private static func drain(_ preparation: FilePreparation, skippingFileAt position: Int) {
        preparation.skipRest(ofFileAt: position)
        while let part = preparation.nextPart() {
            switch part {
            case .passages: continue
            case .end, .failed: return
            }
        }
    }
}

/// The temporary tables of a run (on the writer's connection, in SQLite's temporary database):
/// the files to read and the indexed files that are gone, so that a tree of any size is planned
/// in the same memory.
enum RunTables {
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS run_candidates (
                seq INTEGER PRIMARY KEY, root INTEGER NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,
                modification_time REAL NOT NULL, previous_id INTEGER, previous_hash TEXT, previous_passages INTEGER);
            CREATE TEMP TABLE IF NOT EXISTS run_vanished (
                id INTEGER PRIMARY KEY, root INTEGER NOT NULL, path TEXT NOT NULL, content_hash TEXT NOT NULL,
                passage_count INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS temp.run_vanished_by_hash ON run_vanished (root, content_hash);
            DELETE FROM temp.run_candidates;
            DELETE FROM temp.run_vanished;
            """)
    }

    static func drop(_ db: Database) {
        try? db.execute(sql: "DROP TABLE IF EXISTS temp.run_candidates; DROP TABLE IF EXISTS temp.run_vanished")
    }

    static func addCandidate(
        _ file: FoundFile, root: Int, previousID: Int64?, previousHash: String?, previousPassages: Int?, _ db: Database
    ) throws {
        try db.cachedStatement(sql: """
            INSERT INTO temp.run_candidates (root, path, size, modification_time, previous_id, previous_hash, previous_passages)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [root, file.path, file.size, file.modificationTime, previousID, previousHash, previousPassages])
    }

    static func addVanished(_ id: Int64, root: Int, path: String, contentHash: String, passageCount: Int, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO temp.run_vanished (id, root, path, content_hash, passage_count) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [id, root, path, contentHash, passageCount])
    }

    /// How many files the run will read, and their bytes.
    static func totals(_ db: Database) throws -> (files: Int, bytes: Int64) {
        let row = try Row.fetchOne(db, sql: "SELECT count(*), CAST(total(size) AS INTEGER) FROM temp.run_candidates")!
        return (row[0], row[1])
    }

    /// The version of a candidate the index holds.
    struct Previous {
        var id: Int64
        var hash: String
        var passageCount: Int
    }

    struct Candidate {
        var file: FoundFile
        var previous: Previous?
    }

    /// The candidates of one root, read a page at a time in the order they were found.
    struct Candidates {
        let root: Int
        private var after: Int64 = 0
        private(set) var isExhausted = false

        init(root: Int) {
            self.root = root
        }

        mutating func next(_ limit: Int, _ db: Database) throws -> [Candidate] {
            guard !isExhausted, limit > 0 else { return [] }
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT seq, path, size, modification_time, previous_id, previous_hash, previous_passages
                FROM temp.run_candidates WHERE root = ? AND seq > ? ORDER BY seq LIMIT ?
                """), arguments: [root, after, limit])
            if rows.count < limit { isExhausted = true }
            after = rows.last?["seq"] ?? after
            return rows.map { row in
                let previousID: Int64? = row["previous_id"]
                return Candidate(
                    file: FoundFile(path: row["path"], size: row["size"], modificationTime: row["modification_time"]),
                    previous: previousID.map { Previous(id: $0, hash: row["previous_hash"], passageCount: row["previous_passages"]) })
            }
        }
    }

    static func hasVanished(root: Int, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM temp.run_vanished WHERE root = ?)", arguments: [root]) ?? false
    }

    /// A file that is gone: the one with this content that was found last (highest id) becomes
    /// the new file's origin, as a move; nil if none.
    static func takeVanished(root: Int, contentHash: String, _ db: Database) throws -> (id: Int64, path: String)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, path FROM temp.run_vanished WHERE root = ? AND content_hash = ? ORDER BY id DESC LIMIT 1
            """), arguments: [root, contentHash]) else { return nil }
        let id: Int64 = row["id"]
        try db.cachedStatement(sql: "DELETE FROM temp.run_vanished WHERE id = ?").execute(arguments: [id])
        return (id, row["path"])
    }

    /// Hands the files that are gone, and were not moved, to `remove`, in the order they were indexed.
    static func removeVanished(
        root: Int, _ db: Database, _ remove: (_ file: (id: Int64, path: String, passageCount: Int)) throws -> Void
    ) throws {
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, path, passage_count FROM temp.run_vanished WHERE root = ? AND id > ? ORDER BY id LIMIT 500
                """), arguments: [root, after])
            for row in rows { try remove((row["id"], row["path"], row["passage_count"])) }
            guard let last = rows.last else { return }
            after = last["id"]
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

    /// Adds a file's row; its passages follow (`addPassages`).
    func addFile(_ file: FoundFile, contentHash: String, passageCount: Int) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO files (path, size, modification_time, content_hash, passage_count) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [file.path, file.size, file.modificationTime, contentHash, passageCount])
        return db.lastInsertedRowID
    }

    func addPassages(_ passages: [PreparedPassage], fileID: Int64) throws {
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

    /// Records what a file whose passages came in parts turned out to hold.
    func finishFile(id: Int64, contentHash: String, passageCount: Int) throws {
        try db.cachedStatement(sql: "UPDATE files SET content_hash = ?, passage_count = ? WHERE id = ?")
            .execute(arguments: [contentHash, passageCount, id])
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
