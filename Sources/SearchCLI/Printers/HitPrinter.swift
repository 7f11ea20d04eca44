import Foundation
import SearchCore
import SearchIndex

/// Turns hits into output. The searcher never formats anything; each format is one printer.
protocol HitPrinter {
    mutating func print(_ hit: Hit)
    mutating func finish()
    /// Whether anything was (or, once finished, will have been) printed for a hit: exit status 0.
    var printedAny: Bool { get }
    /// Whether further hits would change nothing printed, so the search may stop.
    var isComplete: Bool { get }
}

extension HitPrinter {
    var isComplete: Bool { false }
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
