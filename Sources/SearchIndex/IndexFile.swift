import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of an index on disk, looked at without opening them for writing.
///
/// An index is the database file and, beside it, its write-ahead log (`-wal`), the log's shared
/// index (`-shm`) and the run lock (`.lock`). The writer keeps `-wal` and `-shm` in place when it
/// closes (SQLite's persistent WAL), because a user who can only read the index (an index built
/// by root's cron, a read-only mount, a file with mode 444) cannot create them, and SQLite cannot
/// read a WAL database without them.
enum IndexFile {
    /// What an existing path holds, judged before anything writes a byte to it.
    enum Kind: Equatable {
        case absent
        /// A file of zero bytes: nothing to lose, so it may become an index.
        case empty
        /// An SQLite database with none of our tables and no others (a new database).
        case emptyDatabase
        case searchIndex
        case notADatabase
        /// The file exists but this user cannot read it.
        case unreadable(reason: String)
        /// An SQLite database of another program; its tables.
        case foreign(tables: [String])
    }

    /// The tables every index has (`Schema` v1).
    static let signatureTables: Set<String> = ["meta", "files", "passages", Schema.ftsTable]

    /// What is at `path`. A database is read with `immutable=1`: no lock, no journal, no `-shm`
    /// file created next to someone else's database.
    static func kind(at path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .absent }
        if info.st_size == 0 { return .empty }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .unreadable(reason: String(cString: strerror(errno))) }
        var header = [UInt8](repeating: 0, count: 16)
        let count = read(descriptor, &header, 16)
        close(descriptor)
        guard count == 16, header == Array("SQLite format 3\0".utf8) else { return .notADatabase }
        var configuration = Configuration()
        configuration.readonly = true
        guard let tables = try? DatabaseQueue(path: immutableURI(path), configuration: configuration).read({ db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        }) else { return .notADatabase }
        let names = Set(tables)
        if signatureTables.isSubset(of: names) { return .searchIndex }
        // GRDB's migration table alone is what a first run that died mid-migration can leave.
        if names.subtracting(["grdb_migrations"]).isEmpty { return .emptyDatabase }
        return .foreign(tables: tables.sorted())
    }

    /// A URI that opens `path` as a file that cannot change: only safe when no one can write it.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Whether the file system holding `path` is mounted read-only: then nobody writes the index
    /// while it is read, and it may be opened as immutable.
    static func isOnReadOnlyFileSystem(_ path: String) -> Bool {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return false }
        return info.f_flag & UInt(ST_RDONLY) != 0
    }

    /// The database's companions that SQLite manages.
    static func companions(of path: String) -> [String] {
        [path + "-wal", path + "-shm", path + "-journal"]
    }

    /// Removes the database and its companions (an index this command created and must not leave).
    static func remove(_ path: String) {
        for file in [path] + companions(of: path) { unlink(file) }
    }
}

/// Folders created for a new index, so a command that fails can remove them again.
struct CreatedFolders {
    private(set) var paths: [String] = []

    /// Creates the folder that will hold `file` and any missing folder above it, remembering which.
    mutating func create(forFile file: String) throws(IndexError) {
        let folder = (file as NSString).deletingLastPathComponent
        guard !folder.isEmpty else { return }
        var missing: [String] = []
        var current = folder
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for path in missing.reversed() {
            guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                removeAll()
                throw .cannotOpen(path: file, reason: "cannot create folder \(path): \(reason)")
            }
            paths.append(path)
        }
    }

    /// Removes the folders created, deepest first, as long as they are empty.
    mutating func removeAll() {
        for path in paths.reversed() { rmdir(path) }
        paths = []
    }
}
