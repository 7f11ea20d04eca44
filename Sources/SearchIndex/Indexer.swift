import Foundation
import GRDB
import Ingest
import TextAnalysis

/// What one indexing run did.
public struct IndexSummary: Equatable, Sendable {
    public var newFiles = 0
    public var changedFiles = 0
    public var removedFiles = 0
    public var renamedFiles = 0
    public var unchangedFiles = 0
    /// Files not indexed: binary, unreadable, vanished during the run.
    public var skippedFiles = 0
    /// Files indexed after repairing invalid UTF-8.
    public var repairedFiles = 0
    /// Files whose content was read during the run (new, changed or needing a hash check).
    public var filesRead = 0
    /// Passages in the whole index after the run.
    public var totalPassages = 0
    public var seconds = 0.0

    public init() {}

    /// `indexed 3 new, 1 changed, 2 removed, 1 renamed, 7 unchanged files (4,210 passages) in 0.8 s`
    public var line: String {
        var line = "indexed \(newFiles) new, \(changedFiles) changed, \(removedFiles) removed, "
            + "\(renamedFiles) renamed, \(unchangedFiles) unchanged files "
            + "(\(Self.grouped(totalPassages)) passages) in \(String(format: "%.1f", seconds)) s"
        if skippedFiles > 0 { line += "; \(skippedFiles) skipped" }
        return line
    }

    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}

/// Brings an index up to date with the files under its roots.
///
/// - Incremental: a file whose size and modification time are unchanged is not read; one whose
///   content hash is unchanged is not re-tokenized; a file that moved keeps its passages.
/// - Each file is replaced inside one transaction, and files are committed in batches, so an
///   interrupted run leaves every file either in its old or its new state, and readers never
///   see a half-indexed file.
/// - Files that cannot be indexed (binary, unreadable) are reported through `warn` and skipped;
///   they never stop the run.
public final class Indexer {
    private let store: IndexStore
    private let warn: (String) -> Void
    private let decoder = DocumentDecoder()
    private let splitter = PassageSplitter()

    /// A transaction is committed once it holds this many bytes of new text (or `batchFiles` files).
    static let batchBytes = 8 << 20
    static let batchFiles = 1_000

    public init(store: IndexStore, warn: @escaping (String) -> Void) {
        self.store = store
        self.warn = warn
    }

