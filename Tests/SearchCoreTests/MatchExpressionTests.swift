import Testing
@testable import SearchCore

/// The MATCH expression and its phrase roles, written together (`MatchExpression`): for every
/// shape of query, the exact list of roles, phrase by phrase, in FTS5's order.
@Suite struct MatchExpressionTests {
    let parser = QueryParser()

    /// Each phrase's role as "clause form match".
    static func roles(_ query: ParsedQuery) -> [String] {
        query.phraseRoles.map { "\($0.clause) \($0.form) \($0.match)" }
    }

    /// A word with no letter of either language alone gets both languages' stem markers.
    static let word = ["surface folded", "inflected stem", "inflected stem"]

    static func clause(_ index: Int, _ roles: [String]) -> [String] { roles.map { "\(index) \($0)" } }

    static let shapes: [(query: String, roles: [String])] = [
        // One word: its surface form, then the words whose stems include it (a marker each).
        ("كتاب", clause(0, word)),
        ("گزارش", clause(0, ["surface folded", "inflected stem"])),
        // A prefix: every form is a prefix match.
        ("أست*", clause(0, ["surface prefix", "inflected prefix", "inflected prefix"])),
        ("الكتاب*", clause(0, ["surface prefix", "inflected prefix"])),
        // A phrase, or a word with inner punctuation: one phrase on surface forms.
        ("\"مفاوضات أستانا\"", ["0 surface folded"]),
        ("covid-19", ["0 surface folded"]),
        // Plain words: each clause's phrases, in order.
        ("أستانا روسيا", clause(0, word) + clause(1, word)),
        ("می خواهم", clause(0, ["surface folded", "inflected stem"])),
        // Function words do not score in a plain query, unless there is nothing else.
        ("في روسيا", clause(1, word)),
        ("في", clause(0, word)),
        // A question: also the stems the word shares with others, as related forms.
        ("ما هي شجرة الزقوم؟", clause(2, ["surface folded", "inflected stem"])
            + clause(3, ["surface folded", "inflected stem", "related stem", "related stem"])),
        ("بهترین زمان برای سفر به شیراز چیست؟", clause(0, ["surface folded", "inflected stem", "related stem", "related stem"])
            + clause(1, ["surface folded", "inflected stem"]) + clause(3, ["surface folded", "inflected stem"])
            + clause(5, ["surface folded", "inflected stem"])),
        ("كتب الانجازات الكبيرة؟", clause(0, ["surface folded", "inflected stem"])
            + clause(1, ["surface folded", "inflected stem"] + Array(repeating: "related stem", count: 6))
            + clause(2, ["surface folded", "inflected stem"] + Array(repeating: "related stem", count: 4))),
        // Operators: the structure's order; exclusions after the required part, as written.
        ("روسيا OR سوريا", clause(0, word) + clause(1, word)),
        ("(أستانا OR سوتشي) مفاوضات", clause(0, word) + clause(1, word) + clause(2, word)),
        ("أستانا -روسيا -\"وزير الخارجية\" سوتشي", clause(0, ["surface folded", "inflected stem"])
            + clause(3, ["surface folded", "inflected stem"]) + clause(1, ["surface folded", "inflected stem"])
            + ["2 surface folded"]),
        // NEAR takes one surface phrase per clause.
        ("NEAR(مفا* أستانا, 3)", ["0 surface prefix", "1 surface folded"]),
        ("كتاب -NEAR(قلم دفتر)", clause(0, word) + ["1 surface folded", "2 surface folded"]),
    ]

    @Test(arguments: shapes)
    func rolesOfEveryQueryShape(query: String, expected: [String]) throws {
        let parsed = try parser.parse(query)
        #expect(Self.roles(parsed) == expected)
        let expression = parsed.matchExpression
        #expect(expression.phrases.map(\.role) == parsed.phraseRoles)
        #expect(expression.text == parsed.fullTextExpression)
    }

    @Test func whatTheIndexAddsKeepsItsPlaceAmongTheForms() throws {
        // What the index readers add to a word: the word after a conjunction (two phrases, the
        // word and its Arabic stem), spellings with a space, close spellings (with their stems).
        var query = try parser.parse("وروسيا")
        query.clauses[0].afterConjunction = "روسيا"
        query.clauses[0].spacedSpellings = [["ور", "وسيا"]]
        query.clauses[0].fuzzySpellings = ["وروسيه"]
        let word = ["0 surface folded", "0 inflected stem", "0 inflected stem", "0 inflected stem", "0 inflected stem",
                    "0 surface folded", "0 related fuzzy", "0 related fuzzy", "0 related fuzzy"]
        #expect(Self.roles(query) == word)
        #expect(query.fullTextExpression == "(\"وروسيا\" OR \"\u{1}وروسيا\" OR \"\u{2}وروسيا\" OR \"روسيا\" OR "
            + "\"\u{1}روسيا\" OR \"ور وسيا\" OR \"وروسيه\" OR \"\u{1}وروسيه\" OR \"\u{2}وروسيه\")")
        // In a question the word after a conjunction weighs as a related form, and the word's
        // other stems follow (روسيا, a stem too, is searched once).
        query.matchesPartially = true
        #expect(Self.roles(query) == word.enumerated().map { $0.offset == 3 || $0.offset == 4 ? "0 related stem" : $0.element })
        query.clauses[0].stems = ["روسيا", "وروس"]
        #expect(Self.roles(query).count == word.count + 3)
        #expect(Self.roles(query).suffix(3) == ["0 related stem", "0 related stem", "0 related stem"])
        // Inside NEAR only the surface phrase; with a spaced spelling, the surface expression
        // has both.
        #expect(query.clauses[0].surfacePhrase == "\"وروسيا\"")
        #expect(query.clauses[0].surfaceExpression == "(\"وروسيا\" OR \"ور وسيا\")")
    }

    @Test func excludedClausesDoNotRank() throws {
        let query = try parser.parse("أستانا -روسيا")
        #expect(query.rankRoles.count == query.phraseRoles.count)
        #expect(query.rankRoles.enumerated().allSatisfy { ($0.element == Ranking.noRole) == (query.phraseRoles[$0.offset].clause == 1) })
    }
}
