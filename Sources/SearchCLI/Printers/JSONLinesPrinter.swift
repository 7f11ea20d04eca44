import SearchCore
import SearchIndex

/// JSON Lines: one object per hit, in rank order. The contract is written down in README.md
/// ("JSON output"); fields may be added, never renamed or removed.
///
///     {"type":"match","rank":1,"path":"seeds/000_d0ff0c257c8734f8.txt","line":3,"end_line":3,
///      "score":2.51,"text":"…","highlights":[{"byte_start":12,"byte_end":24,"scalar_start":6,"scalar_end":12,
///      "match":"exact"}]}
struct JSONLinesPrinter: HitPrinter {
    private(set) var printedAny = false

    mutating func print(_ hit: Hit) {
        printedAny = true
        var object = JSONWriter()
        object.add("type", "match")
        object.add("rank", hit.rank)
        object.add("path", DisplayPath.of(hit.path))
        object.add("line", hit.startLine)
        object.add("end_line", hit.endLine)
        object.add("score", (hit.score * 1e6).rounded() / 1e6)
        object.add("text", hit.text)
        object.add("snippet", Snippet(text: hit.text, highlights: hit.highlights).text)
        object.add("highlights", objects: hit.highlights.map { range in
            var highlight = JSONWriter()
            highlight.add("byte_start", range.byteStart)
            highlight.add("byte_end", range.byteEnd)
            highlight.add("scalar_start", range.scalarStart)
            highlight.add("scalar_end", range.scalarEnd)
            highlight.add("match", range.kind.rawValue)
            return highlight
        })
        Output.write(object.finished + "\n")
    }

    mutating func finish() {}
}
