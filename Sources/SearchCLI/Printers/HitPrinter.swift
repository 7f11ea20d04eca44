import Foundation
import SearchIndex

/// Turns hits into output. The searcher never formats anything; each format is one printer.
protocol HitPrinter {
    mutating func print(_ hit: Hit)
    mutating func finish()
}

enum DisplayPath {
    /// `path` relative to the current folder when it lies inside it (as ripgrep shows paths),
    /// otherwise absolute.
    static func of(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath
        let prefix = here.hasSuffix("/") ? here : here + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
