import Foundation

/// A file found under an indexed root.
public struct FoundFile: Equatable, Sendable {
    /// Absolute, standardized path.
    public var path: String
    public var size: Int64
    /// Modification time, seconds since 1970.
    public var modificationTime: Double

    public init(path: String, size: Int64, modificationTime: Double) {
        self.path = path
        self.size = size
        self.modificationTime = modificationTime
    }
}

/// Lists the regular files under a set of roots.
///
/// Rules:
/// - A root may be a folder (walked recursively) or a single file.
/// - Hidden files and folders (name starting with ".") are skipped.
/// - Paths in `excludedPaths` (such as the index database itself) are skipped.
/// - Results are sorted by path, so runs are reproducible.
public struct FileWalker: Sendable {
    public var excludedPaths: Set<String>

    public init(excludedPaths: Set<String> = []) {
        self.excludedPaths = excludedPaths
    }

    /// The absolute, standardized form of `path` (relative paths are taken from the current folder).
    public static func absolutePath(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let url = URL(fileURLWithPath: expanded)
        return url.standardizedFileURL.path
    }

    public func files(under root: String) throws(IngestError) -> [FoundFile] {
        let rootPath = Self.absolutePath(root)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: rootPath, isDirectory: &isDirectory) else {
            throw .rootNotFound(path: root)
        }
        if !isDirectory.boolValue {
            guard let file = Self.found(rootPath) else { throw .unreadable(path: root) }
            return [file]
        }
        guard manager.isReadableFile(atPath: rootPath) else { throw .unreadable(path: root) }
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        guard let enumerator = manager.enumerator(
            at: URL(fileURLWithPath: rootPath, isDirectory: true),
            includingPropertiesForKeys: keys,
            options: [.skipsHiddenFiles])
        else { throw .unreadable(path: root) }
        var files: [FoundFile] = []
        for case let url as URL in enumerator {
            let path = url.standardizedFileURL.path
            if excludedPaths.contains(path) { continue }
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else {
                continue
            }
            files.append(FoundFile(
                path: path,
                size: Int64(values.fileSize ?? 0),
                modificationTime: values.contentModificationDate?.timeIntervalSince1970 ?? 0))
        }
        files.sort { $0.path < $1.path }
        return files
    }

    private static func found(_ path: String) -> FoundFile? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return FoundFile(
            path: path,
            size: (attributes[.size] as? NSNumber)?.int64Value ?? 0,
            modificationTime: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
    }
}

/// What can go wrong while finding and reading documents.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case rootNotFound(path: String)
    case unreadable(path: String)

    public var description: String {
        switch self {
        case .rootNotFound(let path): "no such file or folder: \(path)"
        case .unreadable(let path): "cannot read \(path)"
        }
    }
}
