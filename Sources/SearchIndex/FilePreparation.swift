import Foundation
import Ingest
import TextAnalysis

/// A file as the writer needs it: read, hashed and, when its content is new, decoded, split
/// into passages and analyzed into index terms. Files come out in the order they were given.
enum PreparedFile: Sendable {
    /// Could not be read; `vanished` if it no longer exists.
    case unreadable(vanished: Bool)
    /// Read, but its content is what the index already has under this path.
    case unchanged(hash: String, byteCount: Int)
    case read(hash: String, byteCount: Int, document: DocumentDecoder.Outcome, passages: [PreparedPassage])
}

struct PreparedPassage: Sendable {
    let passage: Passage
    /// Nil when the index's tokenizer is not ours (the benchmark's baseline).
    let terms: PreparedTerms?
}

/// Reads and analyzes files on a thread of its own, a bounded distance ahead of the writer, so
/// that on two cores file reading, decoding and text analysis overlap SQLite's inserts.
///
/// At most `budgetBytes` of file content wait in the queue (plus the file being handed over),
/// which bounds the memory file contents take whatever the size of the corpus (the walk's list
/// of files still grows with their number).
final class FilePreparation: @unchecked Sendable {
    static let budgetBytes = 1 << 20

    private let condition = NSCondition()
    // Guarded by `condition`.
    // Taken entries become nil at once, so their memory is released before the array compacts.
    private var ready: [PreparedFile?] = []
    private var head = 0
    private var readyBytes = 0
    private var producerDone = false
    private var cancelled = false

    private let finished = DispatchSemaphore(value: 0)

    /// Starts preparing `files` in order; `knownHashes[i]` is the content hash the index holds
    /// for `files[i]`, if any (an equal content is then only compared, not analyzed).
    init(files: [FoundFile], knownHashes: [String?], analyzesTerms: Bool) {
        let decoder = DocumentDecoder()
        let splitter = PassageSplitter()
        Thread.detachNewThread { [self] in
            defer {
                condition.lock()
                producerDone = true
                condition.broadcast()
                condition.unlock()
                finished.signal()
            }
            for (file, knownHash) in zip(files, knownHashes) {
                let prepared = Self.prepare(
                    file, knownHash: knownHash, decoder: decoder, splitter: splitter, analyzesTerms: analyzesTerms)
                guard put(prepared) else { return }
            }
        }
    }

    private static func prepare(
        _ file: FoundFile, knownHash: String?, decoder: DocumentDecoder, splitter: PassageSplitter, analyzesTerms: Bool
    ) -> PreparedFile {
        guard let bytes = FileManager.default.contents(atPath: file.path).map(Array.init) else {
            return .unreadable(vanished: !FileManager.default.fileExists(atPath: file.path))
        }
        let hash = ContentHash.of(bytes)
        if hash == knownHash { return .unchanged(hash: hash, byteCount: bytes.count) }
        let document = decoder.decode(bytes, format: DocumentFormat.of(path: file.path))
        var passages: [PreparedPassage] = []
        if case .text(let decoded) = document {
            passages = splitter.passages(of: decoded.text, paragraphEnds: decoded.paragraphEnds).map {
                PreparedPassage(passage: $0, terms: analyzesTerms ? PreparedTerms(text: $0.text) : nil)
            }
        }
        return .read(hash: hash, byteCount: bytes.count, document: document, passages: passages)
    }

    private static func cost(of prepared: PreparedFile) -> Int {
        switch prepared {
        case .unreadable: 0
        case .unchanged(_, let byteCount), .read(_, let byteCount, _, _): byteCount
        }
    }

    /// Waits for room, then queues `prepared`; false once the writer has stopped listening.
    private func put(_ prepared: PreparedFile) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && head < ready.count && readyBytes + Self.cost(of: prepared) > Self.budgetBytes {
            condition.wait()
        }
        guard !cancelled else { return false }
        ready.append(prepared)
        readyBytes += Self.cost(of: prepared)
        condition.broadcast()
        return true
    }

    /// The next prepared file, in the order given; nil after the last.
    func next() -> PreparedFile? {
        condition.lock()
        defer { condition.unlock() }
        while head == ready.count && !producerDone { condition.wait() }
        guard head < ready.count else { return nil }
        let prepared = ready[head]!
        ready[head] = nil
        head += 1
        if head == ready.count || head >= 1_024 {
            ready.removeFirst(head)
            head = 0
        }
        readyBytes -= Self.cost(of: prepared)
        condition.broadcast()
        return prepared
    }

    /// Stops the preparing thread (if still running) and waits for it to end.
    func close() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }
}
