import Foundation

/// One `search index` command on an index path, from its checks to its last commit.
///
/// - Everything that can be checked before writing is checked first: the roots named exist, a
///   new index has something to index, an existing file is a `search` index (another program's
///   database is refused before a byte of it is written).
/// - A command that fails creates nothing: when the index did not exist before, its database,
///   log files, lock file and the folders created for it are removed again. (An interrupted
///   first run that finished some files keeps them, as any interrupted run does.)
/// - One run at a time per index (`IndexLock`, with `wait` to queue behind another run).
public struct IndexRun {
    public var path: String
    public var roots: [String]
    public var options: IndexRunOptions
    /// Roots to drop, with their files, instead of indexing (`--forget`).
    public var forget: [String] = []
    public var wait = false

    public init(path: String, roots: [String], options: IndexRunOptions = IndexRunOptions()) {
        self.path = path
        self.roots = roots
        self.options = options
    }

    public func perform(observer: IndexObserver) throws(IndexError) -> IndexSummary {
        if forget.isEmpty { _ = try IndexRoots.resolve(roots) }
        try IndexStore.refuseUnlessIndex(at: path)
        let isNew = !FileManager.default.fileExists(atPath: path)
        if !isNew && access(path, W_OK) != 0 {
            throw .cannotOpen(path: path, reason: "this user may not write it (it can still be searched)")
        }
        if isNew {
            guard forget.isEmpty else { throw .indexNotFound(path: path) }
            guard !roots.isEmpty else { throw .nothingToIndex }
        }
        var folders = CreatedFolders()
        try folders.create(forFile: path)
        let lock: IndexLock
        do {
            lock = try IndexLock.acquire(forIndex: path, wait: wait)
        } catch {
            folders.removeAll()
            throw error
        }
        var store: IndexStore?
        do {
            // Another run may have created or changed the file while this one waited for the lock.
            try IndexStore.refuseUnlessIndex(at: path)
            let opened = try IndexStore.openForIndexing(at: path)
            store = opened
            let indexer = Indexer(store: opened, observer: observer)
            return forget.isEmpty
                ? try indexer.run(roots: roots, options: options)
                : try indexer.forget(roots: forget)
        } catch {
            if isNew && !Self.keepsFiles(error) {
                store?.close()
                IndexFile.remove(path)
                if lock.createdFile { lock.removeFile(forIndex: path) }
                folders.removeAll()
            }
            throw error
        }
    }

    /// Whether a failed run still leaves files worth keeping in a new index.
    private static func keepsFiles(_ error: IndexError) -> Bool {
        if case .interrupted(let kept, rolledBack: false, _) = error { return kept > 0 }
        return false
    }
}
