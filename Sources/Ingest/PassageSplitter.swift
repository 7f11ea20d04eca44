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
///
/// The document may be given in pieces (`Stream`), so a file of any size is split in little
/// memory: what is held is at most a paragraph of `maximumCharacters`, a line being cut, and the
/// white space whose fate the next character decides. For that last to stay small, a run of
/// white space inside a line keeps at most `longestWhiteSpaceRun` characters (the rest is
/// dropped before the rules above apply); no text has such runs but a damaged or padded file.
public struct PassageSplitter: Sendable {
    /// Paragraphs up to this many characters (Unicode scalars) stay whole.
    public var maximumCharacters: Int
    /// The size pieces of longer paragraphs aim for.
    public var targetCharacters: Int

    /// In an over-long paragraph, a line this long stands alone as a passage.
    public var standaloneLineCharacters: Int

    /// White space characters a run inside a line keeps.
    public static let longestWhiteSpaceRun = 4_096

    public init(maximumCharacters: Int = 1_500, targetCharacters: Int = 800, standaloneLineCharacters: Int = 200) {
        precondition(targetCharacters > 0 && maximumCharacters >= targetCharacters)
        self.maximumCharacters = maximumCharacters
        self.targetCharacters = targetCharacters
        self.standaloneLineCharacters = standaloneLineCharacters
    }

    public func passages(of document: String, paragraphEnds: [Int] = []) -> [Passage] {
        var document = document
        var passages: [Passage] = []
        var stream = Stream(splitter: self)
        document.withUTF8 { stream.add($0, paragraphEnds: paragraphEnds) { passages.append($0) } }
        stream.finish { passages.append($0) }
        return passages
    }