    /// Indexes `roots` (or, when empty, the roots remembered from earlier runs).
    /// With `full`, everything is read and tokenized again.
    public func run(roots requestedRoots: [String], full: Bool = false) throws(IndexError) -> IndexSummary {
        let started = Date()
        var summary = IndexSummary()
        let roots = try resolveRoots(requestedRoots)
        let storedVersion = try store.storedAnalysisVersion()
        let rebuild = full || storedVersion != AnalysisVersion.current
        try store.write { db in
            if rebuild {
                try Schema.removeAllContent(db)
                try db.execute(
                    sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    arguments: [IndexStore.analysisVersionKey, String(AnalysisVersion.current)])
            }
            for root in roots {
                try db.execute(sql: "INSERT OR IGNORE INTO roots (path) VALUES (?)", arguments: [root])
            }
        }
        let walker = FileWalker(excludedPaths: Self.databaseFiles(of: store.path))
        for root in roots {
            let found: [FoundFile]
            do {
                found = try walker.files(under: root)
            } catch {
                throw .rootNotFound(path: root)
            }
            try update(root: root, found: found, summary: &summary)
        }
        summary.totalPassages = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM passages") ?? 0
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private func resolveRoots(_ requested: [String]) throws(IndexError) -> [String] {
        var roots: [String] = []
        for root in requested {
            let path = FileWalker.absolutePath(root)
            guard FileManager.default.fileExists(atPath: path) else { throw .rootNotFound(path: root) }
            if !roots.contains(path) { roots.append(path) }
        }
        if roots.isEmpty {
            roots = try store.read { db in try String.fetchAll(db, sql: "SELECT path FROM roots ORDER BY path") }
        }
        guard !roots.isEmpty else { throw .nothingToIndex }
        return roots
    }

    static func databaseFiles(of path: String) -> Set<String> {
        let absolute = FileWalker.absolutePath(path)
        return [absolute, absolute + "-wal", absolute + "-shm", absolute + "-journal"]
    }

    private struct StoredFile {
        var id: Int64
        var size: Int64
        var modificationTime: Double
        var contentHash: String
    }

    private func storedFiles(under root: String) throws(IndexError) -> [String: StoredFile] {
        try store.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, path, size, modification_time, content_hash FROM files
                WHERE path = ?1 OR substr(path, 1, length(?1) + 1) = ?1 || '/'
                """, arguments: [root])
            var files: [String: StoredFile] = [:]
            for row in rows {
                files[row["path"]] = StoredFile(
                    id: row["id"], size: row["size"], modificationTime: row["modification_time"],
                    contentHash: row["content_hash"])
            }
            return files
        }
    }

    /// A file read and split, waiting to be written.
    private struct PreparedFile {
        var file: FoundFile
        var replacing: Int64?
        var contentHash: String
        var passages: [Passage]
    }

    private func update(root: String, found: [FoundFile], summary: inout IndexSummary) throws(IndexError) {
        var stored = try storedFiles(under: root)
        let foundPaths = Set(found.map(\.path))
        // Files that disappeared, by hash, so a new file with the same content is seen as a move.
        var vanishedByHash: [String: [Int64]] = [:]
        for (path, file) in stored where !foundPaths.contains(path) {
            vanishedByHash[file.contentHash, default: []].append(file.id)
        }
        var batch: [PreparedFile] = []
        var batchBytes = 0
        var moves: [(id: Int64, file: FoundFile)] = []
        var metadataUpdates: [(id: Int64, file: FoundFile)] = []

        for file in found {
            let previous = stored.removeValue(forKey: file.path)
            if let previous, previous.size == file.size, previous.modificationTime == file.modificationTime {
                summary.unchangedFiles += 1
                continue
            }
            guard let bytes = FileManager.default.contents(atPath: file.path).map(Array.init) else {
                warn("skipped \(file.path): cannot read it")
                summary.skippedFiles += 1
                continue
            }
            summary.filesRead += 1
            let hash = ContentHash.of(bytes)
            if let previous, previous.contentHash == hash {
                metadataUpdates.append((previous.id, file))
                summary.unchangedFiles += 1
                continue
            }
            if previous == nil, var ids = vanishedByHash[hash], let id = ids.popLast() {
                vanishedByHash[hash] = ids.isEmpty ? nil : ids
                moves.append((id, file))
                summary.renamedFiles += 1
                continue
            }
            switch decoder.decode(bytes) {
            case .binary:
                warn("skipped \(file.path): binary file")
                summary.skippedFiles += 1
                if let previous { try removeFiles([previous.id]) }
                continue
            case .text(let text, let repaired):
                if repaired {
                    warn("repaired \(file.path): invalid UTF-8 replaced with U+FFFD")
                    summary.repairedFiles += 1
                }
                if previous == nil { summary.newFiles += 1 } else { summary.changedFiles += 1 }
                batch.append(PreparedFile(
                    file: file, replacing: previous?.id, contentHash: hash, passages: splitter.passages(of: text)))
                batchBytes += bytes.count
            }
            if batchBytes >= Self.batchBytes || batch.count >= Self.batchFiles {
                try write(batch, moves: moves, metadataUpdates: metadataUpdates)
                batch.removeAll(keepingCapacity: true)
                moves.removeAll()
                metadataUpdates.removeAll()
                batchBytes = 0
            }
        }
        try write(batch, moves: moves, metadataUpdates: metadataUpdates)
        let vanished = vanishedByHash.values.flatMap { $0 }
        summary.removedFiles += vanished.count
        try removeFiles(vanished)
    }

    private func write(
        _ batch: [PreparedFile], moves: [(id: Int64, file: FoundFile)], metadataUpdates: [(id: Int64, file: FoundFile)]
    ) throws(IndexError) {
        guard !batch.isEmpty || !moves.isEmpty || !metadataUpdates.isEmpty else { return }
        try store.write { db in
            let writer = PassageWriter(db: db)
            for (id, file) in moves {
                try writer.updateFile(id: id, path: file.path, size: file.size, modificationTime: file.modificationTime)
            }
            for (id, file) in metadataUpdates {
                try writer.updateFile(id: id, path: file.path, size: file.size, modificationTime: file.modificationTime)
            }
            for prepared in batch {
                if let id = prepared.replacing { try writer.removeFile(id: id) }
                try writer.addFile(prepared.file, contentHash: prepared.contentHash, passages: prepared.passages)
            }
        }
    }

    private func removeFiles(_ ids: [Int64]) throws(IndexError) {
        guard !ids.isEmpty else { return }
        try store.write { db in
            let writer = PassageWriter(db: db)
            for id in ids { try writer.removeFile(id: id) }
        }
    }
}

/// Writes files and passages inside an open transaction, keeping `passages_fts` in step.
struct PassageWriter {
    let db: Database

    func addFile(_ file: FoundFile, contentHash: String, passages: [Passage]) throws {
        try db.cachedStatement(sql: """
            INSERT INTO files (path, size, modification_time, content_hash, passage_count) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [file.path, file.size, file.modificationTime, contentHash, passages.count])
        let fileID = db.lastInsertedRowID
        let insertPassage = try db.cachedStatement(
            sql: "INSERT INTO passages (file_id, start_line, end_line, text) VALUES (?, ?, ?, ?)")
        let insertTerms = try db.cachedStatement(sql: "INSERT INTO \(Schema.ftsTable) (rowid, text) VALUES (?, ?)")
        for passage in passages {
            try insertPassage.execute(arguments: [fileID, passage.startLine, passage.endLine, passage.text])
            try insertTerms.execute(arguments: [db.lastInsertedRowID, passage.text])
        }
    }

    func updateFile(id: Int64, path: String, size: Int64, modificationTime: Double) throws {
        try db.cachedStatement(sql: "UPDATE files SET path = ?, size = ?, modification_time = ? WHERE id = ?")
            .execute(arguments: [path, size, modificationTime, id])
    }

    /// Removes a file and its passages; the FTS5 delete is given the exact indexed text.
    func removeFile(id: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO \(Schema.ftsTable) (\(Schema.ftsTable), rowid, text)
            SELECT 'delete', id, text FROM passages WHERE file_id = ?
            """).execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM passages WHERE file_id = ?").execute(arguments: [id])
        try db.cachedStatement(sql: "DELETE FROM files WHERE id = ?").execute(arguments: [id])
    }
}
