/// Splits a document into passages: paragraphs, kept to a readable length.
///
/// Rules, in order:
/// 1. A line that is empty or only white space (NBSP included) ends a paragraph; a paragraph is a
///    run of non-blank lines. Files that separate paragraphs with single newlines therefore give
///    one long paragraph, which rule 2 takes apart. A place listed in `paragraphEnds` (a UTF-8
///    byte offset into the document) also ends the paragraph there, as a blank line would, even in
///    the middle of a line: HTML, whose paragraphs end at tags that a minified page puts on one
///    line. The text on either side goes to different passages that both keep that line's
///    number, and white space next to such an end is dropped.
/// 2. A paragraph longer than `maximumCharacters` is cut between lines: a line of at least
///    `standaloneLineCharacters` is a paragraph of its own (files that end paragraphs with a
///    single newline), shorter lines are grouped into pieces of at most `targetCharacters` (so
///    poems and lists keep their lines together).
/// 3. A single line still longer than `maximumCharacters` is cut after sentence ends
///    (. ! ? ؟ ۔ followed by a space) into pieces of about `targetCharacters`; if it has no sentence
///    end, it is cut at a space.
///
/// Every passage knows its first and last line, so `path:line` points at the original text.
public struct PassageSplitter: Sendable {
    /// Paragraphs up to this many characters (Unicode scalars) stay whole.
    public var maximumCharacters: Int
    /// The size pieces of longer paragraphs aim for.
    public var targetCharacters: Int

    /// In an over-long paragraph, a line this long stands alone as a passage.
    public var standaloneLineCharacters: Int

    public init(maximumCharacters: Int = 1_500, targetCharacters: Int = 800, standaloneLineCharacters: Int = 200) {
        precondition(targetCharacters > 0 && maximumCharacters >= targetCharacters)
        self.maximumCharacters = maximumCharacters
        self.targetCharacters = targetCharacters
        self.standaloneLineCharacters = standaloneLineCharacters
    }

    private struct Line {
        var text: Substring
        var number: Int
        var length: Int
    }

    public func passages(of document: String, paragraphEnds: [Int] = []) -> [Passage] {
        var passages: [Passage] = []
        var paragraph: [Line] = []
        var lineNumber = 0
        var nextEnd = paragraphEnds.startIndex
        // Lines are split on "\n" bytes, not Characters: "\r\n" is one Character in Swift.
        let utf8 = document.utf8
        var lineStart = utf8.startIndex
        var lineStartOffset = 0
        while lineStart != utf8.endIndex || lineNumber == 0 {
            let lineEnd = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            // O(1) on a native string: the offset of the line feed, or of the end.
            let lineEndOffset = lineStartOffset + utf8.distance(from: lineStart, to: lineEnd)
            var line = document[lineStart..<lineEnd]
            lineStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
            lineNumber += 1
            if line.utf8.last == 0x0D { line = line.dropLast() }
            if nextEnd < paragraphEnds.endIndex && paragraphEnds[nextEnd] <= lineEndOffset {
                // Paragraph ends inside this line (or at its end): cut it there.
                var pieceStart = line.startIndex
                var startsAtEnd = false
                while nextEnd < paragraphEnds.endIndex && paragraphEnds[nextEnd] <= lineEndOffset {
                    let offset = min(max(paragraphEnds[nextEnd] - lineStartOffset, 0), line.utf8.count)
                    nextEnd += 1
                    let cut = utf8.index(line.startIndex, offsetBy: offset)
                    guard cut >= pieceStart else { continue }
                    add(line[pieceStart..<cut], trimmingStart: startsAtEnd, trimmingEnd: true,
                        number: lineNumber, to: &paragraph)
                    split(paragraph, into: &passages)
                    paragraph.removeAll(keepingCapacity: true)
                    pieceStart = cut
                    startsAtEnd = true
                }
                add(line[pieceStart...], trimmingStart: startsAtEnd, trimmingEnd: false,
                    number: lineNumber, to: &paragraph)
            } else if Self.isBlank(line) {
                split(paragraph, into: &passages)
                paragraph.removeAll(keepingCapacity: true)
            } else {
                paragraph.append(Line(text: line, number: lineNumber, length: line.unicodeScalars.count))
            }
            lineStartOffset = lineEndOffset + 1
        }
        split(paragraph, into: &passages)
        return passages
    }

