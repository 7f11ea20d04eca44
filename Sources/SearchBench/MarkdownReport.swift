import Foundation

/// The report as printed: a short header saying what was measured, then the table.
struct MarkdownReport {
    let report: BenchReport

    var text: String {
        var lines = header
        lines.append("")
        lines.append("| metric | ours | unicode61 | ours/unicode61 | target | met |")
        lines.append("|---|---:|---:|---:|---|---|")
        for row in report.rows {
            let met = row.met.map { $0 ? "yes" : "**no**" } ?? ""
            lines.append(
                "| \(row.metric) | \(Self.format(row.ours, digits: row.digits)) | "
                    + "\(Self.format(row.unicode61, digits: row.digits)) | "
                    + "\(row.ratio.map { String(format: "%.2f×", $0) } ?? "n/a") | \(row.target ?? "") | \(met) |")
        }
        lines += notes
        return lines.joined(separator: "\n") + "\n"
    }

    private var header: [String] {
        let ours = report.ours
        let baseline = report.unicode61
        var lines = [
            "## search-bench: ours vs FTS5 unicode61",
            "",
            "- corpus: \(report.corpora.joined(separator: ", "))"
                + (report.replicate > 1 ? ", replicated ×\(report.replicate)" : ""),
            "- \(ours.files) files, \(ours.passages) passages, \(String(format: "%.1f", report.corpusMB)) MB "
                + "(MB = 10^6 bytes)",
            "- queries: \(report.querySet.description)",
            "- build: \(report.buildNote)",
            "- benchmark process peak RSS once the corpus was ready: "
                + String(format: "%.1f MB", Double(report.benchPeakRSSAfterCorpusBytes) / 1e6),
        ]
        if ours.files != baseline.files || ours.passages != baseline.passages {
            lines.append(
                "- **the indexes differ**: unicode61 has \(baseline.files) files, \(baseline.passages) passages")
        }
        return lines
    }

    /// What the table cannot say: failed queries, what one-shot ran.
    private var notes: [String] {
        var notes: [String] = []
        for engine in Engine.allCases {
            let figures = report.figures(of: engine)
            if let command = figures.oneShotCommand {
                var note = "- one-shot \(engine.rawValue): `\(command)`"
                let summaries = [figures.oneShotWords, figures.oneShotQuestions].compactMap { $0 }
                if !summaries.isEmpty, summaries.allSatisfy({ $0.queriesWithHits != nil }) {
                    let found = summaries.reduce(0) { $0 + ($1.queriesWithHits ?? 0) }
                    let failed = summaries.reduce(0) { $0 + $1.errors }
                    let none = summaries.reduce(0) { $0 + $1.queries } - found - failed
                    note += "; exit statuses: 0 (found) ×\(found), 1 (none) ×\(none), error ×\(failed)"
                }
                notes.append(note)
            }
            let summaries: [(String, LatencySummary?)] = [
                ("in-process words", figures.inProcessWords), ("in-process questions", figures.inProcessQuestions),
                ("one-shot words", figures.oneShotWords), ("one-shot questions", figures.oneShotQuestions),
            ]
            for case let (name, summary?) in summaries where summary.errors > 0 {
                notes.append(
                    "- **\(engine.rawValue) \(name): \(summary.errors) of \(summary.queries) queries failed**, first: "
                        + (summary.firstError ?? "?"))
            }
        }
        return notes.isEmpty ? [] : [""] + notes
    }

    static func format(_ value: Double?, digits: Int) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.\(digits)f", value)
    }
}
