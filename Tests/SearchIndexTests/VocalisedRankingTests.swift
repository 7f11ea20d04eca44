import Foundation
import SearchCore
import Testing
@testable import SearchIndex

/// Issue 18: a vocalised query ranks passages whose word contradicts its harakat after the
/// others; an unvocalised query ranks as before.
@Suite struct VocalisedRankingTests {
    let folder: TemporaryFolder
    let store: IndexStore

    init() throws {
        folder = try TemporaryFolder()
        store = try IndexStore.openForIndexing(at: folder.file("index.db"))
        // The word in one form everywhere (with the article), vocalised three ways and not at
        // all; the flag passage is the shortest, so BM25 alone ranks it first.
        let files = [
            "flag.txt": "رفع العَلَمَ",
            "bare.txt": "كتاب عن العلم في ذلك الزمان البعيد",
            "knowledge.txt": "طلب العِلْمِ فريضة على كل مسلم ومسلمة في كل زمان ومكان",
            "exact.txt": "هذا العِلْم نافع لمن أراد أن يتعلم من أهل البلاد البعيدة والقريبة",
        ]
        for (name, text) in files { try folder.write("docs/" + name, text) }
        _ = try Indexer(store: store, warn: { _ in }).run(roots: [folder.file("docs")])
    }

    func order(_ query: String) throws -> [String] {
        try Searcher(store: store).search(try QueryParser().parse(query), options: SearchOptions(limit: 0)).hits
            .map { ($0.path as NSString).lastPathComponent.replacingOccurrences(of: ".txt", with: "") }
    }

    @Test func compatibleThenBareThenContradictingHarakat() throws {
        // As typed first, then vocalised alike, then bare, the contradicting one last.
        #expect(try order("العِلْم") == ["exact", "knowledge", "bare", "flag"])
    }

    @Test func theOtherVocalisationPutsTheOtherWordFirst() throws {
        let ranked = try order("العَلَم")
        #expect(ranked.prefix(2) == ["flag", "bare"])
        #expect(Set(ranked.suffix(2)) == ["exact", "knowledge"])
    }

    @Test func anUnvocalisedQueryRanksAsBefore() throws {
        // The passage with العلم as typed, then BM25 alone: the short flag passage is not moved down.
        #expect(try order("العلم").prefix(2) == ["bare", "flag"])
    }
}