    /// Whether a scalar has the Unicode White_Space property (`properties.isWhitespace`).
    @inline(__always)
    static func isWhiteSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension PassageSplitter {
    /// The splitter over a document given in pieces of UTF-8 that each end on a whole character.
    /// The passages are those `passages(of:paragraphEnds:)` gives for the whole document, in the
    /// same order, each handed over as soon as it is complete.
    public struct Stream {
        private var paragraph: ParagraphBuilder
        /// Offset in the document of the next byte.
        private var offset = 0
        /// Paragraph ends not reached yet, ascending.
        private var ends: [Int] = []
        private var nextEnd = 0
        private var lineNumber = 1
        /// Whether the current line has a byte yet (a last line without a line feed still counts).
        private var lineStarted = false
        /// Whether a paragraph end fell inside the current line: it is then never a blank line.
        private var lineHasEnd = false
        /// The current piece of the line follows a paragraph end: its leading white space goes.
        private var trimsStart = false
        /// Whether the current piece of the line has a character other than white space.
        private var hasText = false
        /// White space after the last such character, from earlier pieces of the document.
        private var held: [UInt8] = []
        /// Characters of white space held in all (in `held` and in the piece being read).
        private var heldCharacters = 0

        public init(splitter: PassageSplitter = PassageSplitter()) {
            paragraph = ParagraphBuilder(splitter: splitter)
        }

        /// Reads the next piece of the document. `paragraphEnds` are offsets into the whole
        /// document, ascending, and after those given before.
        public mutating func add(
            _ text: UnsafeBufferPointer<UInt8>, paragraphEnds: [Int] = [], emit: (Passage) -> Void
        ) {
            if !paragraphEnds.isEmpty {
                if nextEnd > 0 {
                    ends.removeFirst(nextEnd)
                    nextEnd = 0
                }
                ends.append(contentsOf: paragraphEnds)
            }
            var reader = PieceReader(text: text)
            let count = text.count
            var endIndex = nextEndIndex
            while reader.index < count {
                if reader.index >= endIndex {
                    end(&reader, emit)
                    endIndex = nextEndIndex
                    continue
                }
                let byte = text[reader.index]
                lineStarted = true
                if Self.isPlain(byte) {
                    // A run of bytes that are neither white space nor a line feed: text.
                    var index = reader.index + 1
                    let limit = min(count, endIndex)
                    while index < limit {
                        // `isPlain`, spelled out: this loop sees most of the bytes of a document.
                        let next = text[index]
                        guard next > 0x20 && next != 0xC2 && (next < 0xE1 || next > 0xE3) else { break }
                        index += 1
                    }
                    if !held.isEmpty {
                        pass(&reader, emit)
                        paragraph.append(held, line: lineNumber, emit)
                        held.removeAll(keepingCapacity: true)
                    }
                    hasText = true
                    heldCharacters = 0
                    reader.index = index
                    reader.committedEnd = index
                    continue
                }
                if byte == 0x0A {
                    endLine(&reader, emit)
                    reader.index += 1
                    reader.skip()
                    continue
                }
                let (scalar, length) = Self.scalar(in: text, at: reader.index, lead: byte)
                if PassageSplitter.isWhiteSpace(scalar) {
                    if trimsStart && !hasText {
                        reader.index += length
                        reader.skip()
                    } else if heldCharacters < PassageSplitter.longestWhiteSpaceRun {
                        heldCharacters += 1
                        reader.index += length
                    } else {
                        // Dropped: keep what is held so far aside, and skip this character.
                        pass(&reader, emit)
                        held.append(contentsOf: reader.held)
                        reader.index += length
                        reader.skip()
                    }
                } else {
                    if !held.isEmpty {
                        // White space held from before this piece is text after all.
                        pass(&reader, emit)
                        paragraph.append(held, line: lineNumber, emit)
                        held.removeAll(keepingCapacity: true)
                    }
                    hasText = true
                    heldCharacters = 0
                    reader.index += length
                    reader.committedEnd = reader.index
                }
            }
            pass(&reader, emit)
            held.append(contentsOf: reader.held)
            offset += count
        }

        /// Ends the document.
        public mutating func finish(emit: (Passage) -> Void) {
            var reader = PieceReader(text: UnsafeBufferPointer(start: nil, count: 0))
            // The last line, when the document does not end with a line feed (or is empty).
            if lineStarted || offset == 0 {
                while nextEnd < ends.count && ends[nextEnd] <= offset { end(&reader, emit) }
                endLine(&reader, emit)
            }
            paragraph.endParagraph(emit)
        }

        /// Where the next paragraph end falls in the piece being read (`Int.max` if none).
        private var nextEndIndex: Int {
            nextEnd < ends.count ? ends[nextEnd] - offset : Int.max
        }

        /// Hands the text read so far in this piece to the paragraph (white space stays held).
        private mutating func pass(_ reader: inout PieceReader, _ emit: (Passage) -> Void) {
            let committed = reader.takeCommitted()
            if !committed.isEmpty { paragraph.append(committed, line: lineNumber, emit) }
        }

        /// A paragraph end: the piece of line before it ends, without its trailing white space.
        private mutating func end(_ reader: inout PieceReader, _ emit: (Passage) -> Void) {
            nextEnd += 1
            pass(&reader, emit)
            reader.skip()
            if hasText { paragraph.endSegment(emit) }
            paragraph.endParagraph(emit)
            held.removeAll(keepingCapacity: true)
            heldCharacters = 0
            hasText = false
            lineHasEnd = true
            trimsStart = true
        }

        /// A line ends (at its line feed, or at the end of the document).
        private mutating func endLine(_ reader: inout PieceReader, _ emit: (Passage) -> Void) {
            pass(&reader, emit)
            if hasText {
                // The line's trailing white space belongs to it, but for a final carriage return.
                held.append(contentsOf: reader.held)
                if held.last == 0x0D { held.removeLast() }
                if !held.isEmpty { paragraph.append(held, line: lineNumber, emit) }
                paragraph.endSegment(emit)
            } else if !lineHasEnd {
                paragraph.endParagraph(emit)
            }
            reader.skip()
            held.removeAll(keepingCapacity: true)
            heldCharacters = 0
            hasText = false
            lineHasEnd = false
            trimsStart = false
            lineStarted = false
            lineNumber += 1
        }

        /// Whether a byte can only be part of a character that is not white space: not ASCII
        /// white space or a control, and not the first byte of a non-ASCII space (U+0085,
        /// U+00A0, U+1680, U+2000–U+3000). Continuation bytes are plain.
        @inline(__always)
        static func isPlain(_ byte: UInt8) -> Bool {
            byte > 0x20 && byte != 0xC2 && (byte < 0xE1 || byte > 0xE3)
        }

        /// The scalar that starts at `index` and its length in bytes.
        @inline(__always)
        static func scalar(in text: UnsafeBufferPointer<UInt8>, at index: Int, lead: UInt8) -> (UInt32, Int) {
            if lead < 0x80 { return (UInt32(lead), 1) }
            if lead < 0xE0 {
                guard lead >= 0xC0, index + 1 < text.count else { return (0xFFFD, 1) }
                return (UInt32(lead & 0x1F) << 6 | UInt32(text[index + 1] & 0x3F), 2)
            }
            if lead < 0xF0 {
                guard index + 2 < text.count else { return (0xFFFD, 1) }
                return (UInt32(lead & 0x0F) << 12 | UInt32(text[index + 1] & 0x3F) << 6 | UInt32(text[index + 2] & 0x3F), 3)
            }
            guard index + 3 < text.count else { return (0xFFFD, 1) }
            return (UInt32(lead & 0x07) << 18 | UInt32(text[index + 1] & 0x3F) << 12
                | UInt32(text[index + 2] & 0x3F) << 6 | UInt32(text[index + 3] & 0x3F), 4)
        }
    }

    /// Where the reading of one piece is: `[start, committedEnd)` is text not yet handed on,
    /// `[committedEnd, index)` white space held after it.
    private struct PieceReader {
        let text: UnsafeBufferPointer<UInt8>
        var index = 0
        var start = 0
        var committedEnd = 0

        init(text: UnsafeBufferPointer<UInt8>) {
            self.text = text
        }

        var held: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: text[committedEnd..<index]) }

