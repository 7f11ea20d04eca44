import Foundation
import SearchCore
import Testing
@testable import SearchIndex

/// Issue 18: a vocalised query ranks passages whose word contradicts its harakat after the
/// others; an unvocalised query ranks as before.
@Suite struct VocalisedRankingTests {
    let index: DocumentsIndex

    init() throws {
        // The word in one form everywhere (with the article), vocalised three ways and not at
        // all; the flag passage is the shortest, so BM25 alone ranks it first.
        index = try DocumentsIndex([
            "flag.txt": "رفع العَلَمَ",
            "bare.txt": "كتاب عن العلم في ذلك الزمان البعيد",
            "knowledge.txt": "طلب العِلْمِ فريضة على كل مسلم ومسلمة في كل زمان ومكان",
            "exact.txt": "هذا العِلْم نافع لمن أراد أن يتعلم من أهل البلاد البعيدة والقريبة",
        ])
    }

    func order(_ query: String) throws -> [String] { try index.names(query) }

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
