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
    /// Read, and not text.
    case binary(hash: String, byteCount: Int)
    case text(PreparedText)
}

/// A text file's first passages; when `continues`, the rest comes from `FilePreparation.nextPart()`.
struct PreparedText: Sendable {
    let hash: String
    let byteCount: Int
    let encoding: SourceEncoding
    let repaired: Bool
    let passages: [PreparedPassage]
    let continues: Bool
}

/// More of a file whose passages come in parts.
enum PreparedPart: Sendable {
    /// More passages, and how many bytes of the file have been read so far.
    case passages([PreparedPassage], bytesRead: Int)
    /// The last part: the hash and size of the bytes the passages came from.
    case end(hash: String, byteCount: Int)
    /// The file could not be read to its end.
    case failed(vanished: Bool)
}

struct PreparedPassage: Sendable {
    let passage: Passage
    /// Nil when the index's tokenizer is not ours (the benchmark's baseline).
    let terms: PreparedTerms?

    /// Roughly the bytes it holds: its text and its terms.
    var cost: Int { passage.text.utf8.count + (terms?.byteCount ?? 0) }
}

/// Reads and analyzes files on a thread of its own, a bounded distance ahead of the writer, so
/// that on two cores file reading, decoding and text analysis overlap SQLite's inserts.
///
/// Memory stays bounded whatever the files: at most `budget` bytes of prepared passages (text
/// and terms) wait for the writer, a file is read `DocumentFile.pieceSize` bytes at a time,
/// and a file whose passages exceed `partBudget` comes in parts (`nextPart()`). The writer
/// hands files over a few hundred at a time (`add`), never the whole list.
final class FilePreparation: @unchecked Sendable {
    static let budget = 4 << 20
    static let partBudget = 512 << 10

    private enum Message {
        case file(PreparedFile)
        case part(PreparedPart)

        var cost: Int {
            switch self {
            case .file(.text(let text)): text.passages.reduce(0) { $0 + $1.cost }
            case .part(.passages(let passages, _)): passages.reduce(0) { $0 + $1.cost }
            default: 0
            }
        }
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var inputs: [(file: FoundFile, knownHash: String?)] = []
    private var inputHead = 0
    private var inputsFinished = false
    // Taken entries become nil at once, so their memory is released before the array compacts.
    private var ready: [(message: Message, cost: Int)?] = []
    private var head = 0
    private var readyBytes = 0
    private var producerDone = false
    private var cancelled = false
    /// The file (by its position among those given) whose remaining parts the writer does not want.
    private var skippedFile = -1

    private let finished = DispatchSemaphore(value: 0)

    /// Starts the preparing thread; files come through `add`.
    init(analyzesTerms: Bool) {
        let splitter = PassageSplitter()
        Thread.detachNewThread { [self] in
            defer {
                condition.lock()
                producerDone = true
                condition.broadcast()
                condition.unlock()
                finished.signal()
            }
            var position = 0
            while let (file, knownHash) = takeInput() {
                guard prepare(file, knownHash: knownHash, position: position, splitter: splitter, analyzesTerms: analyzesTerms)
                else { return }
                position += 1
            }
        }
    }

    /// Queues files to prepare, in order; `knownHash` is the content hash the index holds for
    /// the file, if any (an equal content is then only compared, not analyzed).
    func add(_ files: [(file: FoundFile, knownHash: String?)]) {
        condition.lock()
        defer { condition.unlock() }
        if inputHead > 0 && inputHead == inputs.count {
            inputs.removeAll(keepingCapacity: true)
            inputHead = 0
        }
        inputs.append(contentsOf: files)
        condition.broadcast()
    }

    /// No more files will be added.
    func finishAdding() {
        condition.lock()
        inputsFinished = true
        condition.broadcast()
        condition.unlock()
    }

    private func takeInput() -> (FoundFile, String?)? {
        condition.lock()
        defer { condition.unlock() }
        while inputHead == inputs.count && !inputsFinished && !cancelled { condition.wait() }
        guard !cancelled, inputHead < inputs.count else { return nil }
        let input = inputs[inputHead]
        inputHead += 1
        return (input.file, input.knownHash)
    }

