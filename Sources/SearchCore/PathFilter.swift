#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the files whose path, or a folder above it, matches one of the glob patterns.
///
/// Rules:
/// - Patterns are absolute (the command line makes relative ones absolute from the current
///   folder) and matched with `fnmatch` without FNM_PATHNAME, so `*` also crosses `/`:
///   `/home/me/news/*2019*` keeps every file with 2019 anywhere below news/.
/// - A pattern is read as a path first, as the indexed paths are written: repeated slashes are
///   one, `.` components go, `..` takes the component before it away (`/a/b/../c` is `/a/c`;
///   above the root is the root), so `news/`, `./news` and `x/../news` all mean the folder news.
///   Glob characters are left as they are.
/// - A pattern that ends with `/` (or with a `.` or `..` component) names folders: it matches a
///   folder above a file, never a file's own path, as a trailing `/` does in `--exclude`.
public struct PathFilter: Sendable {
    struct Pattern: Equatable, Sendable {
        var glob: String
        var foldersOnly: Bool
    }

    let patterns: [Pattern]

    public init(patterns: [String]) {
        self.patterns = patterns.map(Self.normalized)
    }

    public var isEmpty: Bool { patterns.isEmpty }

    public func matches(_ path: String) -> Bool {
        guard !patterns.isEmpty else { return true }
        var candidate = Substring(path)
        var isFolder = false
        while true {
            // The root, once every component is gone, is a folder like the others.
            let text = candidate.isEmpty ? "/" : String(candidate)
            if patterns.contains(where: { (isFolder || !$0.foldersOnly) && fnmatch($0.glob, text, 0) == 0 }) {
                return true
            }
            guard !candidate.isEmpty, let slash = candidate.lastIndex(of: "/") else { return false }
            candidate = candidate[..<slash]
            isFolder = true
        }
    }

    /// The pattern as a path: see the rules.
    static func normalized(_ pattern: String) -> Pattern {
        let isAbsolute = pattern.hasPrefix("/")
        let given = pattern.split(separator: "/")
        let foldersOnly = pattern.hasSuffix("/") || given.last == "." || given.last == ".."
        var components: [Substring] = []
        for component in given {
            switch component {
            case ".":
                continue
            case "..":
                if let last = components.last, last != ".." {
                    components.removeLast()
                } else if !isAbsolute {
                    components.append(component)
                }
            default:
                components.append(component)
            }
        }
        let glob = (isAbsolute ? "/" : "") + components.joined(separator: "/")
        return Pattern(glob: glob, foldersOnly: foldersOnly)
    }
}
