import Foundation
@testable import FullText
import GRDB
import SearchCore
import Testing
@testable import SearchIndex

/// The query operators: how they parse, what FTS5 is asked, what they find, and how every
/// malformed query is explained.
@Suite struct QueryLanguageTests {
    let parser = QueryParser()
    static let seeds = Result { try SeedIndex() }

    func locations(_ query: String) throws -> Set<String> {
        Set(try Self.seeds.get().search(query).map(\.location))
    }

    @Test func eachOperatorOnTheSeeds() throws {
        let astana = try locations("أستانا"), russia = try locations("روسيا"), syria = try locations("سوريا")
        #expect(astana.count == 3 && !russia.isEmpty && !syria.isEmpty)
        #expect(try locations("روسيا OR سوريا") == russia.union(syria))
        #expect(try locations("أستانا -روسيا") == astana.subtracting(russia))
        #expect(try locations("أستانا NOT روسيا") == astana.subtracting(russia))
        let eitherWithRussia = try locations("أستانا روسيا").union(try locations("سوتشي روسيا"))
        #expect(try locations("(أستانا OR سوتشي) روسيا") == eitherWithRussia)
        // A prefix after folding: أست* finds استانا and أستانا alike.
        let prefixed = try Self.seeds.get().search("أست*")
        #expect(astana.isSubset(of: Set(prefixed.map(\.location))))
        #expect(prefixed.flatMap(\.highlights).contains { $0.kind == .prefix })
        let near = try locations("NEAR(مفاوضات أستانا, 2)")
        #expect(!near.isEmpty && near.isSubset(of: astana))
    }

