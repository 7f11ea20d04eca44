import Foundation
import GRDB
import Ingest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The roots of an index: the folders and files the user asked to index, which a bare
/// `search index` updates.
///
/// - A root is known by its real path (links resolved), so `search index alias`, where `alias`
///   links to a folder already indexed, indexes nothing twice, and prints paths the same way.
/// - A root inside another root is part of it, not a root of its own; a new root that contains
///   roots takes their place.
/// - A root is also known by its (device, inode): when a remembered root is missing and a new
///   root is the same folder (`mv docs docs-moved; search index docs-moved`), the root moved, and
///   its files are moved with it without being read again.
/// - A missing root keeps its files (an unmounted disk is not a deletion) until it comes back,
///   is moved as above, or is dropped with `search index --forget ROOT`.
struct IndexRoots {
    struct Stored {
        var path: String
        var identity: Identity?
    }

    struct Identity: Equatable {
        var device: Int64
        var inode: Int64
    }

    let db: Database

    /// The real, absolute paths of the roots the user named; each must exist. A root inside
    /// another one named with it is left out.
    static func resolve(_ requested: [String]) throws(IndexError) -> [String] {
        var roots: [String] = []
        for root in requested {
            guard let path = realPath(FileWalker.absolutePath(root)) else { throw .rootNotFound(path: root) }
            if !roots.contains(path) { roots.append(path) }
        }
        return roots.filter { root in !roots.contains { $0 != root && Self.contains($0, root) } }
    }

    /// The path with every link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` is `root` or lies below it.
    static func contains(_ root: String, _ path: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    static func identity(of path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: Int64(bitPattern: UInt64(info.st_dev)), inode: Int64(bitPattern: UInt64(info.st_ino)))
    }

    func stored() throws -> [Stored] {
        try Row.fetchAll(db, sql: "SELECT path, device, inode FROM roots ORDER BY path").map { row in
            let device: Int64? = row["device"], inode: Int64? = row["inode"]
            return Stored(path: row["path"], identity: device.flatMap { device in inode.map { Identity(device: device, inode: $0) } })
        }
    }

    /// Records the roots the user named (`explicit`, from `resolve`) and returns those to walk:
    /// the named ones, or with none named every remembered root. Remembered roots that exist get
    /// their identity recorded; a moved root takes its files along (reported through `moved`).
    func register(_ explicit: [String], moved: (_ from: String, _ to: String, _ files: Int) -> Void) throws -> [String] {
        var roots = try stored()
        for root in roots where root.identity == nil {
            guard let identity = Self.identity(of: root.path) else { continue }
            try setIdentity(identity, of: root.path)
        }
        guard !explicit.isEmpty else { return roots.map(\.path) }
        for root in explicit {
            if roots.contains(where: { Self.contains($0.path, root) }) { continue }
            let identity = Self.identity(of: root)
            if let identity,
               let origin = roots.first(where: { $0.identity == identity && !FileManager.default.fileExists(atPath: $0.path) }) {
                let files = try move(origin.path, to: root)
                moved(origin.path, root, files)
                roots.removeAll { $0.path == origin.path }
            } else {
                try db.execute(sql: "INSERT INTO roots (path, device, inode) VALUES (?, ?, ?)",
                               arguments: [root, identity?.device, identity?.inode])
            }
            // Roots below the new one are part of it now.
            for inner in roots where Self.contains(root, inner.path) {
                try db.execute(sql: "DELETE FROM roots WHERE path = ?", arguments: [inner.path])
            }
            roots.removeAll { Self.contains(root, $0.path) }
            roots.append(Stored(path: root, identity: identity))
        }
        return explicit
    }

    private func setIdentity(_ identity: Identity, of path: String) throws {
        try db.execute(sql: "UPDATE roots SET device = ?, inode = ? WHERE path = ?",
                       arguments: [identity.device, identity.inode, path])
    }

    /// Moves a root and everything recorded under it to `destination`; returns the files moved.
    private func move(_ origin: String, to destination: String) throws -> Int {
        let identity = Self.identity(of: destination)
        try db.execute(sql: "UPDATE roots SET path = ?, device = ?, inode = ? WHERE path = ?",
                       arguments: [destination, identity?.device, identity?.inode, origin])
        let under = "path = ?1 OR substr(path, 1, length(?1) + 1) = ?1 || '/'"
        try db.execute(sql: "UPDATE files SET path = ?2 || substr(path, length(?1) + 1) WHERE \(under)",
                       arguments: [origin, destination])
        let files = db.changesCount
        try db.execute(sql: "DELETE FROM problems WHERE \(under)", arguments: [origin])
        return files
    }

    /// The remembered root a `--forget` argument names: by its real path when it exists, else as
    /// written (made absolute); nil when no root has that path.
    func rootNamed(_ argument: String) throws -> String? {
        let absolute = FileWalker.absolutePath(argument)
        let candidates = [Self.realPath(absolute), absolute].compactMap { $0 }
        return try stored().map(\.path).first { candidates.contains($0) }
    }

    /// SQL condition (with the root as parameter ?1) for a `path` column at or below a root.
    static let underRoot = "(path = ?1 OR substr(path, 1, length(?1) + 1) = ?1 || '/')"
}
