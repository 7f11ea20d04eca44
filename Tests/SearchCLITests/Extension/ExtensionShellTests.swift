import Foundation
import RandomQueries
import SearchCore
import Testing
import TextAnalysis

/// The loadable extension `libarfa.so` in the real `sqlite3` shell: what it links, what it
/// registers, `arfa_search` against `search --json` on the seeds, bad input and random queries,
/// an `arfa` table of one's own through its whole life, hosts it refuses.
@Suite struct ExtensionShellTests {
    static let seeds = Result { try IndexedSeeds() }

    var seeds: IndexedSeeds { get throws { try Self.seeds.get() } }

    func shell() throws -> SQLiteShell {
        try SQLiteShell(directory: try seeds.workspace.path)
    }

    /// The rows `arfa_search(query …)` returns in the shell, as `search --json` objects.
    func searchRows(_ arguments: String) throws -> [ComparableHit] {
        let result = try shell().run(try seeds.index, [
            "SELECT path, line, end_line, score, text, snippet, highlights FROM arfa_search(\(arguments));",
        ], mode: "json")
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        guard !result.stdout.isEmpty else { return [] }
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return try rows.map(ComparableHit.init)
    }

    @Test func theLibraryCarriesTheSwiftRuntimeAndCallsNoSQLiteOfItsOwn() throws {
        let runner = try seeds.runner
        let ldd = try runner.runExecutable(try ArfaLibrary.program("ldd", package: "libc-bin"), [ArfaLibrary.path])
        #expect(ldd.status == 0)
        #expect(!ldd.stdout.contains("libswift") && !ldd.stdout.contains("libFoundation"), "\(ldd.stdout)")
        #expect(!ldd.stdout.contains("libsqlite3"), "\(ldd.stdout)")
        let nm = try ArfaLibrary.program("nm", package: "binutils")
        let undefined = try runner.runExecutable(nm, ["-D", "--undefined-only", ArfaLibrary.path])
        #expect(undefined.status == 0 && !undefined.stdout.contains("sqlite3_"), "\(undefined.stdout)")
        let defined = try runner.runExecutable(nm, ["-D", "--defined-only", ArfaLibrary.path])
        #expect(defined.stdout.contains(" T sqlite3_arfa_init"))
    }

    /// A copy of the library alone in a folder, with an environment that has no Swift in it.
    @Test func aCopyLoadsWithoutTheToolchainsLibraries() throws {
        let folder = try seeds.workspace.path + "/copy"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: folder + "/libarfa.so")
        try FileManager.default.copyItem(atPath: ArfaLibrary.path, toPath: folder + "/libarfa.so")
        let sqlite3 = try SQLiteShell(directory: folder).executable
        let env = try ArfaLibrary.program("env", package: "coreutils")
        let result = try CommandRunner(directory: folder).runExecutable(
            env, ["-i", "PATH=/usr/bin:/bin", sqlite3, ":memory:", ".load ./libarfa", "SELECT arfa_version();"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "arfa \(ProductVersion.current) (text analysis version \(AnalysisVersion.current))\n")
    }

