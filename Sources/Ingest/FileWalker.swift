import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file found under an indexed root.
public struct FoundFile: Equatable, Sendable {
    /// Absolute, standardized path, as found under the root (symbolic links are not resolved).
    public var path: String
    public var size: Int64
    /// Modification time, seconds since 1970, with the nanoseconds the file system keeps.
    public var modificationTime: Double

    public init(path: String, size: Int64, modificationTime: Double) {
        self.path = path
        self.size = size
        self.modificationTime = modificationTime
    }
}

/// Something under a root that was not walked or listed, and why.
public struct SkippedPath: Sendable, Equatable {
    /// Absolute path as found under the root.
    public var path: String
    /// A short phrase: "cannot read folder", "symbolic link loop", "broken symbolic link", …
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// What one walk found: the files to index, and what was passed over for a reason worth telling.
public struct WalkResult: Sendable, Equatable {
    /// Regular files, sorted by the bytes of their UTF-8 path.
    public var files: [FoundFile]
    /// Sorted by the bytes of their UTF-8 path.
    public var skipped: [SkippedPath]

    public init(files: [FoundFile] = [], skipped: [SkippedPath] = []) {
        self.files = files
        self.skipped = skipped
    }
}

/// Lists the regular files under a root, with opendir/readdir and lstat/stat.
///
/// Rules:
/// - A root may be a folder (walked recursively) or a single file. A root that does not exist is
///   `rootNotFound`; a root folder that cannot be read is `unreadable`. The root itself is never
///   skipped for being hidden or matching a glob.
/// - Hidden files and folders (name starting with ".") are skipped unless `includeHidden`.
/// - `excludeGlobs` are libc `fnmatch` patterns. A trailing "/" means folders only (links to
///   folders included) and is then set aside. A pattern without "/" is matched against the
///   entry's name, at any depth ("*.log", "node_modules"). A pattern with "/" is matched, with
///   FNM_PATHNAME ("*" does not cross "/"), against the path relative to the root, so it is
///   anchored at the root ("docs/*.md" is not "docs/old/a.md" nor "x/docs/a.md"); a leading "/"
///   only anchors ("/build" is the top-level "build" alone). "**" is not special. An excluded
///   folder is not descended into.
/// - Symbolic links are followed, to files and to folders. Each real folder, identified by
///   (st_dev, st_ino), is walked once: a link back to an ancestor is skipped as "symbolic link
///   loop", a link to a folder walked elsewhere is skipped silently. Each real file is listed once
///   (hard links included): the first path in sorted order wins. A broken link is skipped as
///   "broken symbolic link".
/// - Paths in `excludedPaths` (the index database and its -wal/-shm/-journal files) are skipped,
///   and so is anything that resolves to the same (st_dev, st_ino) as one of them, so a link to
///   the database is not indexed either.
/// - Only regular files are listed: sockets, fifos and devices are passed over silently.
/// - A name that is not valid UTF-8 is skipped as "name is not valid UTF-8": its path could not be
///   handed on as a `String` and opened again.
/// - Paths are reported as found under the root (links are not resolved), absolute and
///   standardized, and results are sorted by the bytes of the UTF-8 path so runs are reproducible.
///
/// `start(root:)` hands the files over one at a time, as it finds them (`FileWalk`), so a tree of
/// any size is walked in little memory; `walk(root:)` collects them all.
public struct FileWalker: Sendable {
    public var excludedPaths: Set<String>
    public var excludeGlobs: [String]
    public var includeHidden: Bool

    public init(excludedPaths: Set<String> = [], excludeGlobs: [String] = [], includeHidden: Bool = false) {
        self.excludedPaths = excludedPaths
        self.excludeGlobs = excludeGlobs
        self.includeHidden = includeHidden
    }

    /// The absolute, standardized form of `path` (relative paths are taken from the current folder).
    public static func absolutePath(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        let url = URL(fileURLWithPath: expanded)
        return url.standardizedFileURL.path
    }

