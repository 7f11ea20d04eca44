import Foundation

/// One benchmark run: prepares the corpus, builds both indexes, queries both, prints the report.
struct BenchRun {
    let options: BenchOptions

    private var workFolder: URL { URL(fileURLWithPath: options.work).standardizedFileURL }

    private var databases: [Engine: String] {
        [.ours: workFolder.appendingPathComponent("ours.db").path,
         .unicode61: workFolder.appendingPathComponent("unicode61.db").path]
    }

    func run() throws {
        let searchBinary = try Executables.search(given: options.search)
        let corpus = try PreparedCorpus.prepare(
            options.corpora, work: workFolder, replicate: options.replicate, targetMB: options.targetMB)
        let benchPeakRSS = Executables.ownPeakRSSBytes()
        Log.progress("corpus ready: \(corpus.inventory.fileCount) files, "
            + String(format: "%.1f MB", Double(corpus.inventory.totalBytes) / 1e6)
            + String(format: " (benchmark peak RSS so far %.1f MB)", Double(benchPeakRSS) / 1e6))

        let builds = options.skipBuild ? [:] : try buildIndexes(corpus, searchBinary: searchBinary)
        var figures: [Engine: EngineFigures] = [:]
        var facts: [Engine: IndexFacts] = [:]
        for engine in Engine.allCases {
            let fact = try IndexBuilder.facts(ofDatabase: databases[engine]!)
            facts[engine] = fact
            figures[engine] = EngineFigures(
                build: builds[engine], indexBytes: fact.sizeBytes, files: fact.files, passages: fact.passages)
        }
        let indexedFolders = corpus.indexedFolders.map(\.path)
        if options.skipBuild, Set(facts[.ours]!.roots) != Set(indexedFolders) {
            throw BenchError.databasesOfAnotherCorpus(
                work: options.work, indexed: facts[.ours]!.roots, wanted: indexedFolders)
        }

        Log.progress("sampling queries")
        let querySet = try QuerySet.make(
            files: corpus.samplingFiles, seed: options.seed, wordCount: options.words,
            questionCount: options.questions, queryFile: options.queries)
        try measureInProcess(querySet, into: &figures)
        try measureOneShot(querySet, searchBinary: searchBinary, into: &figures)

        let ours = figures[.ours]!
        let unicode61 = figures[.unicode61]!
        let report = BenchReport(
            corpora: options.corpora, indexedFolders: indexedFolders, files: corpus.inventory.fileCount,
            passages: ours.passages, corpusBytes: corpus.inventory.totalBytes, replicate: corpus.copies,
            querySet: querySet, buildNote: Self.buildNote, benchPeakRSSAfterCorpusBytes: benchPeakRSS,
            ours: ours, unicode61: unicode61,
            rows: Metric.all(corpusMB: Double(corpus.inventory.totalBytes) / 1e6)
                .map { $0.row(ours: ours, unicode61: unicode61) })
        print(MarkdownReport(report: report).text, terminator: "")
        if let json = options.json { try JSONReportWriter.write(report, to: json) }
    }

    private func buildIndexes(_ corpus: PreparedCorpus, searchBinary: String) throws(BenchError)
        -> [Engine: BuildMeasurement]
    {
        Log.progress("reading the corpus once, so both builds start with it cached")
        CorpusInventory.warmPageCache(corpus.indexedFolders)
        let builder = IndexBuilder(searchBinary: searchBinary, benchBinary: Executables.benchmark)
        var builds: [Engine: BuildMeasurement] = [:]
        for engine in Engine.allCases {
            builds[engine] = try builder.build(
                engine, database: databases[engine]!, roots: corpus.indexedFolders,
                corpusBytes: corpus.inventory.totalBytes)
        }
        return builds
    }

    private func measureInProcess(_ querySet: QuerySet, into figures: inout [Engine: EngineFigures]) throws {
        let engines: [Engine: any InProcessEngine] = [
            .ours: try OurEngine(indexPath: databases[.ours]!),
            .unicode61: try BaselineEngine(indexPath: databases[.unicode61]!),
        ]
        for engine in Engine.allCases {
            Log.progress("in-process queries: \(engine.rawValue)")
            for kind in QueryKind.allCases {
                figures[engine]!.setInProcess(
                    kind, InProcessLatency.measure(engines[engine]!, queries: querySet.queries(kind), kind: kind))
            }
        }
    }

    /// `search QUERY` for ours; the sqlite3 shell with the baseline's statement, where installed.
    private func measureOneShot(
        _ querySet: QuerySet, searchBinary: String, into figures: inout [Engine: EngineFigures]
    ) throws(BenchError) {
        guard options.oneShot > 0 else { return }
        let oursDatabase = databases[.ours]!
        Log.progress("one-shot queries: ours")
        figures[.ours]!.oneShotCommand = "search --index ours.db --limit 10 QUERY"
        for kind in QueryKind.allCases {
            let summary = try OneShotLatency.measure(
                queries: Array(querySet.queries(kind).prefix(options.oneShot)), statuses: .search
            ) { query in
                ChildProcess(executable: searchBinary, arguments: ["--index", oursDatabase, "--limit", "10", query])
            }
            figures[.ours]!.setOneShot(kind, summary)
        }

        guard let sqliteShell = Executables.sqliteShell else {
            Log.progress("no /usr/bin/sqlite3: the baseline's one-shot figures are n/a")
            return
        }
        let baselineDatabase = databases[.unicode61]!
        Log.progress("one-shot queries: unicode61")
        figures[.unicode61]!.oneShotCommand = "sqlite3 unicode61.db \"SELECT … MATCH '…' ORDER BY rank LIMIT 10\""
        for kind in QueryKind.allCases {
            let summary = try OneShotLatency.measure(
                queries: Array(querySet.queries(kind).prefix(options.oneShot)), statuses: .sqliteShell
            ) { query in
                ChildProcess(executable: sqliteShell, arguments: [
                    baselineDatabase,
                    BaselineQuery.inlinedSQL(match: BaselineQuery.matchExpression(for: query, kind: kind)),
                ])
            }
            figures[.unicode61]!.setOneShot(kind, summary)
        }
    }

    static var buildNote: String {
        #if DEBUG
        "DEBUG build of search-bench: in-process figures are not meaningful, use -c release"
        #else
        "release build; \(ProcessInfo.processInfo.activeProcessorCount) cores; page cache warm for all timings"
        #endif
    }
}
