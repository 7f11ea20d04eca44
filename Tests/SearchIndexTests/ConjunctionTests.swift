import Foundation
import SearchCore
import Testing
@testable import SearchIndex

/// Issue 19, item 10: the conjunctions و and ف, apart or attached, on generated documents.
@Suite struct ConjunctionTests {
    let index: DocumentsIndex

    init() throws {
        index = try DocumentsIndex([
            "attached.txt": "محادثات بين سوريا وروسيا في جنيف",
            "apart.txt": "محادثات بين سوريا و روسيا في جنيف",
            "then.txt": "زار الوفد سوريا ثم روسيا",
            "clitic.txt": "رسالة من سوريا لروسيا",
            "syria.txt": "سوريا وحدها",
            "means.txt": "وسائل الإعلام الحديثة",
            "the-means.txt": "تطورت الوسائل كثيرا",
            "liquid.txt": "سائل التبريد في المحرك",
            "france.txt": "زار فرنسا أمس",
            "iran.txt": "سفر به ایران و سپس به روسیه",
            "russia-fa.txt": "روسیه کشوری بزرگ است و ایران همسایه",
        ])
    }

    func names(_ query: String) throws -> Set<String> {
        Set(try index.hits(query).map { ($0.path as NSString).lastPathComponent })
    }

    func understood(_ query: String) throws -> ParsedQuery {
        try Searcher(store: index.store).understand(try QueryParser().parse(query), options: SearchOptions()).query
    }

    @Test func aConjunctionApartOrAttachedFindsWhatTheTwoWordsFind() throws {
        let both: Set = ["attached.txt", "apart.txt", "then.txt", "clitic.txt"]
        #expect(try names("سوريا روسيا") == both)
        #expect(try names("سوريا و روسيا") == both)
        #expect(try names("سوريا وروسيا") == both)
        #expect(try names("سوريا ف روسيا") == both)
        #expect(try names("ایران و روسیه") == ["iran.txt", "russia-fa.txt"])
    }

    @Test func aConjunctionStandingAloneIsNeverJoinedToTheNextWord() throws {
        let query = try understood("سوريا و روسيا")
        #expect(query.clauses.map(\.terms) == [["سوريا"], ["و"], ["روسيا"]])
        #expect(query.scoringClauses.map(\.literal) == ["سوريا", "روسيا"])
    }

    @Test func anAttachedConjunctionIsReadOffOnlyWhenTheIndexSaysSo() throws {
        #expect(try understood("وروسيا").clauses[0].afterConjunction == "روسيا")
        // الوسائل: the و of وسائل is the word's own; وسائل does not find سائل (a liquid).
        #expect(try understood("وسائل").clauses[0].afterConjunction == nil)
        #expect(try names("وسائل") == ["means.txt", "the-means.txt"])
        // رنسا is no word; وزير is too short to be read as و + زير.
        #expect(try understood("فرنسا").clauses[0].afterConjunction == nil)
        #expect(try understood("وزير").clauses[0].afterConjunction == nil)
        // A Persian query writes و apart.
        #expect(try understood("وروسیه").clauses[0].afterConjunction == nil)
    }

    @Test func theWordAsTypedStillRanksFirst() throws {
        var first: Hit?
        try Searcher(store: index.store).search(try QueryParser().parse("وروسيا"), limit: 1) { first = $0 }
        #expect((first?.path as NSString?)?.lastPathComponent == "attached.txt")
        #expect(first?.highlights.map(\.kind) == [.exact])
    }
}
