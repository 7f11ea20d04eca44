import Foundation

/// A file that says a slow step (materialising, replicating) finished for a given input, so a
/// later run reuses the result; a step that was interrupted leaves no marker and is redone.
struct CompletionMarker {
    let url: URL
    /// What the result was made from; a marker for other inputs does not count.
    let fingerprint: String

    var isPresent: Bool {
        (try? String(contentsOf: url, encoding: .utf8)) == fingerprint
    }

    func write() throws(BenchError) {
        do {
            try Data(fingerprint.utf8).write(to: url, options: .atomic)
        } catch {
            throw .fileSystem("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

extension FileManager {
    /// Removes `url` if it exists, then creates it as an empty folder (with its parents).
    func recreateFolder(_ url: URL) throws(BenchError) {
        do {
            if fileExists(atPath: url.path) { try removeItem(at: url) }
            try createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .fileSystem("cannot create \(url.path): \(error.localizedDescription)")
        }
    }

    func byteSize(ofFile path: String) -> Int64 {
        ((try? attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
