import Foundation
import SearchIndex
@testable import SearchWeb

/// A temporary folder holding a copy of the seeds (and whatever a test adds), indexed, and the
/// site serving it from that folder, as `search serve` started there would.
final class SiteFixture: @unchecked Sendable {
    let folder: String
    let indexPath: String
    private(set) var store: IndexStore
    private(set) var site: SearchSite

    /// - Parameter files: extra files to index, by path under the folder.
    init(files: [String: String] = [:], hosts: HostPolicy = .loopbackOnly) throws {
        folder = NSTemporaryDirectory() + "search-web-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: folder + "/seeds")
        indexPath = folder + "/index.db"
        for (name, text) in files { try Self.write(folder + "/" + name, text) }
        try Self.index(indexPath, roots: [folder + "/seeds"] + (files.isEmpty ? [] : [folder + "/more"]))
        store = try IndexStore.openForSearching(at: indexPath, readers: 2)
        site = SearchSite(store: store, folder: folder, hosts: hosts)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func write(_ name: String, _ text: String) throws {
        try Self.write(folder + "/" + name, text)
    }

    static func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func index(_ path: String, roots: [String], full: Bool = false) throws {
        var options = IndexRunOptions()
        options.full = full
        _ = try IndexRun(path: path, roots: roots, options: options).perform(observer: IndexObserver(warning: { _ in }))
    }

    /// GET `target` from localhost.
    func get(_ target: String, host: String? = "127.0.0.1:8080", method: String = "GET") -> WebResponse {
        site.respond(method: method, target: target, host: host)
    }

    /// `target` with `query` percent-encoded as q.
    static func searchTarget(_ path: String, _ query: String, _ more: String = "") -> String {
        path + "?q=" + SiteLink.encoded(query) + more
    }

    /// The repository's seeds/, found from this source file.
    static let seeds: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("seeds").path
            if FileManager.default.fileExists(atPath: candidate + "/000_d0ff0c257c8734f8.txt") { return candidate }
        }
        fatalError("seeds/ not found above \(#filePath)")
    }()
}

extension String {
    /// How many times `part` occurs.
    func occurrences(of part: String) -> Int {
        components(separatedBy: part).count - 1
    }
}
