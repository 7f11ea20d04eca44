import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock that keeps two index runs on the same index from interleaving.
///
/// It is an advisory `flock` on `<index>.lock`, a file of its own: closing any descriptor of the
/// database file would drop SQLite's own POSIX locks, so the database is never opened for this.
/// The kernel releases the lock when the process dies, SIGKILL included, so a killed run never
/// leaves a stale lock behind. The holder writes its process ID into the file for the message
/// the next run prints.
public final class IndexLock {
    private let descriptor: Int32

    private init(descriptor: Int32, createdFile: Bool) {
        self.descriptor = descriptor
        self.createdFile = createdFile
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    public static func path(forIndex indexPath: String) -> String { indexPath + ".lock" }

    /// Whether this process created the lock file (a failed first run removes it again).
    public let createdFile: Bool

    /// Takes the lock, or throws `.locked` at once when another run holds it (unless `wait`,
    /// which blocks until the other run ends). The index's folder must exist.
    public static func acquire(forIndex indexPath: String, wait: Bool) throws(IndexError) -> IndexLock {
        let path = path(forIndex: indexPath)
        while true {
            let existed = access(path, F_OK) == 0
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .cannotOpen(path: indexPath, reason: "cannot create the lock file \(path): \(String(cString: strerror(errno)))")
            }
            while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
                let failure = errno
                if failure == EINTR { continue }
                let holder = readHolder(descriptor)
                close(descriptor)
                if failure == EWOULDBLOCK || failure == EAGAIN { throw .locked(path: indexPath, holder: holder) }
                throw .cannotOpen(path: indexPath, reason: "cannot lock \(path)")
            }
            // A failed first run removes its lock file: a run that waited on that file must lock
            // the one now at the path, or two runs could hold "the" lock at once.
            guard isStillAtPath(descriptor, path) else {
                close(descriptor)
                continue
            }
            let pid = "\(getpid())\n"
            _ = ftruncate(descriptor, 0)
            _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
            return IndexLock(descriptor: descriptor, createdFile: !existed)
        }
    }

    /// Whether a run holds the lock of this index now (without taking it or creating the file).
    public static func isHeld(forIndex indexPath: String) -> Bool {
        let descriptor = open(path(forIndex: indexPath), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK || errno == EAGAIN }
        flock(descriptor, LOCK_UN)
        return false
    }

    /// Removes the lock file, still holding the lock (for a first run that failed).
    public func removeFile(forIndex indexPath: String) {
        unlink(Self.path(forIndex: indexPath))
    }

    private static func isStillAtPath(_ descriptor: Int32, _ path: String) -> Bool {
        var open = stat(), named = stat()
        guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    private static func readHolder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return Int32(text.split(separator: "\n").first ?? "")
    }
}
