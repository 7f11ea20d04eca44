/// Query latency inside one process: the index already open, its pages already cached.
enum InProcessLatency {
    static func measure(_ engine: some InProcessEngine, queries: [String], kind: QueryKind) -> LatencySummary? {
        // One pass first, so every query is timed against a warm page cache and warm SQLite
        // caches, as in a long-lived process.
        for query in queries { _ = try? engine.hitCount(for: query, kind: kind) }

        let clock = ContinuousClock()
        var samples: [Double] = []
        var queriesWithHits = 0
        var errors = 0
        var firstError: String?
        for query in queries {
            let start = clock.now
            let result = Result { try engine.hitCount(for: query, kind: kind) }
            samples.append(start.duration(to: clock.now).milliseconds)
            switch result {
            case .success(let hits):
                if hits > 0 { queriesWithHits += 1 }
            case .failure(let error):
                errors += 1
                if firstError == nil { firstError = "\(query): \(error)" }
            }
        }
        return LatencySummary(
            millisecondSamples: samples, queriesWithHits: queriesWithHits, errors: errors, firstError: firstError)
    }
}
