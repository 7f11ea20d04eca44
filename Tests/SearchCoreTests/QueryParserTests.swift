import Testing
import TextAnalysis
@testable import SearchCore

@Suite struct QueryParserTests {
    let parser = QueryParser()

    @Test func wordsAreFoldedAndAllRequired() throws {
        let query = try parser.parse("أستانا  روسیه")
        #expect(query.clauses.map(\.terms) == [["استانا"], ["روسيه"]])
        #expect(query.clauses.map(\.literal) == ["أستانا", "روسیه"])
        #expect(!query.matchesPartially)
        #expect(query.fullTextExpression.components(separatedBy: " AND ").count == 2)
    }

    @Test func aWordMatchesItsSurfaceAndTheStemsOfOtherWords() throws {
        // كتاب has no Persian letter: both languages' stem markers are searched.
        let clause = try #require(try parser.parse("كتاب").clauses.first)
        #expect(clause.expression == "(\"كتاب\" OR \"\u{1}كتاب\" OR \"\u{2}كتاب\")")
        #expect(clause.surfaceExpression == "\"كتاب\"")
        // A word with a letter only Persian has looks for Persian affixes only.
        let persian = try #require(try parser.parse("گزارش").clauses.first)
        #expect(persian.expression == "(\"گزارش\" OR \"\u{2}گزارش\")")
        // So does a word typed with ی or ک when nothing else tells: the same surface form as
        // with ي and ك, only the Persian affixes.
        #expect(try parser.parse("روسیه").fullTextExpression == "(\"روسيه\" OR \"\u{2}روسيه\")")
        #expect(try parser.parse("روسيه").fullTextExpression == "(\"روسيه\" OR \"\u{1}روسيه\" OR \"\u{2}روسيه\")")
        // An Arabic query typed with Persian letters is still Arabic.
        #expect(try parser.parse("مدرسة کبیرة").clauses.map(\.language) == [.arabic, .arabic])
    }

    @Test func quotedPhraseIsOneClauseOnSurfaceForms() throws {
        let query = try parser.parse("\"مفاوضات أستانا\" بغداد")
        #expect(query.clauses.map(\.terms) == [["مفاوضات", "استانا"], ["بغداد"]])
        #expect(query.clauses.map(\.isPhrase) == [true, false])
        #expect(query.clauses[0].expression == "\"مفاوضات استانا\"")
        #expect(query.clauses[0].literal == "مفاوضات أستانا")
    }

    @Test func wordWithInnerPunctuationIsAPhrase() throws {
        #expect(try parser.parse("covid-19").clauses.map(\.terms) == [["covid", "19"]])
    }

    @Test func ftsSyntaxInUserTextIsInert() throws {
        // Column filters, FTS5's own operators in lower case, carets and stray stars are text.
        let query = try parser.parse("text:كتاب near(a b) ^c * and")
        #expect(query.clauses.map(\.terms) == [["text", "كتاب"], ["near"], ["a"], ["b"], ["c"], ["and"]])
        #expect(!query.fullTextExpression.contains("NEAR("))
        #expect(!query.fullTextExpression.contains(":"))
    }

    @Test func controlCharactersCannotForgeAStemTerm() throws {
        let query = try parser.parse("\u{1}كتاب")
        #expect(query.clauses.map(\.terms) == [["كتاب"]])
    }

    @Test func punctuationOnlyWordsAreDropped() throws {
        #expect(try parser.parse("؟ كتاب « » -").clauses.map(\.terms) == [["كتاب"]])
    }

    @Test func literalsLoseSurroundingPunctuation() throws {
        #expect(try parser.parse("«الزقوم؟»").clauses.map(\.literal) == ["الزقوم"])
    }

    @Test(arguments: [("می خواهم", "ميخواهم"), ("نمی آید", "نميايد"), ("کتاب ها", "كتابها"), ("بزرگ ترین", "بزرگترين")])
    func spacedPersianWordsAreJoined(typed: String, joined: String) throws {
        let query = try parser.parse(typed)
        #expect(query.clauses.map(\.terms) == [[joined]])
        #expect(query.clauses.first?.literal == typed)
    }

    @Test func arabicWordsAreNotJoinedAsPersian() throws {
        // In an Arabic query «في ها» is two words, not a plural.
        #expect(try parser.parse("الكتاب ها هنا").clauses.count == 3)
    }

    @Test func questionsMatchPartiallyWithoutStopWords() throws {
        let question = try parser.parse("ما هي شجرة الزقوم؟")
        #expect(question.matchesPartially)
        #expect(question.scoringClauses.map(\.terms) == [["شجره"], ["الزقوم"]])
        #expect(question.fullTextExpression.contains(" OR "))
        #expect(!question.fullTextExpression.contains("\"ما\""))

        let persian = try parser.parse("بهترین زمان برای سفر به شیراز چیست")
        #expect(persian.matchesPartially)
        #expect(persian.scoringClauses.map(\.terms) == [["بهترين"], ["زمان"], ["سفر"], ["شيراز"]])
    }

    @Test func shortQueriesRequireEveryWord() throws {
        #expect(try !parser.parse("شجرة الزقوم").matchesPartially)
        // Only stop words: they are what the user wants, so they are required.
        let onlyStopWords = try parser.parse("من هو")
        #expect(onlyStopWords.scoringClauses.count == 2)
        #expect(!onlyStopWords.matchesPartially)
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
