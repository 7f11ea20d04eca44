import Foundation
import Testing

/// The loadable extension in Python's `sqlite3` module and in Datasette, as a user loads it:
/// `arfa_search` on the seeds index returns what `search --json --limit 0` prints, and a table of
/// one's own with `tokenize='arfa'` finds, through `MATCH arfa_query(…)`, the passages the CLI finds.
@Suite struct ExtensionPythonTests {
    static let seeds = Result { try IndexedSeeds() }

    var seeds: IndexedSeeds { get throws { try Self.seeds.get() } }

    /// What `search --json --limit 0` prints for each seed query, as compared.
    func cliHits() throws -> [String: [ComparableHit]] {
        var hits: [String: [ComparableHit]] = [:]
        for query in IndexedSeeds.seedQueries { hits[query] = try seeds.cliHits(query).map(ComparableHit.init) }
        return hits
    }

    /// Runs `script` with Debian's Python (which can load extensions) in the seeds workspace, with
    /// `arguments` after it; its standard output is one JSON document.
    func python(_ script: String, _ arguments: [String]) throws -> Any {
        let file = NSTemporaryDirectory() + "arfa-\(UUID().uuidString).py"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        guard FileManager.default.isExecutableFile(atPath: ArfaLibrary.python) else {
            throw ArfaLibrary.MissingProgram(name: ArfaLibrary.python, package: "python3")
        }
        let result = try seeds.runner.runExecutable(ArfaLibrary.python, [file] + arguments)
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func pythonsArfaSearchReturnsWhatSearchJSONPrints() throws {
        let output = try python(Self.searchScript, [try seeds.index, ArfaLibrary.loadName] + IndexedSeeds.seedQueries)
        let rows = try #require(output as? [String: [[String: Any]]])
        for (query, expected) in try cliHits() {
            let found = try (rows[query] ?? []).map(ComparableHit.init)
            #expect(found == expected, "\(query)")
            #expect(!found.isEmpty, "\(query)")
        }
    }

    /// A database of the user's own, filled from the index's documented `files` and `passages`
    /// tables, with an `arfa` table of its own: the same passages match as in `search`.
    @Test func pythonsOwnArfaTableMatchesWhatSearchFinds() throws {
        let database = try seeds.workspace.path + "/notes-\(UUID().uuidString).db"
        let output = try python(
            Self.ownTableScript, [try seeds.index, database, ArfaLibrary.loadName] + IndexedSeeds.seedQueries)
        let found = try #require(output as? [String: [[Any]]])
        for (query, expected) in try cliHits() {
            let rows = (found[query] ?? []).map { "\($0[0]):\($0[1])" }.sorted()
            #expect(rows == expected.map { "\($0.path):\($0.line)" }.sorted(), "\(query)")
        }
    }

    /// Datasette (`.ci/run` installs it, pinned, into .build/datasette-venv) started on a free
    /// port of 127.0.0.1 with the extension and the README's canned query
    /// (scripts/datasette-metadata.json): its JSON API answers with the seed passages. The driver
    /// stops the server whatever happens, within 60 seconds.
    @Test(.enabled(if: Datasette.executable != nil, Datasette.missing))
    func datasettesCannedQueryAnswersWithTheSeedPassages() throws {
        let datasette = try #require(Datasette.executable)
        let queries = ["أستانا", "می\u{200C}گذاریم"]
        let metadata = CommandRunner.packageRoot.appendingPathComponent("scripts/datasette-metadata.json").path
        let output = try python(
            Self.datasetteScript, [datasette, try seeds.index, ArfaLibrary.loadName, metadata, "60"] + queries)
        let answers = try #require(output as? [String: [[String: Any]]])
        for query in queries {
            let expected = try seeds.cliHits(query).map(ComparableHit.init)
            let found = try (answers[query] ?? []).map(ComparableHit.init)
            #expect(found == expected && !found.isEmpty, "\(query)")
        }
    }

    // MARK: The Python programs

    /// argv: index, library, queries… Prints {query: [row…]}.
    static let searchScript = """
        import json, sqlite3, sys
        index, library, queries = sys.argv[1], sys.argv[2], sys.argv[3:]
        connection = sqlite3.connect(index)
        connection.enable_load_extension(True)
        connection.load_extension(library)
        connection.row_factory = sqlite3.Row
        found = {}
        for query in queries:
            rows = connection.execute(
                "SELECT path, line, end_line, score, text, snippet, highlights FROM arfa_search(?)", (query,))
            found[query] = [dict(row) for row in rows]
        print(json.dumps(found, ensure_ascii=False))
        """

    /// argv: index, new database, library, queries… Prints {query: [[path, line]…]}.
    static let ownTableScript = """
        import json, os, sqlite3, sys
        index, database, library, queries = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
        connection = sqlite3.connect(database)
        connection.enable_load_extension(True)
        connection.load_extension(library)
        connection.execute("CREATE VIRTUAL TABLE notes USING fts5(path UNINDEXED, line UNINDEXED, body, tokenize='arfa')")
        connection.execute("ATTACH DATABASE ? AS idx", ("file:" + index + "?mode=ro",))
        connection.execute(
            "INSERT INTO notes(path, line, body) SELECT f.path, p.start_line, p.text"
            " FROM idx.passages p JOIN idx.files f ON f.id = p.file_id")
        connection.commit()
        connection.execute("DETACH DATABASE idx")
        found = {}
        for query in queries:
            rows = connection.execute("SELECT path, line FROM notes WHERE notes MATCH arfa_query(?)", (query,))
            # The index keeps absolute paths; search shows them from the current folder.
            here = os.getcwd() + os.sep
            found[query] = [[path[len(here):] if path.startswith(here) else path, line] for path, line in rows]
        print(json.dumps(found, ensure_ascii=False))
        """

    /// argv: datasette, index, library, metadata, seconds, queries… Starts Datasette on a free
    /// port of 127.0.0.1 with the metadata's canned query `arfa_search`, asks it for each query,
    /// stops it; prints {query: [row…]}.
    static let datasetteScript = """
        import json, os, socket, subprocess, sys, time, urllib.parse, urllib.request
        datasette, index, library, metadata = sys.argv[1:5]
        seconds, queries = float(sys.argv[5]), sys.argv[6:]
        deadline = time.monotonic() + seconds
        name = os.path.splitext(os.path.basename(index))[0]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = subprocess.Popen(
            [datasette, "serve", index, "--host", "127.0.0.1", "--port", str(port),
             "--load-extension", library, "--metadata", metadata],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            base = "http://127.0.0.1:%d/%s/arfa_search.json?_shape=array&q=" % (port, name)
            answers = {}
            for query in queries:
                while True:
                    try:
                        with urllib.request.urlopen(base + urllib.parse.quote(query), timeout=10) as response:
                            answers[query] = json.load(response)
                        break
                    except OSError:
                        if server.poll() is not None:
                            sys.exit("datasette stopped: " + server.stderr.read().decode(errors="replace"))
                        if time.monotonic() > deadline:
                            sys.exit("datasette did not answer within %g seconds" % seconds)
                        time.sleep(0.2)
            print(json.dumps(answers, ensure_ascii=False))
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        """
}

/// Datasette, as `.ci/run` installs it: `$ARFA_DATASETTE`, else .build/datasette-venv's, else the PATH's.
enum Datasette {
    static let version = "0.65.5"

    static let executable: String? = {
        if let chosen = ProcessInfo.processInfo.environment["ARFA_DATASETTE"], !chosen.isEmpty { return chosen }
        let venv = CommandRunner.packageRoot.appendingPathComponent(".build/datasette-venv/bin/datasette").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        return try? ArfaLibrary.program("datasette", package: "datasette")
    }()

    static let missing: Comment = """
        datasette is not installed: .ci/run installs it (/usr/bin/python3 -m venv .build/datasette-venv && \
        .build/datasette-venv/bin/pip install datasette==\(version))
        """
}