        mutating func takeCommitted() -> UnsafeBufferPointer<UInt8> {
            defer { start = committedEnd }
            return UnsafeBufferPointer(rebasing: text[start..<committedEnd])
        }

        /// Forgets everything before `index`.
        mutating func skip() {
            start = index
            committedEnd = index
        }
    }
}

/// Builds the passages of paragraphs from their text, handed over a piece of a line at a time
/// (rules 2 and 3 of `PassageSplitter`).
private struct ParagraphBuilder {
    let maximum: Int
    let target: Int
    let standalone: Int

    /// The complete lines of a paragraph that may still be one passage, joined by "\n".
    private var lines: [UInt8] = []
    private var firstLine = 0
    private var lastLine = 0
    private var lineCount = 0
    /// Their characters, line feeds between them included.
    private var total = 0
    /// The paragraph is longer than `maximum`: its lines go to groups, or stand alone.
    private var isLong = false

    /// Short lines of a long paragraph grouped into one passage, joined by "\n".
    private var group: [UInt8] = []
    private var groupFirstLine = 0
    private var groupLastLine = 0
    private var groupLength = 0

    /// The piece of line being read.
    private var open: [UInt8] = []
    private var openCharacters = 0
    private var openLine = 0
    /// The open line is longer than `maximum` and is being cut (rule 3).
    private var isCutting = false
    private var cutter: LineCutter

    init(splitter: PassageSplitter) {
        maximum = splitter.maximumCharacters
        target = splitter.targetCharacters
        standalone = splitter.standaloneLineCharacters
        cutter = LineCutter(target: target, maximum: maximum)
    }

    /// More text of the piece of line being read.
    mutating func append(_ text: some Collection<UInt8>, line: Int, _ emit: (Passage) -> Void) {
        if open.isEmpty && !isCutting { openLine = line }
        if isCutting {
            cutter.feed(text, emit)
            return
        }
        open.append(contentsOf: text)
        openCharacters += Self.characters(in: text)
        if !isLong && total + (lineCount > 0 ? 1 : 0) + openCharacters > maximum { becomeLong(emit) }
        if isLong && openCharacters > maximum { startCutting(emit) }
    }

    /// The piece of line being read is complete: a line of the paragraph (unless it was empty).
    mutating func endSegment(_ emit: (Passage) -> Void) {
        if isCutting {
            cutter.finish(emit)
            isCutting = false
        } else if openCharacters > 0 {
            if isLong {
                addToLong(open[...], characters: openCharacters, line: openLine, emit)
            } else {
                if lineCount == 0 {
                    firstLine = openLine
                } else {
                    lines.append(0x0A)
                    total += 1
                }
                lines.append(contentsOf: open)
                total += openCharacters
                lastLine = openLine
                lineCount += 1
                if total > maximum { becomeLong(emit) }
            }
        }
        open.removeAll(keepingCapacity: true)
        openCharacters = 0
    }

