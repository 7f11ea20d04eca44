/// Query latency of a whole process per query, as a shell user or a script pays it: start-up,
/// opening the index, the query and exit, from `posix_spawn` to `wait4`.
enum OneShotLatency {
    /// How a program reports the outcome of a query through its exit status.
    struct ExitStatuses {
        /// Statuses that mean "found something"; nil when the status does not tell.
        var found: Set<Int32>?
        /// Statuses of a query that ran (found or not).
        var succeeded: Set<Int32>

        /// `search`: 0 found, 1 nothing found, 2 error (as grep).
        static let search = ExitStatuses(found: [0], succeeded: [0, 1])
        /// The sqlite3 shell: 0 whatever the rows.
        static let sqliteShell = ExitStatuses(found: nil, succeeded: [0])
    }

    static func measure(
        queries: [String], statuses: ExitStatuses, command: (String) -> ChildProcess
    ) throws(BenchError) -> LatencySummary? {
        guard let first = queries.first else { return nil }
        // One untimed run, so the first timed one does not pay for loading the binary.
        _ = try command(first).run(stdout: .null, stderr: .null)

        var samples: [Double] = []
        var queriesWithHits = 0
        var errors = 0
        var firstError: String?
        for query in queries {
            let child = command(query)
            let outcome = try child.run(stdout: .null, stderr: .null)
            samples.append(outcome.wallSeconds * 1e3)
            guard case .exited(let status) = outcome.termination, statuses.succeeded.contains(status) else {
                errors += 1
                if firstError == nil { firstError = "`\(child.commandLine)`: \(outcome.termination)" }
                continue
            }
            if statuses.found?.contains(status) == true { queriesWithHits += 1 }
        }
        return LatencySummary(
            millisecondSamples: samples, queriesWithHits: statuses.found == nil ? nil : queriesWithHits,
            errors: errors, firstError: firstError)
    }
}
