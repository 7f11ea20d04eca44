import Foundation

/// One CORPUS argument: a folder, used as is, or a JSON Lines file (optionally gzipped) of
/// documents, which is first materialised as a folder of text files.
enum CorpusSource {
    case folder(URL)
    case jsonLines(URL, gzipped: Bool)

    init(argument: String) throws(BenchError) {
        let url = URL(fileURLWithPath: argument).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw .corpusNotFound(path: argument)
        }
        if isFolder.boolValue {
            self = .folder(url)
        } else if url.lastPathComponent.hasSuffix(".jsonl.gz") {
            self = .jsonLines(url, gzipped: true)
        } else if url.pathExtension == "jsonl" {
            self = .jsonLines(url, gzipped: false)
        } else {
            throw .unsupportedCorpus(path: argument)
        }
    }

    /// The name shown in the report, and of the materialised folder: `ar-hadith` for
    /// `ar-hadith.jsonl.gz`.
    var name: String {
        switch self {
        case .folder(let url):
            url.lastPathComponent
        case .jsonLines(let url, let gzipped):
            String(url.lastPathComponent.dropLast(gzipped ? ".jsonl.gz".count : ".jsonl".count))
        }
    }

    /// The folder to index: the folder itself, or the JSON Lines materialised under `work`.
    func folder(work: URL) throws(BenchError) -> URL {
        switch self {
        case .folder(let url):
            return url
        case .jsonLines(let url, let gzipped):
            let materializer = JSONLinesMaterializer(
                source: url, gzipped: gzipped,
                destination: work.appendingPathComponent("corpus").appendingPathComponent(name))
            return try materializer.materialize()
        }
    }
}