    @Test func nearCountsWordsBetweenOnGeneratedDocuments() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "كتاب واحد اثنان ثلاثة قلم")
        try folder.write("docs/b.txt", "كتاب قلم")
        try folder.write("docs/c.txt", "قلم بعيد جدا جدا جدا جدا عن الكتاب")
        let store = try IndexStore.openForIndexing(at: folder.file("index.db"))
        _ = try Indexer(store: store, warn: { _ in }).run(roots: [folder.file("docs")])
        func found(_ query: String) throws -> [String] {
            var names: [String] = []
            try Searcher(store: store).search(try parser.parse(query), limit: 0) {
                names.append(($0.path as NSString).lastPathComponent)
            }
            return names.sorted()
        }
        #expect(try found("NEAR(كتاب قلم, 0)") == ["b.txt"])
        #expect(try found("NEAR(كتاب قلم, 3)") == ["a.txt", "b.txt"])
        #expect(try found("NEAR(قلم كتاب, 3)") == ["a.txt", "b.txt"])
        #expect(try found("كتاب قلم -ثلاثة") == ["b.txt", "c.txt"])
        #expect(try found("كت* -(ثلاثة OR جدا)") == ["b.txt"])
    }

    @Test func orNotPrefixNearAndGroupsBuildAStructure() throws {
        let either = try parser.parse("روسيا OR سوريا")
        #expect(either.structure == .any([.clause(0), .clause(1)]))
        let excluded = try parser.parse("أستانا -روسيا")
        #expect(excluded.structure == .all([.clause(0), .exclude(.clause(1))]))
        #expect(excluded.clauses[1].isExcluded && excluded.scoringClauses.map(\.literal) == ["أستانا"])
        #expect(try parser.parse("أستانا NOT روسيا").structure == excluded.structure)
        let grouped = try parser.parse("(أستانا OR سوتشي) مفاوضات")
        #expect(try parser.parse("(أستانا روسيا)").structure == nil)
        #expect(grouped.structure == .all([.any([.clause(0), .clause(1)]), .clause(2)]))
        let near = try parser.parse("NEAR(مفاوضات أستانا, 3)")
        #expect(near.structure == .near([0, 1], distance: 3))
        #expect(near.fullTextExpression == "NEAR(\"مفاوضات\" \"استانا\", 3)")
        #expect(try parser.parse("NEAR(a b)").structure == .near([0, 1], distance: 10))
        let prefix = try parser.parse("أست*")
        #expect(prefix.clauses[0].isPrefix && prefix.clauses[0].terms == ["است"])
        #expect(prefix.fullTextExpression.hasPrefix("(\"است\"*"))
    }

    /// Issue 19, item 11: `است*` was read as the Persian word است and lost the Arabic stems.
    @Test func aPrefixIsReadAlikeWhateverHamzaIsTyped() throws {
        let typings = ["است*", "أست*", "إست*", "آست*"]
        let expressions = try typings.map { try parser.parse($0).fullTextExpression }
        #expect(Set(expressions).count == 1, "\(expressions)")
        #expect(try parser.parse("است*").clauses[0].language == .unknown)
        // A prefix still counts for its letters and its start: ال* reads Arabic, گ* Persian.
        #expect(try parser.parse("الك*").clauses[0].language == .arabic)
        #expect(try parser.parse("گف*").clauses[0].language == .persian)
        // The whole word است is still Persian evidence.
        #expect(try parser.parse("این است").clauses[0].language == .persian)

        let folder = try TemporaryFolder()
        try folder.write("docs/a.txt", "تقرر استئناف المفاوضات")
        try folder.write("docs/b.txt", "وقررت الحكومة واستئناف المفاوضات")
        let store = try IndexStore.openForIndexing(at: folder.file("index.db"))
        _ = try Indexer(store: store, warn: { _ in }).run(roots: [folder.file("docs")])
        for typed in typings {
            var names: [String] = []
            try Searcher(store: store).search(try parser.parse(typed), limit: 0) {
                names.append(($0.path as NSString).lastPathComponent)
            }
            #expect(names.sorted() == ["a.txt", "b.txt"], "\(typed)")
        }
    }

    @Test func exclusionsComeAfterTheRequiredPartInFTS5() throws {
        let query = try parser.parse("أستانا -روسيا -\"وزير الخارجية\"")
        #expect(query.fullTextExpression.hasPrefix("((((\"استانا\""))
        #expect(query.fullTextExpression.contains(" NOT (\"روسيا\""))
        #expect(query.fullTextExpression.hasSuffix(" NOT \"وزير الخارجيه\")"))
    }

    @Test func hyphenInsideAWordIsNotAnExclusion() throws {
        let query = try parser.parse("covid-19")
        #expect(query.structure == nil && query.clauses.map(\.terms) == [["covid", "19"]])
    }

    @Test func parenthesesWithoutOperatorsLeaveAHeadlinePlain() throws {
        // Pasted headlines carry (عکس), (ره): still a plain query, still matched partially.
        let headline = try parser.parse("خرید برزیلی جدید رئال وارد مادرید شد (عکس)")
        #expect(headline.structure == nil && headline.matchesPartially)
        #expect(headline.clauses.last?.terms == ["عكس"])
    }

    @Test func plainQueriesKeepQuestionsAndSpacedPersian() throws {
        #expect(try parser.parse("ما هي شجرة الزقوم؟").matchesPartially)
        #expect(try !parser.parse("شجرة OR الزقوم OR ثمر").matchesPartially)
        #expect(try parser.parse("می خواهم OR کتاب").clauses.map(\.terms) == [["ميخواهم"], ["كتاب"]])
    }

    @Test(arguments: [
        ("\"مفاوضات أستانا", QueryError.unbalancedQuote(column: 1)),
        ("(أستانا", .unclosedParenthesis(column: 1)),
        ("أستانا)", .unopenedParenthesis(column: 7)),
        ("()", .emptyGroup(column: 1)),
        ("OR", .missingOperand(operator: "OR", column: 1)),
        ("أستانا OR", .missingOperand(operator: "OR", column: 8)),
        ("OR أستانا", .missingOperand(operator: "OR", column: 1)),
        ("أستانا OR OR سوتشي", .missingOperand(operator: "OR", column: 8)),
        ("أستانا NOT", .missingOperand(operator: "NOT", column: 8)),
        ("-أستانا", .onlyExclusions(column: 1)),
        ("سوتشي OR -أستانا", .onlyExclusions(column: 10)),
        ("-", .empty),
        ("", .empty),
        ("؟ « »", .empty),
        ("NEAR(أستانا)", .badNear(column: 1, reason: "it needs at least two words")),
        ("NEAR(a b, x)", .badNear(column: 1, reason: "the distance after the comma must be a number from 0 to 1000")),
        ("NEAR(a (b) c)", .badNear(column: 1, reason: "only words and phrases go inside")),
    ])
    func malformedQueriesAreExplained(query: String, error: QueryError) {
        #expect(throws: error) { try parser.parse(query) }
        #expect(!error.description.contains("fts5") && !error.description.contains("\n"))
    }

    @Test func thousandsOfRandomQueriesNeverCrashAndNeverReachFTS5AsSyntax() throws {
        let store = try Self.seeds.get().store
        let fts5 = try FTS5PhraseCounter(index: store.path)
        let pieces = ["أستانا", "روسيا", "OR", "NOT", "-", "*", "(", ")", "\"", "NEAR(", ",", "3", "كتاب*",
                      "-\"", "؟", "«", "»", "،", "\u{1}", "\u{0}", "\u{200C}", "ـ", "ً", ":", "^", "text:", "AND",
                      "{", "}", "+", "\\", "'", "NEAR", "می", "ها", "١٩", "ﻛﺘﺎﺏ", "🙂", "\u{FFFD}", "\u{202E}"]
        var generator = SeededGenerator(seed: 20_261_123)
        var outcomes: [String: Int] = [:]
        for _ in 0..<10_000 {
            var query = ""
            for _ in 0..<Int.random(in: 1...7, using: &generator) {
                if Int.random(in: 0..<8, using: &generator) == 0 {
                    // Random Unicode, from anywhere in the BMP and beyond (no surrogates).
                    let value = UInt32.random(in: 0...0x1_FFFF, using: &generator)
                    query.unicodeScalars.append(Unicode.Scalar(value) ?? "x")
                } else {
                    query += pieces.randomElement(using: &generator)!
                }
                if Bool.random(using: &generator) { query += " " }
            }
            do {
                let parsed = try parser.parse(query)
                try Searcher(store: store).search(parsed, limit: 3) { _ in }
                // Ranking and highlighting read each phrase's role by its number: there is a role
                // for every phrase FTS5 counts in the expression.
                let understood = try Searcher(store: store).understand(parsed, options: SearchOptions()).query
                for query in [parsed, understood] {
                    let expression = query.matchExpression
                    #expect(try fts5.phraseCount(expression.text) == expression.phrases.count, "\(query)")
                }
                outcomes["ok", default: 0] += 1
            } catch let error as QueryError {
                #expect(!error.description.isEmpty)
                outcomes["query error", default: 0] += 1
            } catch {
                Issue.record("\(query.debugDescription): \(error)")
            }
        }
        #expect(outcomes["ok", default: 0] > 1_000 && outcomes["query error", default: 0] > 1_000)
    }
}

