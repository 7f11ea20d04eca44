/// What can go wrong with an index, in the user's words (one line each).
public enum IndexError: Error, Equatable, CustomStringConvertible {
    case indexNotFound(path: String)
    case cannotOpen(path: String, reason: String)
    case analysisVersionMismatch(path: String, stored: Int, current: Int)
    case nothingToIndex
    case rootNotFound(path: String)
    case database(String)

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
        }
    }
}
