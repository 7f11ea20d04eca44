import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files under a corpus's folders and their total size: what MB/s is computed over, and
/// where the query set is sampled from. Hidden files and folders are left out, as the indexer
/// leaves them out.
struct CorpusInventory {
    var fileCount = 0
    var totalBytes: Int64 = 0
    /// Every file's path, sorted (so that sampling with a seed is reproducible); empty unless
    /// asked for. Paths, not URLs: a URL costs several times the memory of its path.
    var files: [String] = []

    static func scan(_ roots: [URL], keepingPaths: Bool) -> CorpusInventory {
        var inventory = CorpusInventory()
        forEachFile(under: roots) { path, size in
            inventory.fileCount += 1
            inventory.totalBytes += size
            if keepingPaths { inventory.files.append(path) }
        }
        inventory.files.sort()
        return inventory
    }

    /// Reads every file once, so that both index builds start with the corpus in the page cache
    /// and the first build does not pay for the disk on behalf of the second.
    static func warmPageCache(_ roots: [URL]) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        forEachFile(under: roots) { path, _ in
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            while buffer.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        }
    }

    /// Calls `body` with the path and size of every regular, non-hidden file under `roots`.
    ///
    /// One folder listing at a time and `lstat`, rather than a `FileManager` enumerator, whose
    /// memory grows with the number of files: a replica of a million files walks in little memory.
    private static func forEachFile(under roots: [URL], _ body: (String, Int64) -> Void) {
        for root in roots { walk(root.path, body) }
    }

    private static func walk(_ folder: String, _ body: (String, Int64) -> Void) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: walk(path, body)
            case S_IFREG: body(path, Int64(info.st_size))
            default: break
            }
        }
    }
}
