/// The distribution of one engine's latency over one query set.
struct LatencySummary: Codable {
    var queries: Int
    var p50Ms: Double
    var p95Ms: Double
    var p99Ms: Double
    var meanMs: Double
    /// Queries that returned at least one hit (nil where the run cannot tell).
    var queriesWithHits: Int?
    /// Queries that failed (a query error, a child that exited with an error).
    var errors: Int
    /// What the first failing query said, to tell a broken run from a slow one.
    var firstError: String?

    /// Nil when there was nothing to measure.
    init?(millisecondSamples samples: [Double], queriesWithHits: Int?, errors: Int, firstError: String? = nil) {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        queries = samples.count
        p50Ms = Self.percentile(50, of: sorted)
        p95Ms = Self.percentile(95, of: sorted)
        p99Ms = Self.percentile(99, of: sorted)
        meanMs = samples.reduce(0, +) / Double(samples.count)
        self.queriesWithHits = queriesWithHits
        self.errors = errors
        self.firstError = firstError
    }

    /// Nearest-rank percentile: a value that was actually measured, never an interpolation.
    static func percentile(_ percent: Double, of sorted: [Double]) -> Double {
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

extension Duration {
    var milliseconds: Double {
        Double(components.seconds) * 1e3 + Double(components.attoseconds) / 1e15
    }
}
