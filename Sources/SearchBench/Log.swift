import Foundation

/// Progress and errors go to stderr, so stdout carries only the report.
enum Log {
    static func progress(_ message: String) {
        write("search-bench: " + message + "\n")
    }

    static func error(_ message: String) {
        write("search-bench: error: " + message + "\n")
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
