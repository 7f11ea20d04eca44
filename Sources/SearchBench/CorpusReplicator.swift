import Foundation

/// Copies a corpus N times, to measure at a size (say 1 GB) the corpora do not have.
///
/// The copies are real byte copies, never hard links: the indexer lists a hard-linked file once,
/// so linked copies would index one copy and measure nothing. Each copy sits in its own folder
/// (`replicated-N/copy-K/NAME`), so every file has a distinct path. A complete replica is reused.
struct CorpusReplicator {
    let work: URL

    func replicate(_ folders: [URL], times: Int, inputBytes: Int64) throws(BenchError) -> URL {
        let replica = work.appendingPathComponent("replicated-\(times)")
        let marker = CompletionMarker(
            url: work.appendingPathComponent("replicated-\(times).complete"),
            fingerprint: folders.map(\.path).joined(separator: "\n") + "\n\(inputBytes) bytes\n")
        if marker.isPresent {
            Log.progress("reusing \(replica.path)")
            return replica
        }
        marker.remove()
        try FileManager.default.recreateFolder(replica)
        let names = Self.distinctNames(folders)
        for copy in 1...times {
            Log.progress("replicating: copy \(copy) of \(times)")
            let copyFolder = replica.appendingPathComponent("copy-\(copy)")
            try FileManager.default.recreateFolder(copyFolder)
            for (folder, name) in zip(folders, names) {
                let target = copyFolder.appendingPathComponent(name)
                do {
                    try FileManager.default.copyItem(at: folder, to: target)
                } catch {
                    throw .fileSystem("cannot copy \(folder.path) to \(target.path): \(error.localizedDescription)")
                }
            }
        }
        try marker.write()
        return replica
    }

    /// The folders' names, made distinct (`news`, `news-2`) so two inputs never share a copy folder.
    static func distinctNames(_ folders: [URL]) -> [String] {
        var seen: [String: Int] = [:]
        return folders.map { folder in
            let name = folder.lastPathComponent
            seen[name, default: 0] += 1
            let count = seen[name]!
            return count == 1 ? name : "\(name)-\(count)"
        }
    }
}
