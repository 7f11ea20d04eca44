import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A document file read as the indexer reads it, in pieces of `pieceSize` bytes, so that a file
/// of any size takes the same memory.
///
/// `survey` reads it once for its content hash, its size and how its bytes are to be read
/// (`DocumentDecoder`'s rules; a file that is not valid UTF-8 is read a second time for the
/// Windows-1256 rule). `passages` then reads it again into passages, unless it fitted in one
/// piece, which the survey kept. The hash `passages` returns is that of the bytes it read:
/// the file may have changed since the survey.
public struct DocumentFile {
    public static let pieceSize = 1 << 20

    public enum ReadError: Error, Equatable {
        /// The file is gone.
        case vanished
        case unreadable
    }

    public let path: String
    public let format: DocumentFormat
    public let contentHash: String
    public let byteCount: Int
    /// How the bytes are read, or `.binary`.
    public let verdict: DocumentVerdict
    /// The whole content, when it fits in one piece.
    private let content: [UInt8]?

    public static func survey(path: String, pieceSize: Int = pieceSize) throws(ReadError) -> DocumentFile {
        var hash = ContentHash()
        var survey = EncodingSurvey()
        var pieces = 0
        var first: [UInt8] = []
        let byteCount = try readPieces(path, pieceSize: pieceSize) { piece in
            hash.add(piece)
            survey.add(piece)
            if pieces == 0 { first = Array(piece) }
            pieces += 1
            return true
        }
        let content = pieces <= 1 ? first : nil
        let verdict: DocumentVerdict
        switch survey.finish() {
        case .decided(let decided):
            verdict = decided
        case .needsWindows1256Statistics:
            var statistics = Windows1256Statistics()
            if let content {
                content.withUnsafeBufferPointer { statistics.add($0) }
            } else {
                try readPieces(path, pieceSize: pieceSize) { piece in
                    statistics.add(piece)
                    return true
                }
            }
            verdict = EncodingSurvey.verdict(readsAsWindows1256: statistics.finish())
        }
        return DocumentFile(
            path: path, format: DocumentFormat.of(path: path), contentHash: hash.value, byteCount: byteCount,
            verdict: verdict, content: content)
    }

    /// Whether the file was read whole by the survey (it fits in one piece).
    public var isWhole: Bool { content != nil }

    /// Splits the text into passages with `splitter`, handing each to `emit` as soon as it is
    /// complete, with how many bytes of the file have been read so far; `emit` returns false to
    /// stop reading. Returns the hash and size of what was read.
    @discardableResult
    public func passages(
        splitter: PassageSplitter = PassageSplitter(), pieceSize: Int = pieceSize, emit: (Passage, Int) -> Bool
    ) throws(ReadError) -> (contentHash: String, byteCount: Int) {
        guard case .text(let encoding, let repaired, let byteOrderMarkLength) = verdict else { return (contentHash, byteCount) }
        // The bytes kept from the survey are those it found valid; bytes read again may have changed.
        var document = DocumentPassages(
            encoding: encoding, byteOrderMarkLength: byteOrderMarkLength, format: format, splitter: splitter,
            isKnownValid: content != nil && !repaired)
        var stopped = false
        var bytesRead = 0
        func give(_ passage: Passage) {
            if !stopped && !emit(passage, bytesRead) { stopped = true }
        }
        if let content {
            bytesRead = content.count
            content.withUnsafeBufferPointer { document.read($0, emit: give) }
            document.finish(emit: give)
            return (contentHash, byteCount)
        }
        var hash = ContentHash()
        let count = try Self.readPieces(path, pieceSize: pieceSize) { piece in
            guard !stopped else { return false }
            hash.add(piece)
            bytesRead += piece.count
            document.read(piece, emit: give)
            return true
        }
        if !stopped { document.finish(emit: give) }
        return (hash.value, count)
    }

    /// Reads the file from the start, a piece at a time, until `body` returns false or the file
    /// ends; returns how many bytes were read.
    @discardableResult
    static func readPieces(
        _ path: String, pieceSize: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(ReadError) -> Int {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw errno == ENOENT || errno == ENOTDIR ? .vanished : .unreadable }
        defer { close(descriptor) }
        // As large as the file (a byte more, to see its end at once), up to a piece: most files
        // are small, and a buffer of a whole piece for each would be a megabyte to allocate.
        var info = stat()
        let size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : pieceSize
        let capacity = min(pieceSize, max(size + 1, 1))
        var buffer = [UInt8](unsafeUninitializedCapacity: capacity) { _, count in count = capacity }
        var total = 0
        while true {
            // Fill the buffer: a piece is cut only by the size, never by a short read.
            var filled = 0
            let failed = buffer.withUnsafeMutableBytes { raw -> Bool in
                while filled < capacity {
                    let count = read(descriptor, raw.baseAddress! + filled, capacity - filled)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return true
                    }
                    if count == 0 { break }
                    filled += count
                }
                return false
            }
            guard !failed else { throw .unreadable }
            if filled == 0 && total > 0 { break }
            total += filled
            let goOn = buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<filled])) }
            if !goOn || filled < capacity { break }
        }
        return total
    }
}
