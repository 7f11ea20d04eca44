import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line, holding no more than the current line and one chunk,
/// so a corpus of any size streams through in little memory.
struct LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var lineStart = 0
    /// Where to resume looking for a newline (the bytes before it have none).
    private var scanFrom = 0
    private var atEnd = false
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next line without its newline; nil at the end of the input.
    mutating func next() throws(BenchError) -> Data? {
        while true {
            if let newline = buffer[scanFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Data(buffer[lineStart..<newline])
                lineStart = newline + 1
                scanFrom = lineStart
                return line
            }
            scanFrom = buffer.count
            if atEnd {
                guard lineStart < buffer.count else { return nil }
                let line = Data(buffer[lineStart...])
                lineStart = buffer.count
                return line
            }
            if lineStart > 0 {
                buffer.removeSubrange(0..<lineStart)
                scanFrom -= lineStart
                lineStart = 0
            }
            try fill()
        }
    }

    private mutating func fill() throws(BenchError) {
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return
            }
            if count == 0 {
                atEnd = true
                return
            }
            guard errno == EINTR else { throw .fileSystem("read failed: \(String(cString: strerror(errno)))") }
        }
    }
}
