import Testing
@testable import SearchIndex

@Suite struct QueryParserTests {
    let parser = QueryParser()

    @Test func wordsAreFoldedAndAllRequired() throws {
        let query = try parser.parse("أستانا  روسیه")
        #expect(query.clauses.map(\.terms) == [["استانا"], ["روسيه"]])
        #expect(query.fullTextExpression == "\"استانا\" AND \"روسيه\"")
    }

    @Test func quotedPhraseIsOneClause() throws {
        let query = try parser.parse("\"مفاوضات أستانا\" بغداد")
        #expect(query.clauses == [
            .init(terms: ["مفاوضات", "استانا"], isPhrase: true),
            .init(terms: ["بغداد"], isPhrase: false),
        ])
        #expect(query.fullTextExpression == "\"مفاوضات استانا\" AND \"بغداد\"")
    }

    @Test func wordWithInnerPunctuationIsAPhrase() throws {
        #expect(try parser.parse("covid-19").clauses == [.init(terms: ["covid", "19"], isPhrase: false)])
    }

    @Test func ftsSyntaxInUserTextIsInert() throws {
        // Operators and column filters are not FTS5 syntax here: they are words or nothing.
        let query = try parser.parse("text:كتاب NEAR(a b) *")
        #expect(query.fullTextExpression == "\"text كتاب\" AND \"near a\" AND \"b\"")
    }

    @Test func punctuationOnlyWordsAreDropped() throws {
        #expect(try parser.parse("؟ كتاب « » -").clauses.map(\.terms) == [["كتاب"]])
    }

    @Test func emptyQueriesAreRefused() {
        #expect(throws: QueryError.empty) { try parser.parse("") }
        #expect(throws: QueryError.empty) { try parser.parse("  ؟ ، - ") }
        #expect(throws: QueryError.empty) { try parser.parse("\"\"") }
    }

    @Test func unbalancedQuoteNamesItsColumn() {
        #expect(throws: QueryError.unbalancedQuote(column: 6)) { try parser.parse("كتاب \"قلم") }
        #expect(QueryError.unbalancedQuote(column: 6).description.contains("column 6"))
    }
}
