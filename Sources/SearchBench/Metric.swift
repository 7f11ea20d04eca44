/// A row of the report: how to read it from an engine's figures, and its target if any.
struct Metric {
    var name: String
    var digits: Int
    var value: (EngineFigures) -> Double?
    var target: Target?

    /// The rows, in the order of the table.
    static func all(corpusMB: Double) -> [Metric] {
        var metrics = [
            Metric(name: "indexing wall s", digits: 2, value: { $0.build?.wallSeconds }),
            Metric(name: "indexing CPU s (user + sys)", digits: 2, value: { $0.build?.cpuSeconds }),
            Metric(name: "indexing MB/s", digits: 1, value: { $0.build?.mbPerSecond }, target: .ratio(atLeast: 0.8)),
            Metric(
                name: "index size MB", digits: 1, value: { Double($0.indexBytes) / 1e6 },
                target: .ratio(atMost: 1.25)),
            Metric(
                name: "indexing peak RSS MB", digits: 1, value: { $0.build.map { Double($0.peakRSSBytes) / 1e6 } },
                target: .value(atMost: 64, "≤ 64 MB")),
        ]
        let inProcessTargets: [QueryKind: Target] = [
            .word: .value(atMost: 1, "≤ 1 ms"), .question: .value(atMost: 5, "≤ 5 ms"),
        ]
        for kind in QueryKind.allCases {
            metrics += latencyMetrics(
                "in-process \(kind.rawValue)", p50Target: inProcessTargets[kind], summary: { $0.inProcess(kind) })
        }
        for kind in QueryKind.allCases {
            metrics += latencyMetrics(
                "one-shot \(kind.rawValue)", p50Target: kind == .word ? .oneShotWord(corpusMB: corpusMB) : nil,
                summary: { $0.oneShot(kind) })
        }
        return metrics
    }

    private static func latencyMetrics(
        _ prefix: String, p50Target: Target?, summary: @escaping (EngineFigures) -> LatencySummary?
    ) -> [Metric] {
        [
            Metric(name: "\(prefix) p50 ms", digits: 3, value: { summary($0)?.p50Ms }, target: p50Target),
            Metric(name: "\(prefix) p95 ms", digits: 3, value: { summary($0)?.p95Ms }),
            Metric(name: "\(prefix) p99 ms", digits: 3, value: { summary($0)?.p99Ms }),
            Metric(
                name: "\(prefix): queries with hits", digits: 0,
                value: { summary($0)?.queriesWithHits.map(Double.init) }),
        ]
    }

    func row(ours: EngineFigures, unicode61: EngineFigures) -> MetricRow {
        let oursValue = value(ours)
        let baselineValue = value(unicode61)
        var ratio: Double?
        if let oursValue, let baselineValue, baselineValue > 0 { ratio = oursValue / baselineValue }
        return MetricRow(
            metric: name, ours: oursValue, unicode61: baselineValue, ratio: ratio,
            target: target?.description, met: target?.isMet(value: oursValue, ratio: ratio), digits: digits)
    }
}