    /// Prepares one file; false once the writer has stopped listening.
    private func prepare(
        _ file: FoundFile, knownHash: String?, position: Int, splitter: PassageSplitter, analyzesTerms: Bool
    ) -> Bool {
        let document: DocumentFile
        do {
            document = try DocumentFile.survey(path: file.path)
        } catch {
            return put(.file(.unreadable(vanished: error == .vanished)))
        }
        let hash = document.contentHash
        if hash == knownHash { return put(.file(.unchanged(hash: hash, byteCount: document.byteCount))) }
        guard case .text(let encoding, let repaired, _) = document.verdict else {
            return put(.file(.binary(hash: hash, byteCount: document.byteCount)))
        }
        var batch: [PreparedPassage] = []
        var batchCost = 0
        var sentFirst = false
        var listening = true
        var bytesRead = 0
        func send() {
            let message: Message = sentFirst
                ? .part(.passages(batch, bytesRead: bytesRead))
                : .file(.text(PreparedText(
                    hash: hash, byteCount: document.byteCount, encoding: encoding, repaired: repaired,
                    passages: batch, continues: true)))
            listening = put(message)
            sentFirst = true
            batch = []
            batchCost = 0
        }
        let read: (contentHash: String, byteCount: Int)
        do {
            read = try document.passages(splitter: splitter) { passage, readSoFar in
                guard listening, !isSkipped(position) else { return false }
                let prepared = PreparedPassage(passage: passage, terms: analyzesTerms ? PreparedTerms(text: passage.text) : nil)
                batch.append(prepared)
                batchCost += prepared.cost
                bytesRead = readSoFar
                if !document.isWhole && batchCost >= Self.partBudget { send() }
                return listening
            }
        } catch {
            if !sentFirst { return put(.file(.unreadable(vanished: error == .vanished))) }
            return put(.part(.failed(vanished: error == .vanished)))
        }
        guard listening else { return false }
        guard sentFirst else {
            return put(.file(.text(PreparedText(
                hash: hash, byteCount: document.byteCount, encoding: encoding, repaired: repaired,
                passages: batch, continues: false))))
        }
        if !batch.isEmpty && !isSkipped(position) {
            bytesRead = read.byteCount
            send()
            guard listening else { return false }
        }
        return put(.part(.end(hash: read.contentHash, byteCount: read.byteCount)))
    }

    private func isSkipped(_ position: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return skippedFile == position
    }

    /// Waits for room, then queues `message`; false once the writer has stopped listening.
    private func put(_ message: Message) -> Bool {
        let cost = message.cost
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && head < ready.count && readyBytes + cost > Self.budget {
            condition.wait()
        }
        guard !cancelled else { return false }
        ready.append((message, cost))
        readyBytes += cost
        condition.broadcast()
        return true
    }

    private func take() -> Message? {
        condition.lock()
        defer { condition.unlock() }
        while head == ready.count && !producerDone { condition.wait() }
        guard head < ready.count else { return nil }
        let (message, cost) = ready[head]!
        ready[head] = nil
        head += 1
        if head == ready.count || head >= 1_024 {
            ready.removeFirst(head)
            head = 0
        }
        readyBytes -= cost
        condition.broadcast()
        return message
    }

    /// The next prepared file, in the order given; nil after the last.
    func next() -> PreparedFile? {
        guard let message = take() else { return nil }
        guard case .file(let file) = message else { preconditionFailure("a part where a file was expected") }
        return file
    }

    /// The next part of the file whose `PreparedText` said it continues; nil if the preparing
    /// thread has stopped.
    func nextPart() -> PreparedPart? {
        guard let message = take() else { return nil }
        guard case .part(let part) = message else { preconditionFailure("a file where a part was expected") }
        return part
    }

    /// The writer does not want the rest of the file at `position` (counted from 0 among the
    /// files given): the thread stops reading it. Its remaining parts, up to `.end`, still come.
    func skipRest(ofFileAt position: Int) {
        condition.lock()
        skippedFile = position
        condition.broadcast()
        condition.unlock()
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