    mutating func endParagraph(_ emit: (Passage) -> Void) {
        if isLong {
            flushGroup(emit)
        } else if lineCount > 0 {
            emit(Passage(text: String(decoding: lines, as: UTF8.self), startLine: firstLine, endLine: lastLine))
        }
        lines.removeAll(keepingCapacity: true)
        lineCount = 0
        total = 0
        isLong = false
    }

    /// The paragraph is too long for one passage: its complete lines go through rule 2.
    private mutating func becomeLong(_ emit: (Passage) -> Void) {
        isLong = true
        var lineStart = 0
        var number = firstLine
        let count = lines.count
        var index = 0
        while index <= count {
            if index == count || lines[index] == 0x0A {
                let line = lines[lineStart..<index]
                addToLong(line, characters: Self.characters(in: line), line: number, emit)
                number += 1
                lineStart = index + 1
            }
            index += 1
        }
        lines.removeAll(keepingCapacity: true)
        lineCount = 0
        total = 0
    }

    private mutating func startCutting(_ emit: (Passage) -> Void) {
        flushGroup(emit)
        isCutting = true
        cutter.start(line: openLine)
        cutter.feed(open, emit)
        open.removeAll(keepingCapacity: true)
        openCharacters = 0
    }

    /// Rule 2 for one line of a long paragraph.
    private mutating func addToLong(_ line: ArraySlice<UInt8>, characters: Int, line number: Int, _ emit: (Passage) -> Void) {
        if characters >= standalone {
            flushGroup(emit)
            if characters <= maximum {
                emit(Passage(text: String(decoding: line, as: UTF8.self), startLine: number, endLine: number))
            } else {
                cutter.start(line: number)
                cutter.feed(line, emit)
                cutter.finish(emit)
            }
            return
        }
        if groupLength > 0 && groupLength + 1 + characters > target { flushGroup(emit) }
        if group.isEmpty {
            groupFirstLine = number
        } else {
            group.append(0x0A)
            groupLength += 1
        }
        group.append(contentsOf: line)
        groupLength += characters
        groupLastLine = number
    }

    private mutating func flushGroup(_ emit: (Passage) -> Void) {
        guard !group.isEmpty else { return }
        emit(Passage(text: String(decoding: group, as: UTF8.self), startLine: groupFirstLine, endLine: groupLastLine))
        group.removeAll(keepingCapacity: true)
        groupLength = 0
    }

    /// Unicode scalars in UTF-8: the bytes that are not continuation bytes.
    static func characters(in text: some Collection<UInt8>) -> Int {
        text.withContiguousStorageIfAvailable { bytes in
            guard var byte = bytes.baseAddress else { return 0 }
            let end = byte + bytes.count
            var count = 0
            while byte < end {
                if byte.pointee & 0xC0 != 0x80 { count += 1 }
                byte += 1
            }
            return count
        } ?? text.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
    }
}

/// Cuts one over-long line into pieces of about `target` characters (rule 3), as its text comes:
/// after a sentence end where there is one, else (once `maximum` is reached) after a space,
/// else (a line with no space at all, at twice `maximum`) anywhere.
private struct LineCutter {
    let target: Int
    let maximum: Int
    private var line = 0
    /// The text given and not cut off yet; the piece under way starts at `start`.
    private var text: [UInt8] = []
    private var start = 0
    /// Where the characters not read yet start.
    private var scanned = 0
    /// Characters of the piece under way read so far.
    private var length = 0
    /// The last places to cut: a space after a sentence end, any space (byte offset in `text`,
    /// and how many characters of the piece precede it).
    private var sentenceCut: (byte: Int, characters: Int)?
    private var spaceCut: (byte: Int, characters: Int)?
    private var hasPrevious = false
    private var previousEndsSentence = false

    init(target: Int, maximum: Int) {
        self.target = target
        self.maximum = maximum
    }

    mutating func start(line: Int) {
        self.line = line
        text.removeAll(keepingCapacity: true)
        start = 0
        scanned = 0
        length = 0
        sentenceCut = nil
        spaceCut = nil
        hasPrevious = false
        previousEndsSentence = false
    }

    /// More of the line: whole characters.
    mutating func feed(_ more: some Collection<UInt8>, _ emit: (Passage) -> Void) {
        text.append(contentsOf: more)
        text.withUnsafeBufferPointer { read($0, emit) }
        // What was cut off goes, now and then rather than at every cut.
        if start > 0 && (start >= 1 << 16 || start == text.count) {
            text.removeFirst(start)
            scanned -= start
            sentenceCut = sentenceCut.map { ($0.byte - start, $0.characters) }
            spaceCut = spaceCut.map { ($0.byte - start, $0.characters) }
            start = 0
        }
    }