    /// The files `walk(root:)` lists, without the skipped paths.
    public func files(under root: String) throws(IngestError) -> [FoundFile] {
        try walk(root: root).files
    }

    /// Everything a walk finds, at once.
    public func walk(root: String) throws(IngestError) -> WalkResult {
        var walk = try start(root: root)
        var files: [FoundFile] = []
        while let file = walk.next() { files.append(file) }
        return WalkResult(files: files, skipped: walk.skipped)
    }

    /// Starts a walk that hands files over one at a time, as it finds them, folder by folder.
    /// Throws at once for a root that does not exist or cannot be read.
    public func start(root: String) throws(IngestError) -> FileWalk {
        let rootPath = Self.absolutePath(root)
        var info = stat()
        guard stat(rootPath, &info) == 0 else {
            let error = errno
            throw error == ENOENT || error == ENOTDIR ? .rootNotFound(path: root) : .unreadable(path: root)
        }
        var walk = FileWalk(walker: self, root: Array(rootPath.utf8))
        if FileWalk.isFile(info) {
            if !walk.isExcluded(path: walk.root, identity: Identity(info)) {
                walk.single = FoundFile(path: rootPath, info: info)
            }
        } else if FileWalk.isFolder(info) {
            guard walk.open(rootIdentity: Identity(info)) else { throw .unreadable(path: root) }
        } else {
            walk.skippedPaths.append(SkippedPath(path: rootPath, reason: "not a regular file or folder"))
        }
        return walk
    }
}

/// A real file or folder, whatever path it was reached by.
struct Identity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}

extension FoundFile {
    fileprivate init(path: String, info: stat) {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        self.init(
            path: path,
            size: Int64(info.st_size),
            modificationTime: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }
}

/// An `excludeGlobs` pattern, parsed once per walk.
struct Glob {
    /// NUL-terminated, for `fnmatch`.
    var pattern: [CChar]
    /// Matched against the path relative to the root (else against the name).
    var matchesPath: Bool
    var foldersOnly: Bool

    init?(_ text: String) {
        var text = Substring(text)
        var foldersOnly = false
        while text.hasSuffix("/") {
            text = text.dropLast()
            foldersOnly = true
        }
        var anchored = false
        while text.hasPrefix("/") {
            text = text.dropFirst()
            anchored = true
        }
        guard !text.isEmpty else { return nil }
        pattern = text.utf8.map { CChar(bitPattern: $0) } + [0]
        matchesPath = anchored || text.contains("/")
        self.foldersOnly = foldersOnly
    }
}

/// A walk under one root, handing over its files one at a time in the byte order of their paths
/// (see `FileWalker`).
///
/// It holds the folders from the root down to the one being listed, each with its entries
/// (about 50 bytes and the name per entry), and, to list each real file once, 8 bytes per file
/// listed: never the list of files itself.
public struct FileWalk {
    /// An entry of a folder that survived the filters, with its target's information (links followed).
    struct Entry {
        /// Where its name is in the folder's `names`.
        var nameStart: Int32
        var nameLength: Int32
        var isFolder: Bool
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modificationTime: Double

        var identity: Identity { Identity(device: device, inode: inode) }
    }

    /// A folder being walked.
    struct Frame {
        var path: [UInt8]
        var relative: [UInt8]
        var identity: Identity
        var names: [UInt8]
        var entries: [Entry]
        var next = 0

        func name(of entry: Entry) -> ArraySlice<UInt8> {
            names[Int(entry.nameStart)..<Int(entry.nameStart + entry.nameLength)]
        }
    }

    let root: [UInt8]
    let includeHidden: Bool
    let excludedPaths: Set<[UInt8]>
    let excludedIdentities: Set<Identity>
    let globs: [Glob]
    /// A root that is a single file.
    fileprivate var single: FoundFile?
    private var stack: [Frame] = []
    private var walkedFolders: Set<Identity> = []
    /// The inodes of the files listed so far, by device.
    private var listedFiles: [UInt64: Set<UInt64>] = [:]
    fileprivate var skippedPaths: [SkippedPath] = []