/// FTS5's own count of the phrases of a MATCH expression (`xPhraseCount`), asked on an index
/// through an auxiliary function of the test's own.
struct FTS5PhraseCounter {
    static let function = "phrase_count"
    /// A word of the seeds: `(expression) OR anchor` matches a row whatever the expression finds,
    /// so that FTS5 runs the function (and counts one phrase more).
    static let anchor = "\"في\""

    let queue: DatabaseQueue

    init(index path: String) throws {
        var configuration = IndexStore.configuration(readOnly: true)
        configuration.prepareDatabase { db in
            guard let connection = db.sqliteConnection else { return }
            let api = try FTS5Registration.fts5API(connection, .linked)
            _ = api.pointee.xCreateFunction(api, Self.function, nil, { api, fts, context, _, _ in
                SQLiteCalls.linked.resultDouble(context, Double(api?.pointee.xPhraseCount?(fts) ?? -1))
            }, nil)
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    func phraseCount(_ expression: String) throws -> Int {
        try queue.read { db in
            let count = try Int.fetchOne(db, sql: """
                SELECT \(Self.function)(\(Schema.ftsTable)) FROM \(Schema.ftsTable) WHERE \(Schema.ftsTable) MATCH ? LIMIT 1
                """, arguments: ["(" + expression + ") OR " + Self.anchor])
            return (count ?? 0) - 1
        }
    }
}

/// A deterministic generator, so a failing random query can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
