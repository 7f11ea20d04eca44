import SearchCore
import SearchOutput

/// Human output: a `path:line` heading, then the passage with the matches highlighted; a blank
/// line between hits. Colour only when asked for.
///
/// On a terminal a long passage is shown as a `Snippet` window; anywhere else (a pipe, a file)
/// every passage is printed whole, as it is in the file, whether coloured or not: a program
/// reading the output must not get text the file does not have.
struct StandardPrinter: HitPrinter {
    let colored: Bool
    /// Standard output is a terminal: long passages are shown as a window around the first hit.
    let windowed: Bool
    /// `--explain`: a line after each passage saying which query word each hit matched.
    let explains: Bool
    let paths: DisplayPath
    private(set) var printedAny = false

    init(colored: Bool, windowed: Bool, explains: Bool = false, paths: DisplayPath) {
        self.colored = colored
        self.windowed = windowed
        self.explains = explains
        self.paths = paths
    }

    enum Style {
        static let path = "\u{1B}[35m"
        static let lineNumber = "\u{1B}[32m"
        static let match = "\u{1B}[1;31m"
        static let reset = "\u{1B}[0m"
    }

    mutating func print(_ hit: Hit) throws {
        var out = printedAny ? "\n" : ""
        printedAny = true
        let path = paths.of(hit.path)
        let lines = hit.startLine == hit.endLine ? "\(hit.startLine)" : "\(hit.startLine)-\(hit.endLine)"
        out += colored ? "\(Style.path)\(path)\(Style.reset):\(Style.lineNumber)\(lines)\(Style.reset)\n" : "\(path):\(lines)\n"
        let snippet = windowed
            ? Snippet(text: hit.text, highlights: hit.highlights)
            : Snippet.whole(text: hit.text, highlights: hit.highlights)
        out += (colored ? Self.isolatingRightToLeftLines(render(snippet)) : render(snippet)) + "\n"
        if explains { out += QueryExplanation.why(hit) + "\n" }
        try Output.write(out)
    }

    mutating func finish() throws {}

    /// On a terminal, each line with Arabic-script letters is wrapped in FIRST STRONG ISOLATE …
    /// POP DIRECTIONAL ISOLATE, so a terminal that applies the bidi algorithm orders a mixed
    /// Arabic/Latin line, its colour codes included, as one paragraph of its own direction.
    /// Piped output stays byte for byte the file's text.
    static func isolatingRightToLeftLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.unicodeScalars.contains(where: Self.isRightToLeft) ? "\u{2068}" + line + "\u{2069}" : String(line)
        }.joined(separator: "\n")
    }

    private static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }

    /// The snippet text with its matches wrapped in colour codes, or in nothing when uncoloured.
    private func render(_ snippet: Snippet) -> String {
        guard colored, !snippet.highlights.isEmpty else { return snippet.text }
        let utf8 = Array(snippet.text.utf8)
        var out: [UInt8] = []
        var cursor = 0
        for range in snippet.highlights where range.lowerBound >= cursor {
            out += utf8[cursor..<range.lowerBound]
            out += Array(Style.match.utf8) + utf8[range] + Array(Style.reset.utf8)
            cursor = range.upperBound
        }
        out += utf8[cursor...]
        return String(decoding: out, as: UTF8.self)
    }
}
