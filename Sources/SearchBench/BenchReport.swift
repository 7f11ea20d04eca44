/// Everything one run measured, as written by `--json` (snake_case keys) and rendered as the
/// markdown table.
struct BenchReport: Codable {
    var corpora: [String]
    var indexedFolders: [String]
    var files: Int
    var passages: Int
    var corpusBytes: Int64
    var replicate: Int
    var querySet: QuerySet
    var buildNote: String
    /// Peak RSS of the benchmark process itself once the corpus was ready (materialising streams).
    var benchPeakRSSAfterCorpusBytes: Int64
    var ours: EngineFigures
    var unicode61: EngineFigures
    /// The table: each metric for both engines, their ratio and the target where there is one.
    var rows: [MetricRow]

    var corpusMB: Double { Double(corpusBytes) / 1e6 }

    func figures(of engine: Engine) -> EngineFigures {
        engine == .ours ? ours : unicode61
    }
}

/// One engine's figures; nil where not measured (`--skip-build`, `--one-shot 0`, no sqlite3).
struct EngineFigures: Codable {
    var build: BuildMeasurement?
    var indexBytes: Int64
    var files: Int
    var passages: Int
    var inProcessWords: LatencySummary?
    var inProcessQuestions: LatencySummary?
    var oneShotCommand: String?
    var oneShotWords: LatencySummary?
    var oneShotQuestions: LatencySummary?

    func inProcess(_ kind: QueryKind) -> LatencySummary? {
        kind == .word ? inProcessWords : inProcessQuestions
    }

    func oneShot(_ kind: QueryKind) -> LatencySummary? {
        kind == .word ? oneShotWords : oneShotQuestions
    }

    mutating func setInProcess(_ kind: QueryKind, _ summary: LatencySummary?) {
        if kind == .word { inProcessWords = summary } else { inProcessQuestions = summary }
    }

    mutating func setOneShot(_ kind: QueryKind, _ summary: LatencySummary?) {
        if kind == .word { oneShotWords = summary } else { oneShotQuestions = summary }
    }
}

/// A row of the table.
struct MetricRow: Codable {
    var metric: String
    var ours: Double?
    var unicode61: Double?
    /// ours / unicode61.
    var ratio: Double?
    var target: String?
    var met: Bool?
    /// Digits shown after the decimal point.
    var digits: Int
}
