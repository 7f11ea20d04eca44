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
        .library(name: "TextAnalysis", targets: ["TextAnalysis"]),
        .library(name: "SearchIndex", targets: ["SearchIndex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        // The store, the only module with GRDB: schema, connections, indexing, the SQL of searching
        // and the readers that consult the index's vocabulary (compounds, typos, conjunctions).
        .target(
            name: "SearchIndex",
            dependencies: [
                "TextAnalysis",
                "Ingest",
                "FullText",
                "SearchCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API: the functions handed to FullText (`SQLiteCalls.linked`), and the few
                // calls GRDB has no wrapper for.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift),
        // What every front end prints: the JSON contract of a hit, snippets, paths shown.
        .target(name: "SearchOutput", dependencies: ["SearchCore"], swiftSettings: strictSwift),
        // The `search` command: parses arguments, calls SearchIndex, prints.
        .executableTarget(
            name: "SearchCLI",
            dependencies: [
                "SearchIndex",
                "SearchCore",
                "SearchOutput",
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
        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"], swiftSettings: strictSwift),
        .testTarget(name: "IngestTests", dependencies: ["Ingest"], swiftSettings: strictSwift),
        .testTarget(name: "SearchCoreTests", dependencies: ["SearchCore", "TextAnalysis"], swiftSettings: strictSwift),
        .testTarget(name: "SearchOutputTests", dependencies: ["SearchOutput", "SearchCore"], swiftSettings: strictSwift),
        .testTarget(
            name: "SearchIndexTests",
            dependencies: [
                "SearchIndex", "SearchCore", "TextAnalysis", "FullText", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSwift),
        .testTarget(
            name: "SearchCLITests",
            dependencies: ["SearchCLI", "SearchIndex", "SearchCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSwift),
    ],
    swiftLanguageModes: [.v6]
)
