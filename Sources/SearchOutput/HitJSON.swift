public import SearchCore

/// A hit as the documented JSON object (README, "JSON output"): what `search --json` prints one
/// per line, what the HTTP API lists and what `arfa_search` returns column by column. Fields may
/// be added, never renamed or removed.
///
///     {"type":"match","rank":1,"path":"seeds/000_d0ff0c257c8734f8.txt","line":3,"end_line":3,
///      "score":2.51,"text":"…","snippet":"…","highlights":[{"byte_start":12,"byte_end":24,
///      "scalar_start":6,"scalar_end":12,"match":"exact"}]}
public enum HitJSON {
    /// The object for `hit`, its path shown as `path` (see `DisplayPath`).
    public static func object(_ hit: Hit, path: String) -> JSONWriter {
        var object = JSONWriter()
        object.add("type", "match")
        object.add("rank", hit.rank)
        object.add("path", path)
        object.add("line", hit.startLine)
        object.add("end_line", hit.endLine)
        object.add("score", score(hit.score))
        object.add("text", hit.text)
        object.add("snippet", Snippet(text: hit.text, highlights: hit.highlights).text)
        object.addRaw("highlights", highlights(hit.highlights))
        return object
    }

    /// The score as printed: six decimals are all a ranking needs.
    public static func score(_ score: Double) -> Double { (score * 1e6).rounded() / 1e6 }

    /// The `highlights` array.
    public static func highlights(_ highlights: [Highlight]) -> String {
        "[" + highlights.map { range in
            var highlight = JSONWriter()
            highlight.add("byte_start", range.byteStart)
            highlight.add("byte_end", range.byteEnd)
            highlight.add("scalar_start", range.scalarStart)
            highlight.add("scalar_end", range.scalarEnd)
            highlight.add("match", range.kind.rawValue)
            return highlight.finished
        }.joined(separator: ",") + "]"
    }
}

/// How a file's path is shown: relative to a folder (the current one) when it lies inside it, as
/// ripgrep shows paths, otherwise absolute.
public struct DisplayPath: Sendable {
    private let prefix: String

    public init(relativeTo folder: String) {
        prefix = folder.hasSuffix("/") ? folder : folder + "/"
    }

    public func of(_ path: String) -> String {
        path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
