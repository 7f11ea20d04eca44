/// What can go wrong with an index, in the user's words (one line each).
public enum IndexError: Error, Equatable, CustomStringConvertible {
    case indexNotFound(path: String)
    case cannotOpen(path: String, reason: String)
    case analysisVersionMismatch(path: String, stored: Int, current: Int)
    case nothingToIndex
    case rootNotFound(path: String)
    case database(String)
    /// Another index run holds the index's lock.
    case locked(path: String, holder: Int32?)
    /// The run was stopped by the user; `rolledBack` when nothing of it was kept.
    case interrupted(keptFiles: Int, rolledBack: Bool)

    public var description: String {
        switch self {
        case .indexNotFound(let path):
            "no index at \(path): build one with `search index FOLDER --index \(path)`"
        case .cannotOpen(let path, let reason):
            "cannot open index \(path): \(reason)"
        case .analysisVersionMismatch(let path, let stored, let current):
            "index \(path) was built by text analysis version \(stored), this search uses version \(current): "
                + "run `search index --full --index \(path)` to rebuild it"
        case .nothingToIndex:
            "nothing to index: give a folder or file, e.g. `search index ~/news`"
        case .rootNotFound(let path):
            "no such file or folder: \(path)"
        case .database(let message):
            "index database error: \(message)"
        case .locked(let path, let holder):
            "another `search index` run\(holder.map { " (pid \($0))" } ?? "") is updating \(path); "
                + "try again later, or add --wait to wait for it"
        case .interrupted(_, rolledBack: true):
            "interrupted: the index was left as it was before this run"
        case .interrupted(let kept, rolledBack: false):
            "interrupted: kept the \(kept) files indexed before the stop; run `search index` again to finish"
        }
    }
}
