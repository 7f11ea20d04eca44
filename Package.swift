// swift-tools-version:6.1
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "search",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "search", targets: ["SearchCLI"]),
        .executable(name: "search-bench", targets: ["SearchBench"]),
        .executable(name: "search-server", targets: ["SearchServer"]),
        .library(name: "TextAnalysis", targets: ["TextAnalysis"]),
        .library(name: "SearchIndex", targets: ["SearchIndex"]),
        // The loadable SQLite extension `libarfa.so` (entry point `sqlite3_arfa_init`).
        .library(name: "arfa", type: .dynamic, targets: ["ArfaExtension"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The HTTP layer of `search-server`: its HTTP/1 parser, event loop and thread pool.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Arabic-script segmentation and folding: pure Swift, no SQLite, no file I/O.
        .target(name: "TextAnalysis", swiftSettings: strictSwift),
        // Walking folders, decoding files, splitting documents into passages: no SQLite.
        .target(name: "Ingest", swiftSettings: strictSwift),
        // The engine without its storage: the query language (parser, MATCH expression and phrase
        // roles), the ranking math, the hit model and match labels, search options. No SQLite, no
        // GRDB: every front end (the CLI, a loadable extension, a server) shares it.
        .target(name: "SearchCore", dependencies: ["TextAnalysis"], swiftSettings: strictSwift),
        // SQLite's and FTS5's C types, declared without linking SQLite.
        .target(name: "CSQLite"),
        // The FTS5 glue: the tokenizer `arfa` and the functions `arfa_rank` and `arfa_hits`,
        // registered through function pointers handed to it (`SQLiteCalls`): no GRDB, no SQLite of
        // its own, so a loadable extension can use it too.
        .target(name: "FullText", dependencies: ["CSQLite", "TextAnalysis", "SearchCore"], swiftSettings: strictSwift),
        // The searcher over any SQLite connection: reading a query against the index's vocabulary
        // (compounds, typos, conjunctions) and ranking, locating and highlighting its hits, all
        // through `IndexConnection` (statements stepped through `SQLiteCalls`). No GRDB, no
        // Foundation: the CLI runs it on GRDB's connections, the loadable extension on its host's.
        .target(
            name: "SearchEngine", dependencies: ["FullText", "SearchCore", "TextAnalysis"], swiftSettings: strictSwift),
        // The store, the only module with GRDB: schema, connections, indexing, and the searcher
        // (`SearchEngine`'s) run on its connections.
        .target(
            name: "SearchIndex",
            dependencies: [
                "TextAnalysis",
                "Ingest",
                "FullText",
                "SearchCore",
                "SearchEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API: the functions handed to FullText (`SQLiteCalls.linked`), and the few
                // calls GRDB has no wrapper for.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift),
        // What every front end prints: the JSON contract of a hit, snippets, paths shown.
        .target(name: "SearchOutput", dependencies: ["SearchCore"], swiftSettings: strictSwift),
        // The loadable extension: the tokenizer, the FTS5 functions, `arfa_query`, `arfa_fold`,
        // `arfa_version` and `arfa_search`, registered on the host's connection and calling its
        // SQLite only through the routines it hands over. The Swift runtime is linked in
        // (`-static-stdlib`), so the library needs no Swift toolchain where it is copied.
        .target(
            name: "ArfaExtension",
            dependencies: ["CSQLite", "FullText", "SearchEngine", "SearchCore", "SearchOutput", "TextAnalysis"],
            swiftSettings: strictSwift,
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]),
        // What `search status` prints, as text and JSON: the CLI and the server print the same.
        .target(name: "SearchStatus", dependencies: ["SearchIndex", "SearchOutput"], swiftSettings: strictSwift),
        // The web front end without the network: requests in, pages and JSON out (no SwiftNIO).
        .target(
            name: "SearchWeb",
            dependencies: ["SearchIndex", "SearchCore", "SearchOutput", "SearchStatus", "TextAnalysis"],
            swiftSettings: strictSwift),
        // `search-server`, which `search serve` runs: SearchWeb over HTTP/1 with SwiftNIO. A program
        // of its own, so that the one-shot `search` does not carry an HTTP stack it does not use
        // (linked in, NIO made `search --version` run 11% more instructions). No target depends
        // on it: SwiftPM would link its libraries into the dependent program all the same.
        .executableTarget(
            name: "SearchServer",
            dependencies: [
                "SearchWeb",
                "SearchIndex",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift),
        // The `search` command: parses arguments, calls SearchIndex, prints.
        .executableTarget(
            name: "SearchCLI",
            dependencies: [
                "SearchIndex",
                "SearchCore",
                "SearchOutput",
                "SearchStatus",
                "TextAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift),
        // `search-bench`: our index beside a plain FTS5 unicode61 index of the same passages.
        .executableTarget(
            name: "SearchBench",
            dependencies: [
                "SearchIndex",
                "SearchCore",
                "TextAnalysis",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSwift),
        // Random queries that the searcher's tests and the extension's tests both run.
        .target(name: "RandomQueries", path: "Tests/RandomQueries", swiftSettings: strictSwift),
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"], swiftSettings: strictSwift),
        .testTarget(name: "IngestTests", dependencies: ["Ingest"], swiftSettings: strictSwift),
        .testTarget(name: "SearchCoreTests", dependencies: ["SearchCore", "TextAnalysis"], swiftSettings: strictSwift),
        .testTarget(name: "SearchOutputTests", dependencies: ["SearchOutput", "SearchCore"], swiftSettings: strictSwift),
        .testTarget(
            name: "SearchWebTests",
            dependencies: ["SearchWeb", "SearchIndex", "SearchCore", "SearchOutput", "SearchStatus"],
            swiftSettings: strictSwift),
        .testTarget(
            name: "SearchIndexTests",
            dependencies: [
                "SearchIndex", "SearchEngine", "SearchCore", "TextAnalysis", "FullText", "RandomQueries",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift),
        .testTarget(
            name: "SearchCLITests",
            dependencies: [
                "SearchCLI", "SearchIndex", "SearchCore", "TextAnalysis", "RandomQueries",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift),
    ],
    swiftLanguageModes: [.v6]
)