    /// Adds a piece of a line cut where a paragraph ends, without the white space at the cut.
    /// A piece that is only white space adds nothing (and, unlike a blank line, ends nothing).
    private func add(
        _ piece: Substring, trimmingStart: Bool, trimmingEnd: Bool, number: Int, to paragraph: inout [Line]
    ) {
        var piece = piece
        if trimmingStart { piece = Self.trimmed(piece, start: true, end: false) }
        if trimmingEnd { piece = Self.trimmed(piece, start: false, end: true) }
        guard !Self.isBlank(piece) else { return }
        paragraph.append(Line(text: piece, number: number, length: piece.unicodeScalars.count))
    }

    static func isBlank(_ line: Substring) -> Bool {
        line.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    private func split(_ paragraph: [Line], into passages: inout [Passage]) {
        guard !paragraph.isEmpty else { return }
        let total = paragraph.reduce(0) { $0 + $1.length } + paragraph.count - 1
        if total <= maximumCharacters {
            passages.append(Self.passage(of: paragraph))
            return
        }
        var group: [Line] = []
        var groupLength = 0
        for line in paragraph {
            if line.length >= standaloneLineCharacters {
                if !group.isEmpty { passages.append(Self.passage(of: group)) }
                group.removeAll()
                groupLength = 0
                if line.length <= maximumCharacters {
                    passages.append(Self.passage(of: [line]))
                } else {
                    for piece in pieces(of: line.text) {
                        passages.append(Passage(text: String(piece), startLine: line.number, endLine: line.number))
                    }
                }
                continue
            }
            if !group.isEmpty && groupLength + 1 + line.length > targetCharacters {
                passages.append(Self.passage(of: group))
                group.removeAll()
                groupLength = 0
            }
            groupLength += (group.isEmpty ? 0 : 1) + line.length
            group.append(line)
        }
        if !group.isEmpty { passages.append(Self.passage(of: group)) }
    }

    private static func passage(of lines: [Line]) -> Passage {
        Passage(
            text: lines.map(\.text).joined(separator: "\n"),
            startLine: lines.first!.number,
            endLine: lines.last!.number)
    }

    static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?", "\u{061F}", "\u{06D4}", "\u{2026}"]

    /// Cuts one over-long line into pieces of about `targetCharacters`, after a sentence end where
    /// there is one, else after a space, else (a line with no space at all) anywhere.
    func pieces(of line: Substring) -> [Substring] {
        let scalars = line.unicodeScalars
        var pieces: [Substring] = []
        var pieceStart = scalars.startIndex
        var length = 0
        var lastSentenceCut: String.UnicodeScalarView.Index?
        var lastSpaceCut: String.UnicodeScalarView.Index?
        var previous: Unicode.Scalar?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if scalar == " ", let before = previous {
                if Self.sentenceEnds.contains(before) { lastSentenceCut = index }
                lastSpaceCut = index
            }
            length += 1
            if length >= targetCharacters, let cut = lastSentenceCut ?? (length >= maximumCharacters ? lastSpaceCut : nil) {
                pieces.append(Self.trimmed(line[pieceStart..<cut]))
                pieceStart = scalars.index(after: cut)
                length = scalars.distance(from: pieceStart, to: scalars.index(after: index))
                lastSentenceCut = nil
                lastSpaceCut = nil
            } else if length >= maximumCharacters * 2 {
                // No space in sight (a URL, a base64 blob): cut hard rather than grow forever.
                let cut = scalars.index(after: index)
                pieces.append(line[pieceStart..<cut])
                pieceStart = cut
                length = 0
            }
            previous = scalar
            index = scalars.index(after: index)
        }
        if pieceStart != scalars.endIndex {
            let rest = Self.trimmed(line[pieceStart...])
            if !rest.isEmpty { pieces.append(rest) }
        }
        return pieces.filter { !$0.isEmpty }
    }

    private static func trimmed(_ text: Substring, start: Bool = true, end: Bool = true) -> Substring {
        var text = text
        while start, let first = text.unicodeScalars.first, first.properties.isWhitespace {
            text = Substring(text.unicodeScalars.dropFirst())
        }
        while end, let last = text.unicodeScalars.last, last.properties.isWhitespace {
            text = Substring(text.unicodeScalars.dropLast())
        }
        return text
    }
}
