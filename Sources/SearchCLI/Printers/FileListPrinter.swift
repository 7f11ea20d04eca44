import SearchIndex

/// `-l` and `-c`: the matching files in the order of their best passage, the number of
/// matching passages, or both (`path:count` per file).
struct FileListPrinter: HitPrinter {
    let listsFiles: Bool
    let counts: Bool
    let json: Bool
    let terminator: String
    private var files: [String] = []
    private var passagesPerFile: [String: Int] = [:]

    init(listsFiles: Bool, counts: Bool, json: Bool, terminator: String) {
        self.listsFiles = listsFiles
        self.counts = counts
        self.json = json
        self.terminator = terminator
    }

    mutating func print(_ hit: Hit) {
        let path = DisplayPath.of(hit.path)
        if passagesPerFile[path] == nil {
            files.append(path)
            // Without counts, a path can be printed as soon as it is known.
            if listsFiles && !counts { write(path: path, count: nil) }
        }
        passagesPerFile[path, default: 0] += 1
    }

    mutating func finish() {
        if listsFiles && counts {
            for path in files { write(path: path, count: passagesPerFile[path]) }
        } else if counts {
            let total = passagesPerFile.values.reduce(0, +)
            if json {
                var object = JSONWriter()
                object.add("type", "count")
                object.add("passages", total)
                object.add("files", files.count)
                Output.write(object.finished + "\n")
            } else {
                Output.write("\(total)\n")
            }
        }
    }

    private func write(path: String, count: Int?) {
        if json {
            var object = JSONWriter()
            object.add("type", "file")
            object.add("path", path)
            if let count { object.add("passages", count) }
            Output.write(object.finished + "\n")
        } else {
            Output.write(path + (count.map { ":\($0)" } ?? "") + terminator)
        }
    }
}
