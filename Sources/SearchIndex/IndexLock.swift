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

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    public static func path(forIndex indexPath: String) -> String { indexPath + ".lock" }

    /// Takes the lock, or throws `.locked` at once when another run holds it (unless `wait`,
    /// which blocks until the other run ends).
    public static func acquire(forIndex indexPath: String, wait: Bool) throws(IndexError) -> IndexLock {
        let path = path(forIndex: indexPath)
        let folder = (indexPath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .cannotOpen(path: indexPath, reason: "cannot create the lock file \(path)")
        }
        while flock(descriptor, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let failure = errno
            if failure == EINTR { continue }
            let holder = readHolder(descriptor)
            close(descriptor)
            if failure == EWOULDBLOCK || failure == EAGAIN { throw .locked(path: indexPath, holder: holder) }
            throw .cannotOpen(path: indexPath, reason: "cannot lock \(path)")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return IndexLock(descriptor: descriptor)
    }

    private static func readHolder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return Int32(text.split(separator: "\n").first ?? "")
    }
}
