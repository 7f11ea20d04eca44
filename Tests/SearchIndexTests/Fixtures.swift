import Foundation
import SearchCore
import Synchronization
@testable import SearchIndex

/// A temporary folder, removed when the value is released, or when the test process exits if it
/// never is (a fixture shared by a whole suite lives in a static).
final class TemporaryFolder: Sendable {
    let path: String

    /// The folders not removed yet.
    private static let pending = Mutex<Set<String>>([])
    private static let removesPendingAtExit: Void = {
        atexit {
            for path in TemporaryFolder.pending.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
        }
    }()

    init() throws {
        path = NSTemporaryDirectory() + "search-tests-" + UUID().uuidString
        Self.removesPendingAtExit
        Self.pending.withLock { _ = $0.insert(path) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
        Self.pending.withLock { _ = $0.remove(path) }
    }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }
}

/// The repository's `seeds/` folder, found from this source file (tests run from any folder).
enum Seeds {
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("seeds").path
            if FileManager.default.fileExists(atPath: candidate + "/000_d0ff0c257c8734f8.txt") { return candidate }
        }
        fatalError("seeds/ not found above \(#filePath)")
    }()

    /// Copies the seeds into `folder`/seeds and returns that path.
    static func copy(into folder: TemporaryFolder) throws -> String {
        let target = folder.file("seeds")
        try FileManager.default.copyItem(atPath: Seeds.folder, toPath: target)
        return target
    }
}

/// An index of the seeds in a temporary folder, with helpers to query it.
struct SeedIndex: Sendable {
    let folder: TemporaryFolder
    let seeds: String
    let store: IndexStore
    let summary: IndexSummary

    init() throws {
        folder = try TemporaryFolder()
        seeds = try Seeds.copy(into: folder)
        store = try IndexStore.openForIndexing(at: folder.file("index.db"))
        summary = try Indexer(store: store, warn: { _ in }).run(roots: [seeds])
    }

    func search(_ query: String, limit: Int = 0) throws -> [Hit] {
        var hits: [Hit] = []
        try Searcher(store: store).search(try QueryParser().parse(query), limit: limit) { hits.append($0) }
        return hits
    }
}

/// An index of small generated documents (file name → text) in a temporary folder.
struct DocumentsIndex {
    let folder: TemporaryFolder
    let store: IndexStore

    init(_ files: [String: String]) throws {
        folder = try TemporaryFolder()
        store = try IndexStore.openForIndexing(at: folder.file("index.db"))
        for (name, text) in files { try folder.write("docs/" + name, text) }
        _ = try Indexer(store: store, warn: { _ in }).run(roots: [folder.file("docs")])
    }

    /// The hits of `query` in rank order, every one of them unless `options` says otherwise.
    func hits(_ query: String, options: SearchOptions = SearchOptions(limit: 0)) throws -> [Hit] {
        try Searcher(store: store).search(try QueryParser().parse(query), options: options).hits
    }

    /// The file names of the hits of `query`, in rank order, without their extension.
    func names(_ query: String, options: SearchOptions = SearchOptions(limit: 0)) throws -> [String] {
        try hits(query, options: options).map { (($0.path as NSString).lastPathComponent as NSString).deletingPathExtension }
    }
}

extension Hit {
    /// `000_d0ff0c257c8734f8.txt:3`
    var location: String { (path as NSString).lastPathComponent + ":\(startLine)" }

    /// The highlighted parts of the text.
    var highlightedTexts: [String] {
        let utf8 = Array(text.utf8)
        return highlights.map { String(decoding: utf8[$0.byteStart..<$0.byteEnd], as: UTF8.self) }
    }
}

extension MatchKind {
    /// Exact before folded before stem.
    var order: Int {
        switch self {
        case .exact: 0
        case .folded: 1
        case .stem, .prefix, .fuzzy: 2
        }
    }
}

extension Searcher {
    /// The hits of `query` in rank order (`limit` 0: all), handed to `body`: how tests read a page.
    @discardableResult
    func search(_ query: ParsedQuery, limit: Int, _ body: (Hit) throws -> Void = { _ in }) throws -> Int {
        try search(query, options: SearchOptions(limit: limit), body)
    }

    @discardableResult
    func search(_ query: ParsedQuery, options: SearchOptions, _ body: (Hit) throws -> Void) throws -> Int {
        let hits = try search(query, options: options).hits
        try hits.forEach(body)
        return hits.count
    }
}
