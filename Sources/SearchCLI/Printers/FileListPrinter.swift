import SearchCore
import SearchOutput

/// `-l` and `-c`: the matching files in the order of their best passage, the number of
/// matching passages, or both (`path:count` per file).
///
/// Rules:
/// - `offset` and `limit` (`--offset`, `--limit`; 0: all) count files, not passages: `-l --limit 8`
///   lists eight files however many passages each has.
/// - Counts are whole: every matching passage of a listed file counts, wherever it ranks; `-c`
///   alone counts the passages of the files the page holds (every file, unless paged).
/// - Paths without counts are printed as soon as they are known, and once the page is full
///   the printer is complete: the search can stop there.
struct FileListPrinter: HitPrinter {
    let listsFiles: Bool
    let counts: Bool
    let json: Bool
    let terminator: String
    let offset: Int
    let limit: Int
    let paths: DisplayPath
    /// Every matching file seen so far, best first.
    private var files: [String] = []
    private var passagesPerFile: [String: Int] = [:]

    init(listsFiles: Bool, counts: Bool, json: Bool, terminator: String, paths: DisplayPath, offset: Int = 0, limit: Int = 0) {
        self.listsFiles = listsFiles
        self.counts = counts
        self.json = json
        self.terminator = terminator
        self.offset = offset
        self.limit = limit
        self.paths = paths
    }

    /// The positions in `files` the page holds.
    private var page: Range<Int> {
        let start = min(offset, files.count)
        return start..<(limit == 0 ? files.count : min(files.count, offset + limit))
    }

    var printedAny: Bool { !page.isEmpty }

    var isComplete: Bool { listsFiles && !counts && limit > 0 && files.count >= offset + limit }

    mutating func print(_ hit: Hit) throws {
        let path = paths.of(hit.path)
        if passagesPerFile[path] == nil {
            guard !isComplete else { return }
            files.append(path)
            // Without counts, a path can be printed as soon as it is known.
            if listsFiles && !counts && page.contains(files.count - 1) { try write(path: path, count: nil) }
        }
        passagesPerFile[path, default: 0] += 1
    }

    mutating func finish() throws {
        let shown = files[page]
        if listsFiles && counts {
            for path in shown { try write(path: path, count: passagesPerFile[path]) }
        } else if counts {
            let total = shown.reduce(0) { $0 + passagesPerFile[$1, default: 0] }
            if json {
                var object = JSONWriter()
                object.add("type", "count")
                object.add("passages", total)
                object.add("files", shown.count)
                try Output.write(object.finished + "\n")
            } else {
                try Output.write("\(total)\n")
            }
        }
    }

    private func write(path: String, count: Int?) throws {
        if json {
            var object = JSONWriter()
            object.add("type", "file")
            object.add("path", path)
            if let count { object.add("passages", count) }
            try Output.write(object.finished + "\n")
        } else {
            try Output.write(path + (count.map { ":\($0)" } ?? "") + terminator)
        }
    }
}
