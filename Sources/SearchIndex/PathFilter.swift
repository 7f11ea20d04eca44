#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the files whose path, or a folder above it, matches one of the glob patterns.
///
/// Patterns are absolute (the command line makes relative ones absolute from the current
/// folder) and matched with `fnmatch` without FNM_PATHNAME, so `*` also crosses `/`:
/// `/home/me/news/*2019*` keeps every file with 2019 anywhere below news/.
public struct PathFilter: Sendable {
    public var patterns: [String]

    public init(patterns: [String]) {
        self.patterns = patterns
    }

    public var isEmpty: Bool { patterns.isEmpty }

    public func matches(_ path: String) -> Bool {
        guard !patterns.isEmpty else { return true }
        var candidate = Substring(path)
        while !candidate.isEmpty {
            let text = String(candidate)
            if patterns.contains(where: { fnmatch($0, text, 0) == 0 }) { return true }
            guard let slash = candidate.lastIndex(of: "/") else { break }
            candidate = candidate[..<slash]
        }
        return false
    }
}
