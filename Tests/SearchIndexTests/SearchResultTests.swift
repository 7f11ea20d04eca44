import Foundation
import SearchCore
import Testing
@testable import SearchIndex

/// The searcher's one result value, its streaming form, and a store read by many threads at once.
@Suite struct SearchResultTests {
    static let seeds = Result { try SeedIndex() }

    func parse(_ query: String) throws -> ParsedQuery { try QueryParser().parse(query) }

    @Test func aPageCarriesTheQueryAsReadItsCorrectionsItsHitsAndTheTotal() throws {
        let store = try Self.seeds.get().store
        var options = SearchOptions(limit: 2)
        options.countsTotal = true
        let result = try Searcher(store: store).search(try parse("بوطين العراق"), options: options)
        #expect(result.understood.corrections.map(\.typed) == ["بوطين"])
        #expect(result.understood.query.clauses[0].fuzzySpellings == ["بوتين"])
        #expect(result.hits.map(\.rank) == [1, 2])
        let all = try Searcher(store: store).search(try parse("بوطين العراق"), options: SearchOptions(limit: 0))
        #expect(result.total == all.hits.count)
        #expect(all.total == nil, "counted only when asked")
        // With filters the total is what passes them.
        options.perFile = 1
        let perFile = try Searcher(store: store).search(try parse("العراق"), options: options)
        let files = Set(try Searcher(store: store).search(try parse("العراق"), options: SearchOptions(limit: 0)).hits.map(\.path))
        #expect(perFile.total == files.count)
    }

    @Test func everyHitInTurnStopsWhenAskedAndPassesItsErrorThrough() throws {
        let store = try Self.seeds.get().store
        let searcher = Searcher(store: store)
        let understood = try searcher.understand(try parse("روسيا"), options: SearchOptions())
        let whole = try searcher.search(understood, options: SearchOptions(limit: 0)).hits
        #expect(whole.count > 3)
        var seen: [Hit] = []
        let handed = try searcher.forEachHit(of: understood, options: SearchOptions(limit: 0)) { hit in
            seen.append(hit)
            return seen.count < 3
        }
        #expect(handed == 3 && seen == Array(whole.prefix(3)))
        struct Closed: Error {}
        #expect(throws: Closed.self) {
            try searcher.forEachHit(of: understood, options: SearchOptions(limit: 0)) { _ in throw Closed() }
        }
    }

    /// A store opened for several readers answers queries from many threads at once exactly as one
    /// thread does: each connection has its own rank window and tokenizer state.
    @Test func concurrentReadersGetWhatASingleReaderGets() async throws {
        let path = try Self.seeds.get().folder.file("index.db")
        let queries = ["أستانا", "روسيا", "العراق", "مفاوضات أستانا", "ما هي شجرة الزقوم؟", "روسیه", "عقب‌نشینی", "وزير"]
        let single = try IndexStore.openForSearching(at: path)
        var expected: [String: [Hit]] = [:]
        for query in queries {
            expected[query] = try Searcher(store: single).search(try parse(query), options: SearchOptions(limit: 0)).hits
        }
        let pool = try IndexStore.openForSearching(at: path, readers: 4)
        let answers = try await withThrowingTaskGroup(of: (String, [Hit]).self) { group in
            for round in 0..<8 {
                for query in queries.shuffled() where round % 2 == 0 || query.count > 4 {
                    group.addTask {
                        (query, try Searcher(store: pool).search(try QueryParser().parse(query), options: SearchOptions(limit: 0)).hits)
                    }
                }
            }
            var answers: [(String, [Hit])] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
        #expect(answers.count > queries.count)
        for (query, hits) in answers { #expect(hits == expected[query], "\(query)") }
    }
}
