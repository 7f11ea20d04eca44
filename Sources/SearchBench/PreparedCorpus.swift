import Foundation

/// The corpus as the benchmark indexes it: the inputs as folders, replicated if asked.
struct PreparedCorpus {
    /// The folders both indexes are built from.
    var indexedFolders: [URL]
    /// Files, bytes of what is indexed.
    var inventory: CorpusInventory
    /// The input's files, to sample queries from (a replica holds the same texts again).
    var samplingFiles: [String]
    /// How many copies of the input are indexed.
    var copies: Int

    static func prepare(
        _ arguments: [String], work: URL, replicate: Int?, targetMB: Double?
    ) throws(BenchError) -> PreparedCorpus {
        var folders: [URL] = []
        for argument in arguments {
            folders.append(try CorpusSource(argument: argument).folder(work: work))
        }
        let input = CorpusInventory.scan(folders, keepingPaths: true)
        guard input.fileCount > 0 else {
            throw .fileSystem("the corpus has no files: \(arguments.joined(separator: " "))")
        }

        let copies = replicate
            ?? targetMB.map { max(1, Int(($0 * 1e6 / Double(input.totalBytes)).rounded(.up))) }
            ?? 1
        guard copies > 1 else {
            return PreparedCorpus(indexedFolders: folders, inventory: input, samplingFiles: input.files, copies: 1)
        }
        let replica = try CorpusReplicator(work: work).replicate(folders, times: copies, inputBytes: input.totalBytes)
        return PreparedCorpus(
            indexedFolders: [replica], inventory: CorpusInventory.scan([replica], keepingPaths: false),
            samplingFiles: input.files, copies: copies)
    }
}
