import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a JSON Lines corpus (`id`, `title`, `text` per line, optionally gzipped) into a folder
/// of text files, `NNN/NNNNNN.txt` with 1000 files per subfolder, each holding the title, a
/// blank line and the text.
///
/// It streams: `gzip -dc` feeds a pipe that is read line by line, so only one document is in
/// memory at a time whatever the corpus size. A complete folder is reused by later runs.
struct JSONLinesMaterializer {
    let source: URL
    let gzipped: Bool
    let destination: URL

    static let filesPerFolder = 1_000

    private struct Document: Decodable {
        var title: String?
        var text: String
    }

    private var marker: CompletionMarker {
        let size = FileManager.default.byteSize(ofFile: source.path)
        let markerFile = destination.deletingLastPathComponent()
            .appendingPathComponent(destination.lastPathComponent + ".complete")
        return CompletionMarker(url: markerFile, fingerprint: "\(source.path) \(size) bytes\n")
    }

    func materialize() throws(BenchError) -> URL {
        let marker = marker
        if marker.isPresent {
            Log.progress("reusing \(destination.path)")
            return destination
        }
        marker.remove()
        Log.progress("materialising \(source.lastPathComponent) into \(destination.path)")
        try FileManager.default.recreateFolder(destination)

        let reader = try openReader()
        defer { close(reader.descriptor) }
        var lines = LineReader(descriptor: reader.descriptor)
        let decoder = JSONDecoder()
        var lineNumber = 0
        var documents = 0
        while let line = try lines.next() {
            lineNumber += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
            guard let document = try? decoder.decode(Document.self, from: line) else {
                throw .badDocument(file: source.path, line: lineNumber)
            }
            try write(document, number: documents)
            documents += 1
        }
        if let gzip = reader.child {
            let outcome = try gzip.wait()
            guard outcome.termination == .exited(0) else {
                throw .childFailed(command: "gzip -dc \(source.path)", termination: outcome.termination)
            }
        }
        try marker.write()
        // Streaming keeps this near the runtime's own footprint whatever the corpus size.
        Log.progress("materialised \(documents) documents"
            + String(format: " (benchmark peak RSS so far %.1f MB)", Double(Executables.ownPeakRSSBytes()) / 1e6))
        return destination
    }

    /// The decompressed input: a pipe from `gzip -dc`, or the file itself.
    private func openReader() throws(BenchError) -> (descriptor: Int32, child: ChildProcess.Running?) {
        if gzipped {
            let gzip = try ChildProcess(executable: "gzip", arguments: ["-dc", source.path]).spawn(stdout: .pipe)
            return (gzip.outputPipe!, gzip)
        }
        let descriptor = open(source.path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .fileSystem("cannot open \(source.path): \(String(cString: strerror(errno)))")
        }
        return (descriptor, nil)
    }

    private func write(_ document: Document, number: Int) throws(BenchError) {
        let folder = destination.appendingPathComponent(Self.zeroPadded(number / Self.filesPerFolder, width: 3))
        if number % Self.filesPerFolder == 0 {
            try FileManager.default.recreateFolder(folder)
        }
        let title = document.title ?? ""
        let content = (title.isEmpty ? "" : title + "\n\n") + document.text + "\n"
        let file = folder.appendingPathComponent(Self.zeroPadded(number, width: 6) + ".txt")
        do {
            try Data(content.utf8).write(to: file)
        } catch {
            throw .fileSystem("cannot write \(file.path): \(error.localizedDescription)")
        }
    }

    static func zeroPadded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