    /// Ends the line: what is left, without white space at either end, is the last piece.
    mutating func finish(_ emit: (Passage) -> Void) {
        let rest = Self.trimmed(text[start...])
        if !rest.isEmpty { emit(Passage(text: String(decoding: rest, as: UTF8.self), startLine: line, endLine: line)) }
        start(line: line)
    }

    /// Reads the characters after `scanned`, cutting the piece whenever it is time.
    private mutating func read(_ text: UnsafeBufferPointer<UInt8>, _ emit: (Passage) -> Void) {
        // Locals, not properties, in the loop that sees every character of a long line.
        var index = scanned
        var length = self.length
        var hasPrevious = self.hasPrevious
        var previousEndsSentence = self.previousEndsSentence
        let count = text.count
        while index < count {
            let lead = text[index]
            if lead == 0x20 && hasPrevious {
                if previousEndsSentence { sentenceCut = (index, length) }
                spaceCut = (index, length)
            }
            length += 1
            hasPrevious = true
            previousEndsSentence = lead == 0x2E || lead == 0x21 || lead == 0x3F
                || (lead >= 0xD8 && Self.endsSentence(text, at: index, lead: lead))
            index += lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            if index > count { index = count }
            guard length >= target else { continue }
            if let cut = sentenceCut ?? (length >= maximum ? spaceCut : nil) {
                let piece = Self.trimmed(text[start..<cut.byte])
                if !piece.isEmpty {
                    emit(Passage(text: String(decoding: piece, as: UTF8.self), startLine: line, endLine: line))
                }
                // The next piece starts after the space.
                start = cut.byte + 1
                length -= cut.characters + 1
                sentenceCut = nil
                spaceCut = nil
            } else if length >= maximum * 2 {
                // No space in sight (a URL, a base64 blob): cut hard rather than grow forever.
                emit(Passage(text: String(decoding: text[start..<index], as: UTF8.self), startLine: line, endLine: line))
                start = index
                length = 0
            }
        }
        scanned = index
        self.length = length
        self.hasPrevious = hasPrevious
        self.previousEndsSentence = previousEndsSentence
    }

    /// Whether the character at `index` is a sentence end: . ! ? ؟ ۔ …
    @inline(__always)
    private static func endsSentence(_ text: UnsafeBufferPointer<UInt8>, at index: Int, lead: UInt8) -> Bool {
        switch lead {
        case 0x2E, 0x21, 0x3F: true
        case 0xD8: index + 1 < text.count && text[index + 1] == 0x9F
        case 0xDB: index + 1 < text.count && text[index + 1] == 0x94
        case 0xE2: index + 2 < text.count && text[index + 1] == 0x80 && text[index + 2] == 0xA6
        default: false
        }
    }

    private static func decode(_ bytes: some Collection<UInt8>) -> UInt32 {
        var iterator = bytes.makeIterator()
        guard let lead = iterator.next() else { return 0 }
        if lead < 0x80 { return UInt32(lead) }
        var scalar: UInt32 = lead < 0xE0 ? UInt32(lead & 0x1F) : lead < 0xF0 ? UInt32(lead & 0x0F) : UInt32(lead & 0x07)
        while let byte = iterator.next() { scalar = scalar << 6 | UInt32(byte & 0x3F) }
        return scalar
    }

    /// The bytes without white space characters at either end.
    private static func trimmed<Text: RandomAccessCollection<UInt8>>(_ text: Text) -> Text.SubSequence where Text.Index == Int {
        var start = text.startIndex
        var end = text.endIndex
        while start < end {
            var next = start + 1
            while next < end && text[next] & 0xC0 == 0x80 { next += 1 }
            guard PassageSplitter.isWhiteSpace(decode(text[start..<next])) else { break }
            start = next
        }
        while end > start {
            var previous = end - 1
            while previous > start && text[previous] & 0xC0 == 0x80 { previous -= 1 }
            guard PassageSplitter.isWhiteSpace(decode(text[previous..<end])) else { break }
            end = previous
        }
        return text[start..<end]
    }
}
