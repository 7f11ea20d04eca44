import Foundation

/// `--json FILE`: every figure of the run, keys in snake_case.
enum JSONReportWriter {
    static func write(_ report: BenchReport, to path: String) throws(BenchError) {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try encoder.encode(report).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .fileSystem("cannot write \(path): \(error.localizedDescription)")
        }
        Log.progress("wrote \(path)")
    }
}