    @Test(arguments: IndexedSeeds.seedQueries + IndexedSeeds.otherQueries)
    func arfaSearchReturnsWhatSearchJSONPrintsInTheSameOrder(query: String) throws {
        let expected = try seeds.cliHits(query).map(ComparableHit.init)
        let rows = try searchRows(ArfaLibrary.literal(query))
        #expect(rows == expected, "\(query)")
        if IndexedSeeds.seedQueries.contains(query) { #expect(!rows.isEmpty, "\(query)") }
    }

    @Test func limitOffsetAndTheHiddenArgumentsAreTheOptionsOfSearch() throws {
        let query = "العراق"
        let literal = ArfaLibrary.literal(query)
        let shell = try shell()
        // LIMIT ranks as --limit does; OFFSET pages as --offset does.
        let limited = try shell.run(try seeds.index, [
            "SELECT path, line, end_line, score, text, snippet, highlights FROM arfa_search(\(literal)) LIMIT 3 OFFSET 2;",
        ], mode: "json")
        let rows = try (JSONSerialization.jsonObject(with: Data(limited.stdout.utf8)) as? [[String: Any]] ?? [])
            .map(ComparableHit.init)
        #expect(rows == (try seeds.cliHits(query, ["--limit", "3", "--offset", "2"]).map(ComparableHit.init)))
        #expect(try searchRows("\(literal), 'seeds/004*'") == seeds.cliHits(query, ["--limit", "0", "--path", "seeds/004*"])
            .map(ComparableHit.init))
        #expect(try searchRows("\(literal), NULL, 1") == seeds.cliHits(query, ["--limit", "0", "--per-file", "1"])
            .map(ComparableHit.init))
        #expect(try searchRows("'بوطين', NULL, NULL, 1") == seeds.cliHits("بوطين", ["--limit", "0", "--exact"])
            .map(ComparableHit.init))
        #expect(try searchRows("'بوطين', NULL, NULL, 1").isEmpty)
        // The columns beside the hit: the arguments given, and the rows to join.
        let joined = try shell.run(try seeds.index, [
            "SELECT s.rank, s.query, s.path_glob, s.per_file, s.exact, f.path = s.path OR f.path LIKE '%/' || s.path,"
                + " p.start_line = s.line FROM arfa_search('العراق', NULL, 2) s JOIN passages p ON p.id = s.passage_id"
                + " JOIN files f ON f.id = s.file_id WHERE s.rank = 1;",
        ])
        #expect(joined.stdout == "1|العراق||2||1|1\n", "\(joined.stderr)")
    }

    @Test func theFunctionsFoldQueryAndSayTheirVersion() throws {
        let shell = try shell()
        let plain = try shell.run(":memory:", [
            "SELECT arfa_version();",
            "SELECT arfa_fold('أَحْمَد كتابُ کتاب‌ها ١٩٤٤ ﻛﺘﺎﺏ');",
            "SELECT arfa_fold(''), arfa_fold(NULL) IS NULL, arfa_query(NULL) IS NULL;",
            "SELECT arfa_query('أستانا -روسيا') = \(ArfaLibrary.literal(try QueryParser().parse("أستانا -روسيا").fullTextExpression));",
        ])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout == """
            arfa \(ProductVersion.current) (text analysis version \(AnalysisVersion.current))
            احمد كتاب كتابها 1944 كتاب
            |1|1
            1

            """)
        // In a search index, the query as the index reads it: بوطين matches nothing, so its close
        // spelling in the index is searched too.
        let inIndex = try shell.run(try seeds.index, ["SELECT arfa_query('بوطين');"])
        #expect(inIndex.stdout.contains("\"بوتين\""), "\(inIndex.stdout)")
        let outside = try shell.run(":memory:", ["SELECT arfa_query('بوطين');"])
        #expect(!outside.stdout.contains("\"بوتين\""), "\(outside.stdout)")
    }

    /// The query errors `search` prints, word for word, for every function.
    @Test(arguments: ["\"مفاوضات", "(أستانا", "أستانا)", "OR", "أستانا OR", "-أستانا", "-", "()", "NEAR(أستانا)", "؟", ""])
    func malformedQueriesAreSQLErrorsWithTheMessageSearchPrints(query: String) throws {
        let cli = try seeds.runner.run("--", query)
        #expect(cli.status == 2 && cli.stderr.hasPrefix("search: "))
        let message = String(cli.stderr.dropFirst("search: ".count).dropLast())
        let result = try shell().run(try seeds.index, [
            "SELECT * FROM arfa_search(\(ArfaLibrary.literal(query)));",
            "SELECT arfa_query(\(ArfaLibrary.literal(query)));",
            "SELECT * FROM notes WHERE notes MATCH arfa_query(\(ArfaLibrary.literal(query)));",
        ].enumerated().map { $0.offset == 2 ? "CREATE VIRTUAL TABLE temp.notes USING fts5(body, tokenize='arfa'); " + $0.element : $0.element })
        #expect(SQLiteShell.errors(result) == [1: message, 2: message, 3: message], "\(result.stderr)")
    }

    @Test func nullBlobsInvalidUTF8AndHugeQueriesAreAnsweredNeverCrash() throws {
        let long = String(repeating: "أستانا ", count: 20_000)
        let result = try shell().run(try seeds.index, [
            /* 1 */ "SELECT count(*) FROM arfa_search(NULL);",
            /* 2 */ "SELECT count(*) FROM arfa_search(\(ArfaLibrary.blob(Array("أستانا".utf8))));",
            /* 3 */ "SELECT count(*) FROM arfa_search(X'ff');",
            /* 4 */ "SELECT count(*) FROM arfa_search(X'd8a3d8b3d8aad8a7d986d8a7c3');",
            /* 5 */ "SELECT count(*) FROM arfa_search(\(ArfaLibrary.literal("أستانا\u{0}روسيا")));",
            /* 6 */ "SELECT count(*) FROM arfa_search(\(ArfaLibrary.literal(long)));",
            /* 7 */ "SELECT length(arfa_query(\(ArfaLibrary.literal(long)))) > 0;",
            /* 8 */ "SELECT arfa_query(X'ff');",
            /* 9 */ "SELECT arfa_fold(X'ffd8a3');",
            /* 10 */ "SELECT count(*) FROM arfa_search(12345);",
            /* 11 */ "SELECT count(*) FROM arfa_search('أستانا', 'seeds/*', 0);",
            /* 12 */ "SELECT count(*) FROM arfa_search();",
            /* 13 */ "SELECT count(*) FROM (SELECT * FROM arfa_search('أستانا') LIMIT 0);",
            /* 14 */ "SELECT 'end';",
        ])
        // Every statement answered, in order; the shell went on to the end. A NUL inside the text
        // joins its two words into one phrase, as the parser reads any character between letters
        // that is neither a space nor an operator; a blob's invalid byte is no letter.
        #expect(result.stdout.split(separator: "\n") == ["0", "3", "3", "0", "6", "1", "ا", "0", "0", "end"])
        #expect(SQLiteShell.errors(result) == [
            3: "the query has no words to search for",
            8: "the query has no words to search for",
            11: "per_file must be 1 or more, got 0",
            12: "arfa_search needs a query: SELECT * FROM arfa_search('أستانا')",
        ], "\(result.stderr)")
    }

    /// Issue 14: 10,000 random queries (the searcher's own random queries) through `arfa_search`
    /// and `arfa_query` in one shell: every one is answered, rows or an error with the parser's
    /// message, and the shell reaches the end.
    @Test func tenThousandRandomQueriesThroughTheShell() throws {
        let queries = RandomQueries.make(count: 10_000, seed: 20_261_123)
        var statements: [String] = []
        for (number, query) in queries.enumerated() {
            let literal = ArfaLibrary.literal(query)
            statements.append("SELECT \(number), count(*) FROM arfa_search(\(literal));")
            statements.append("SELECT \(number), length(arfa_query(\(literal))) > 0;")
        }
        statements.append("SELECT 'end';")
        let result = try shell().run(try seeds.index, statements)
        #expect(result.stdout.hasSuffix("end\n"), "the shell did not reach the end: \(result.stderr.suffix(300))")
        let errors = SQLiteShell.errors(result)
        var answered = Set<Int>()
        for line in result.stdout.split(separator: "\n").dropLast() {
            let fields = line.split(separator: "|")
            if let number = Int(fields[0]) { answered.insert(number) }
        }
        var failures = 0
        for (number, query) in queries.enumerated() {
            let expected: String?
            do {
                _ = try QueryParser().parse(query)
                expected = nil
            } catch {
                expected = error.description
            }
            for line in [2 * number + 1, 2 * number + 2] {
                if let message = errors[line] {
                    failures += 1
                    #expect(message == expected, "\(query.debugDescription): \(message)")
                } else {
                    #expect(expected == nil && answered.contains(number), "\(query.debugDescription)")
                }
            }
        }
        #expect(failures > 2_000 && failures < 18_000)
        print("arfa fuzz: \(queries.count) random queries, \(2 * queries.count) statements, "
            + "\(2 * queries.count - failures) answered with rows, \(failures) with the parser's error")
    }

    /// An index outside the demo's default place (which rebuilds itself), marked as built by the
    /// analysis version before this one: the CLI and both functions refuse it with the same message.
    @Test func anIndexOfAnotherAnalysisVersionIsRefusedWithTheRebuildCommand() throws {
        let workspace = try Workspace()
        let index = workspace.path + "/old.db"
        let indexed = try workspace.runner.run("index", "seeds", "--quiet", "--index", index)
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let current = AnalysisVersion.current
        let shell = try SQLiteShell(directory: workspace.path)
        _ = try shell.run(index, ["UPDATE meta SET value = '\(current - 1)' WHERE key = 'analysis_version';"], loads: false)
        let message = "index \(index) was built by text analysis version \(current - 1), this search uses version "
            + "\(current): run `search index --full --index \(index)` to rebuild it"
        let cli = try workspace.runner.run("--index", index, "أستانا")
        #expect(cli.status == 2 && cli.stderr == "search: \(message)\n", "\(cli.stderr)")
        let result = try shell.run(index, [
            "SELECT count(*) FROM arfa_search('أستانا');",
            "SELECT arfa_query('أستانا');",
        ])
        #expect(SQLiteShell.errors(result) == [1: message, 2: message], "\(result.stderr)")
        // Elsewhere than in a search index, arfa_search says what it needs.
        let other = try shell.run(":memory:", ["SELECT count(*) FROM arfa_search('أستانا');"])
        #expect(SQLiteShell.errors(other)[1]?.hasPrefix("arfa_search reads a search index") == true, "\(other.stderr)")
    }

    /// The index's own full-text table, checked by FTS5 against the text with the extension's
    /// tokenizer: the documents are tokenized as `search index` tokenized them.
    @Test func theExtensionsTokenizerPassesTheIndexsIntegrityCheck() throws {
        let result = try shell().run(try seeds.index, [
            "INSERT INTO passages_fts(passages_fts, rank) VALUES ('integrity-check', 1);",
            "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH arfa_query('العراق');",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 0)
    }

    @Test func anArfaTableOfOnesOwnSurvivesEveryWrite() throws {
        let shell = try shell()
        let database = try seeds.workspace.path + "/notes-\(UUID().uuidString).db"
        func count(_ query: String, _ table: String = "notes") -> String {
            "SELECT count(*) FROM \(table) WHERE \(table) MATCH arfa_query('\(query)');"
        }
        func check(_ table: String) -> String {
            "INSERT INTO \(table)(\(table), rank) VALUES ('integrity-check', 1);"
        }
        let result = try shell.run(database, [
            "CREATE VIRTUAL TABLE notes USING fts5(title, body, tokenize='arfa');",
            "INSERT INTO notes VALUES ('أخبار', 'مفاوضات أستانا بين روسيا وتركيا'), ('كتب', 'قرأتُ الكتابَ والكتبَ'),"
                + " ('فارسی', 'کتاب‌ها را می‌خواهم');",
            count("استانا"), count("كتاب"), count("کتابها"),
            check("notes"),
            "UPDATE notes SET body = 'لا شيء هنا' WHERE title = 'أخبار';",
            count("استانا"), check("notes"),
            "DELETE FROM notes WHERE title = 'كتب';",
            count("كتاب"), check("notes"),
            "INSERT INTO notes(notes) VALUES ('rebuild');", check("notes"),
            "INSERT INTO notes(notes) VALUES ('optimize');", check("notes"),
            count("کتاب"),
            // External content, kept by triggers, as SQLite's documentation writes it.
            "CREATE TABLE docs(id INTEGER PRIMARY KEY, body TEXT);",
            "CREATE VIRTUAL TABLE docs_fts USING fts5(body, content='docs', content_rowid='id', tokenize='arfa');",
            "CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN INSERT INTO docs_fts(rowid, body) VALUES (new.id, new.body); END;",
            "CREATE TRIGGER docs_ad AFTER DELETE ON docs BEGIN INSERT INTO docs_fts(docs_fts, rowid, body) VALUES ('delete', old.id, old.body); END;",
            "CREATE TRIGGER docs_au AFTER UPDATE ON docs BEGIN INSERT INTO docs_fts(docs_fts, rowid, body) VALUES ('delete', old.id, old.body);"
                + " INSERT INTO docs_fts(rowid, body) VALUES (new.id, new.body); END;",
            "INSERT INTO docs(body) VALUES ('وزراء الخارجية في أستانا'), ('عقب‌نشینی آمریکا'), ('الوزير');",
            "UPDATE docs SET body = 'وزير' WHERE id = 3;",
            "DELETE FROM docs WHERE id = 1;",
            check("docs_fts"),
            "INSERT INTO docs_fts(docs_fts) VALUES ('rebuild');", check("docs_fts"),
            "INSERT INTO docs_fts(docs_fts) VALUES ('optimize');", check("docs_fts"),
            count("استانا", "docs_fts"), count("عقبنشینی", "docs_fts"), count("وزير", "docs_fts"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        // كتاب finds the Persian کتاب‌ها too (keheh folds to kaf), before and after the Arabic row goes.
        #expect(result.stdout.split(separator: "\n") == ["1", "2", "1", "0", "1", "1", "0", "1", "1"], "\(result.stdout)")
    }

    /// `arfa_rank(table, query)` ranks an `arfa` table of one's own as `search` ranks: the word as
    /// written before its other forms; a text that is not a query is the parser's error.
    @Test func arfaRankRanksOnesOwnTableTheWordAsWrittenFirst() throws {
        let result = try shell().run(":memory:", [
            "CREATE VIRTUAL TABLE notes USING fts5(body, tokenize='arfa');",
            "INSERT INTO notes VALUES ('قرأت والكتاب'), ('في المكتبة'), ('كتاب جديد'), ('بكتابهم');",
            "SELECT body FROM notes WHERE notes MATCH arfa_query('كتاب') ORDER BY arfa_rank(notes, 'كتاب') DESC, rowid;",
            "SELECT arfa_rank(notes, '(كتاب') FROM notes WHERE notes MATCH arfa_query('كتاب');",
            "SELECT arfa_rank(notes) FROM notes WHERE notes MATCH arfa_query('كتاب');",
            "SELECT arfa_rank(notes, 'كتاب أستانا') FROM notes WHERE notes MATCH arfa_query('كتاب');",
        ])
        #expect(result.stdout == "كتاب جديد\nقرأت والكتاب\nبكتابهم\n", "\(result.stderr)")
        #expect(SQLiteShell.errors(result) == [
            4: "unbalanced parenthesis: the ( at column 1 is never closed (add a closing ))",
            5: "arfa_rank takes the table and the query: arfa_rank(notes, 'أستانا')",
            6: "arfa_rank(table, query) needs the text given to arfa_query: "
                + "... MATCH arfa_query('أستانا') ORDER BY arfa_rank(notes, 'أستانا') DESC",
        ], "\(result.stderr)")
    }

    /// A SQLite built without FTS5 (Debian's SQLCipher shell is one) refuses the extension with a
    /// message that says why, and goes on.
    @Test func aSQLiteWithoutFTS5RefusesTheExtensionWithAClearMessage() throws {
        let shell = try SQLiteShell(directory: try seeds.workspace.path,
                                    executable: try ArfaLibrary.program("sqlcipher", package: "sqlcipher"))
        // Loaded from the script, where a failed command does not end the shell.
        let result = try shell.run(":memory:", [".load \(ArfaLibrary.loadName)", "SELECT 'still here';"], loads: false)
        #expect(result.stdout == "still here\n")
        #expect(result.stderr.contains("arfa needs SQLite with FTS5"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
}
