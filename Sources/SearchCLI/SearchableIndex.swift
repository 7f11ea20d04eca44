import Foundation
import Ingest
import SearchIndex

/// The index a query (or the server) searches, opened for searching.
enum SearchableIndex {
    /// Opens the index. The embedded default (no --index, no $SEARCH_INDEX) builds itself from
    /// the demo corpus on first use, and rebuilds itself after the text analysis changed, but
    /// only when `seeds/` here is the demo corpus (`DemoCorpus`) and the index holds nothing else.
    static func open(_ location: (path: String, isDefault: Bool)) throws -> IndexStore {
        let (path, isDefault) = location
        let failure: IndexError
        do {
            return try IndexStore.openForSearching(at: path)
        } catch {
            failure = error
        }
        switch failure {
        case .indexNotFound where isDefault && DemoCorpus.isHere:
            Output.error("first use: indexing the demo corpus \(DemoCorpus.folder)/ (five news articles) into \(path)")
        case .analysisVersionMismatch where isDefault && DemoCorpus.isHere && Self.holdsOnlyTheDemo(path):
            Output.error("the text analysis changed: rebuilding \(path) from the demo corpus \(DemoCorpus.folder)/")
        default:
            throw failure
        }
        // Two first queries at once build it once: the second waits for the first's lock, then
        // finds the index up to date.
        var run = IndexRun(path: path, roots: [DemoCorpus.folder])
        run.wait = true
        _ = try run.perform(observer: IndexObserver(warning: { Output.error($0) }))
        return try IndexStore.openForSearching(at: path)
    }

    private static func holdsOnlyTheDemo(_ path: String) -> Bool {
        let demo = FileManager.default.currentDirectoryPath + "/" + DemoCorpus.folder
        guard let roots = try? IndexStore.openForReading(at: path).status().roots else { return false }
        return roots.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
            == [URL(fileURLWithPath: demo).resolvingSymlinksInPath().path]
    }
}
