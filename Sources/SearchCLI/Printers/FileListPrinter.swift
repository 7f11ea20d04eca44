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
///
/// Memory grows with the number of matching files, not passages, and stays small: a file is
/// known by its row id (about 12 bytes each), and only the page's paths are kept, when they
/// must wait for their counts.
struct FileListPrinter: HitPrinter {
    let listsFiles: Bool
    let counts: Bool
    let json: Bool
    let terminator: String
    let offset: Int
    let limit: Int
    let paths: DisplayPath
    /// The position of every matching file seen so far (0: best), by file id.
    private var positions: [Int64: Int32] = [:]
    /// The matching passages of each file the page holds, in page order (with counts only).
    private var pageCounts: [Int] = []
    /// The page's paths, one after the other, when they are printed with their counts at the end.
    private var pagePaths: [UInt8] = []
    private var pagePathEnds: [Int] = []

    init(listsFiles: Bool, counts: Bool, json: Bool, terminator: String, paths: DisplayPath, offset: Int = 0, limit: Int = 0) {
        self.listsFiles = listsFiles
        self.counts = counts
        self.json = json
        self.terminator = terminator
        self.offset = offset
        self.limit = limit
        self.paths = paths
    }

    private func isInPage(_ position: Int) -> Bool {
        position >= offset && (limit == 0 || position < offset + limit)
    }

    var printedAny: Bool { positions.count > offset }

    var isComplete: Bool { listsFiles && !counts && limit > 0 && positions.count >= offset + limit }

    mutating func print(_ hit: Hit) throws {
        let position: Int
        if let known = positions[hit.fileID] {
            position = Int(known)
        } else {
            guard !isComplete else { return }
            position = positions.count
            positions[hit.fileID] = Int32(position)
            if isInPage(position) {
                let path = paths.of(hit.path)
                if counts { pageCounts.append(0) }
                // Without counts, a path can be printed as soon as it is known.
                if listsFiles && !counts { try write(path: path, count: nil) }
                if listsFiles && counts {
                    pagePaths.append(contentsOf: path.utf8)
                    pagePathEnds.append(pagePaths.count)
                }
            }
        }
        if counts && isInPage(position) { pageCounts[position - offset] += 1 }
    }

    mutating func finish() throws {
        if listsFiles && counts {
            var start = 0
            for (end, count) in zip(pagePathEnds, pageCounts) {
                try write(path: String(decoding: pagePaths[start..<end], as: UTF8.self), count: count)
                start = end
            }
        } else if counts {
            let total = pageCounts.reduce(0, +)
            if json {
                var object = JSONWriter()
                object.add("type", "count")
                object.add("passages", total)
                object.add("files", pageCounts.count)
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
