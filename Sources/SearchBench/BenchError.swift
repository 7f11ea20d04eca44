/// What can stop a benchmark run, each said in one line.
enum BenchError: Error, CustomStringConvertible {
    case corpusNotFound(path: String)
    case unsupportedCorpus(path: String)
    case badDocument(file: String, line: Int)
    case searchBinaryMissing(path: String)
    case spawnFailed(executable: String, reason: String)
    case childFailed(command: String, termination: ChildProcess.Termination)
    case fileSystem(String)
    case databasesOfAnotherCorpus(work: String, indexed: [String], wanted: [String])
    case databaseMissing(path: String)

    var description: String {
        switch self {
        case .corpusNotFound(let path):
            "no such corpus: \(path)"
        case .unsupportedCorpus(let path):
            "cannot read \(path): give a folder, a .jsonl file or a .jsonl.gz file"
        case .badDocument(let file, let line):
            "line \(line) of \(file) is not a JSON object with a \"text\" string"
        case .searchBinaryMissing(let path):
            "no `search` binary at \(path): build it with "
                + "`swift build -c release --product search`, or give --search PATH"
        case .spawnFailed(let executable, let reason):
            "cannot start \(executable): \(reason)"
        case .childFailed(let command, let termination):
            "`\(command)` failed (\(termination))"
        case .fileSystem(let message):
            message
        case .databasesOfAnotherCorpus(let work, let indexed, let wanted):
            "the databases in \(work) index \(indexed.joined(separator: ", ")), not \(wanted.joined(separator: ", ")): "
                + "run without --skip-build"
        case .databaseMissing(let path):
            "no database at \(path): run without --skip-build first"
        }
    }
}
