import Foundation
import SearchOutput

/// Writes to standard output and standard error with plain `write(2)` calls: one call per
/// printed hit, no shared buffer to guard.
///
/// A failed write to standard output (a closed pipe, as in `search … | head -1`) throws
/// `OutputClosed`, which ends the program quietly with status 0, as ripgrep does (`Main`).
enum Output {
    static func write(_ text: String) throws(OutputClosed) {
        if !writeAll(text, to: STDOUT_FILENO) { throw OutputClosed() }
    }

    /// One line on standard error, `search: ` first.
    static func error(_ message: String, prefixed: Bool = true) {
        _ = writeAll((prefixed ? "search: " : "") + message + "\n", to: STDERR_FILENO)
    }

    /// Text on standard error as is (the progress line redraws itself with "\r").
    static func errorRaw(_ text: String) {
        _ = writeAll(text, to: STDERR_FILENO)
    }

    private static func writeAll(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// A word as a POSIX shell reads it back: as is when it holds nothing special, else in single quotes.
enum ShellWord {
    static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "/._-+,:@%=~".unicodeScalars.contains(scalar)
        }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Standard output could not be written any more (the reader went away).
struct OutputClosed: Error {}

/// Standard output as the output libraries' `TextOutput`.
struct StandardOutput: TextOutput {
    func write(_ text: String) throws { try Output.write(text) }
}
