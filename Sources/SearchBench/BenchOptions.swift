import ArgumentParser
import Foundation

/// What `search-bench` measures and where: the corpus, the work folder, the query set.
struct BenchOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Folders, .jsonl or .jsonl.gz files.", valueName: "corpus"))
    var corpora: [String]

    @Option(help: ArgumentHelp("Where materialised corpora, replicas and indexes go.", valueName: "dir"))
    var work = "/tmp/search-bench"

    @Option(help: ArgumentHelp("Index N copies of the corpus.", valueName: "n"))
    var replicate: Int?

    @Option(name: .customLong("target-mb"), help: ArgumentHelp(
        "Replicate the corpus as many times as it takes to reach M MB.", valueName: "m"))
    var targetMB: Double?

    @Option(help: ArgumentHelp("The `search` binary (default: the one beside search-bench).", valueName: "path"))
    var search: String?

    @Option(help: "Seed of the query sampling.")
    var seed: UInt64 = 1

    @Option(help: "Single-word queries to sample.")
    var words = 200

    @Option(help: "Five-word questions to sample.")
    var questions = 50

    @Option(help: ArgumentHelp("Queries to use instead of sampled words, one per line.", valueName: "file"))
    var queries: String?

    @Option(name: .customLong("one-shot"), help: ArgumentHelp(
        "Time the first N queries of each set as one process each (0: skip).", valueName: "n"))
    var oneShot = 100

    @Option(help: ArgumentHelp("Also write every figure to FILE as JSON.", valueName: "file"))
    var json: String?

    @Flag(name: .customLong("skip-build"), help: "Reuse the indexes already in --work (query timings only).")
    var skipBuild = false

    func validate() throws {
        guard !corpora.isEmpty else { throw ValidationError("give at least one corpus") }
        if replicate != nil && targetMB != nil { throw ValidationError("give --replicate or --target-mb, not both") }
        if let replicate, replicate < 1 { throw ValidationError("--replicate must be at least 1") }
        if let targetMB, targetMB <= 0 { throw ValidationError("--target-mb must be positive") }
        if words < 0 || questions < 0 || oneShot < 0 {
            throw ValidationError("--words, --questions and --one-shot cannot be negative")
        }
    }
}
