import SearchEngine

/// What can go wrong with an index, in the user's words (one line each).
public enum IndexError: Error, Equatable, CustomStringConvertible {
    case indexNotFound(path: String)
    case cannotOpen(path: String, reason: String)
    /// An existing file that is not a `search` index, left untouched.
    case notAnIndex(path: String, reason: String)
    case analysisVersionMismatch(path: String, stored: Int, current: Int)
    case nothingToIndex
    case rootNotFound(path: String)
    /// `--forget` named a path that is not one of the index's roots.
    case notARoot(path: String, roots: [String])
    case database(String)
    /// Another index run holds the index's lock.
    case locked(path: String, holder: Int32?)
    /// The run was stopped by the user; `rolledBack` when nothing of it was kept. `resume` is
    /// the command that finishes the job (the front end knows how the index was named).
    case interrupted(keptFiles: Int, rolledBack: Bool, resume: String = "search index")

    public var description: String {
        switch self {
        case .indexNotFound(let path):
            "no index at \(path): build one with `search index FOLDER --index \(path)`"
        case .cannotOpen(let path, let reason):
            "cannot open index \(path): \(reason)"
        case .notAnIndex(let path, let reason):
            "\(path) is not a search index, and was left untouched: \(reason); give --index a new file name"
        case .analysisVersionMismatch(let path, let stored, let current):
            IndexCompatibility.mismatchMessage(path: path, stored: stored, current: current)
        case .nothingToIndex:
            "nothing to index: give a folder or file, e.g. `search index ~/news`"
        case .rootNotFound(let path):
            "no such file or folder: \(path)"
        case .notARoot(let path, let roots):
            "\(path) is not a root of this index" + (roots.isEmpty ? " (it has none)" : "; its roots: " + roots.joined(separator: ", "))
        case .database(let message):
            "index database error: \(message)"
        case .locked(let path, let holder):
            "another `search index` run\(holder.map { " (pid \($0))" } ?? "") is updating \(path); "
                + "try again later, or add --wait to wait for it"
        case .interrupted(_, rolledBack: true, _):
            "interrupted: the index was left as it was before this run"
        case .interrupted(let kept, rolledBack: false, let resume):
            "interrupted: kept the \(IndexSummary.count(kept, "file")) indexed before the stop; run `\(resume)` to finish"
        }
    }
}
