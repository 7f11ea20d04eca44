public import SearchCore

/// The part of a passage worth showing on a terminal: all of a short passage, or a window of
/// about `width` characters around the first match of a long one, cut at spaces and marked
/// with "…" where text was left out. (Piped output shows every passage whole: `whole`.)
public struct Snippet: Sendable {
    /// Passages up to this many characters are shown whole.
    public static let wholeLimit = 400
    public static let width = 300
    public static let ellipsis = "…"

    public private(set) var text: String
    /// Byte ranges of the matches in `text`.
    public private(set) var highlights: [Range<Int>]

    /// The whole passage, with its matches.
    public static func whole(text: String, highlights: [Highlight]) -> Snippet {
        Snippet(text: text, highlights: highlights.map { $0.byteStart..<$0.byteEnd })
    }

    private init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    public init(text: String, highlights: [Highlight]) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > Self.wholeLimit, let first = highlights.first else {
            self.text = text
            self.highlights = highlights.map { $0.byteStart..<$0.byteEnd }
            return
        }
        // Start a third of the window before the first match, then move to a word boundary.
        var start = max(0, first.scalarStart - Self.width / 3)
        var end = min(scalars.count, start + Self.width)
        start = max(0, min(start, end - Self.width))
        while start > 0 && !scalars[start - 1].properties.isWhitespace && start < first.scalarStart { start += 1 }
        while end < scalars.count && !scalars[end].properties.isWhitespace { end += 1 }
        var window = String.UnicodeScalarView()
        window.append(contentsOf: scalars[start..<end])
        let body = String(window)
        let prefix = start > 0 ? Self.ellipsis : ""
        let suffix = end < scalars.count ? Self.ellipsis : ""
        self.text = prefix + body + suffix
        // Shift byte ranges: bytes before the window are dropped, the prefix is added.
        let droppedBytes = String(String.UnicodeScalarView(scalars[0..<start])).utf8.count
        let windowBytes = body.utf8.count
        let shift = prefix.utf8.count - droppedBytes
        self.highlights = highlights.compactMap { range in
            let lower = range.byteStart - droppedBytes, upper = range.byteEnd - droppedBytes
            guard lower >= 0, upper <= windowBytes else { return nil }
            return (range.byteStart + shift)..<(range.byteEnd + shift)
        }
    }
}