    fileprivate init(walker: FileWalker, root: [UInt8]) {
        self.root = root
        includeHidden = walker.includeHidden
        excludedPaths = Set(walker.excludedPaths.map { Array($0.utf8) })
        var identities: Set<Identity> = []
        for path in walker.excludedPaths {
            var info = stat()
            if stat(path, &info) == 0 { identities.insert(Identity(info)) }
        }
        excludedIdentities = identities
        globs = walker.excludeGlobs.compactMap(Glob.init)
    }

    /// What was passed over so far for a reason worth telling, sorted by the bytes of the path
    /// (complete once `next()` has returned nil).
    public var skipped: [SkippedPath] {
        skippedPaths.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    static func isFolder(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    static func isFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }

    func isExcluded(path: [UInt8], identity: Identity) -> Bool {
        excludedPaths.contains(path) || excludedIdentities.contains(identity)
    }

    /// Reads the root folder; false when it cannot be read.
    fileprivate mutating func open(rootIdentity: Identity) -> Bool {
        guard let (names, entries) = read(folder: root, relative: []) else { return false }
        stack = [Frame(path: root, relative: [], identity: rootIdentity, names: names, entries: entries)]
        walkedFolders = [rootIdentity]
        return true
    }

    /// The next file, depth first, siblings in the order of their names (a folder's with "/"
    /// after it), so files come out sorted and the first path to reach a real folder or file is
    /// also the first in sorted order. Nil at the end.
    public mutating func next() -> FoundFile? {
        if let file = single {
            single = nil
            return file
        }
        while let top = stack.indices.last {
            guard stack[top].next < stack[top].entries.count else {
                stack.removeLast()
                continue
            }
            let entry = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let identity = entry.identity
            let name = stack[top].name(of: entry)
            let path = Self.joined(stack[top].path, name)
            if entry.isFolder {
                guard walkedFolders.insert(identity).inserted else {
                    // Walked already: through an ancestor (a loop, worth telling) or elsewhere (a
                    // second way to the same folder, whose files are listed once).
                    if stack.contains(where: { $0.identity == identity }) {
                        skippedPaths.append(SkippedPath(path: String(decoding: path, as: UTF8.self), reason: "symbolic link loop"))
                    }
                    continue
                }
                let relative = stack[top].relative.isEmpty ? Array(name) : Self.joined(stack[top].relative, name)
                guard let (names, entries) = read(folder: path, relative: relative) else {
                    skippedPaths.append(SkippedPath(path: String(decoding: path, as: UTF8.self), reason: "cannot read folder"))
                    continue
                }
                stack.append(Frame(path: path, relative: relative, identity: identity, names: names, entries: entries))
            } else if listedFiles[identity.device, default: []].insert(identity.inode).inserted {
                return FoundFile(path: String(decoding: path, as: UTF8.self), size: entry.size, modificationTime: entry.modificationTime)
            }
        }
        return nil
    }

    static func joined(_ folder: [UInt8], _ name: ArraySlice<UInt8>) -> [UInt8] {
        var path = folder
        path.reserveCapacity(folder.count + 1 + name.count)
        if path.last != 0x2F { path.append(0x2F) }
        path.append(contentsOf: name)
        return path
    }

    /// The entries of a folder worth walking or listing, in the order of their names (a
    /// folder's with "/" after it); nil if it cannot be opened. Broken links and names that are
    /// not UTF-8 go to `skipped`.
    private mutating func read(folder: [UInt8], relative: [UInt8]) -> (names: [UInt8], entries: [Entry])? {
        let directory = (folder + [0]).withUnsafeBufferPointer { path in
            path.withMemoryRebound(to: CChar.self) { opendir($0.baseAddress!) }
        }
        guard let directory else { return nil }
        defer { closedir(directory) }
        // fstatat on the open folder saves resolving the whole path again for every entry.
        let descriptor = dirfd(directory)
        var names: [UInt8] = []
        var entries: [Entry] = []
        while let record = readdir(directory) {
            // NUL-terminated, ready for fstatat and fnmatch.
            let cName: [CChar] = withUnsafeBytes(of: &record.pointee.d_name) { raw in
                var bytes = raw.bindMemory(to: CChar.self).prefix { $0 != 0 }.map { $0 }
                bytes.append(0)
                return bytes
            }
            let name = cName.dropLast().map { UInt8(bitPattern: $0) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            if name.first == 0x2E && !includeHidden { continue }
            var info = stat()
            guard fstatat(descriptor, cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                // Removed between readdir and now, most likely.
                skippedPaths.append(SkippedPath(path: Self.display(folder, name), reason: "cannot read file information"))
                continue
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard fstatat(descriptor, cName, &info, 0) == 0 else {
                    let error = errno
                    if isExcludedByGlob(cName: cName, relative: relative, name: name, isFolder: false) { continue }
                    let reason = switch error {
                    case ENOENT, ENOTDIR: "broken symbolic link"
                    case ELOOP: "symbolic link loop"
                    default: "cannot follow symbolic link"
                    }
                    skippedPaths.append(SkippedPath(path: Self.display(folder, name), reason: reason))
                    continue
                }
            }
            let isFolder = Self.isFolder(info)
            guard isFolder || Self.isFile(info) else { continue }
            if isExcludedByGlob(cName: cName, relative: relative, name: name, isFolder: isFolder) { continue }
            if !excludedPaths.isEmpty && isExcluded(path: Self.joined(folder, name[...]), identity: Identity(info)) {
                continue
            }
            if name.contains(where: { $0 >= 0x80 }) && String(validating: name, as: UTF8.self) == nil {
                skippedPaths.append(SkippedPath(path: Self.display(folder, name), reason: "name is not valid UTF-8"))
                continue
            }
            #if canImport(Darwin)
            let time = info.st_mtimespec
            #else
            let time = info.st_mtim
            #endif
            entries.append(Entry(
                nameStart: Int32(names.count), nameLength: Int32(name.count), isFolder: isFolder,
                device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino),
                size: Int64(info.st_size), modificationTime: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9))
            names.append(contentsOf: name)
        }
        names.withUnsafeBufferPointer { names in
            entries.sort { Self.precedes($0, $1, names) }
        }
        return (names, entries)
    }

    /// Whether `a` comes before `b`: their names compared byte by byte, a folder's with "/" after
    /// it, so that a depth-first walk visits paths in the byte order of their full paths
    /// ("a b" < "a/x" since " " < "/").
    private static func precedes(_ a: Entry, _ b: Entry, _ names: UnsafeBufferPointer<UInt8>) -> Bool {
        let aLength = Int(a.nameLength) + (a.isFolder ? 1 : 0)
        let bLength = Int(b.nameLength) + (b.isFolder ? 1 : 0)
        var index = 0
        while index < aLength && index < bLength {
            let x = index < Int(a.nameLength) ? names[Int(a.nameStart) + index] : 0x2F
            let y = index < Int(b.nameLength) ? names[Int(b.nameStart) + index] : 0x2F
            if x != y { return x < y }
            index += 1
        }
        return aLength < bLength
    }

    func isExcludedByGlob(cName: [CChar], relative: [UInt8], name: [UInt8], isFolder: Bool) -> Bool {
        guard !globs.isEmpty else { return false }
        var cRelative: [CChar]?
        for glob in globs where isFolder || !glob.foldersOnly {
            if glob.matchesPath {
                if cRelative == nil {
                    let path = relative.isEmpty ? name : Self.joined(relative, name[...])
                    cRelative = path.map { CChar(bitPattern: $0) } + [0]
                }
                if fnmatch(glob.pattern, cRelative!, FNM_PATHNAME) == 0 { return true }
            } else if fnmatch(glob.pattern, cName, 0) == 0 {
                return true
            }
        }
        return false
    }

    static func display(_ folder: [UInt8], _ name: [UInt8]) -> String {
        String(decoding: joined(folder, name[...]), as: UTF8.self)
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
