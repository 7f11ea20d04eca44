public import SearchCore

/// Where printed text goes: standard output for the CLI, a response body for a server, a buffer
/// in tests. A write that cannot be done throws (a closed pipe: `search … | head -1`), and the
/// front end decides what that means.
public protocol TextOutput {
    mutating func write(_ text: String) throws
}

/// Turns hits into output. The searcher never formats anything; each format is one printer.
public protocol HitPrinter {
    mutating func print(_ hit: Hit) throws
    mutating func finish() throws
    /// Whether anything was (or, once finished, will have been) printed for a hit: exit status 0.
    var printedAny: Bool { get }
    /// Whether further hits would change nothing printed, so the search may stop.
    var isComplete: Bool { get }
}

extension HitPrinter {
    public var isComplete: Bool { false }
}

/// JSON Lines: one `HitJSON` object per hit, in rank order.
public struct JSONLinesPrinter<Output: TextOutput>: HitPrinter {
    public private(set) var printedAny = false
    private var output: Output
    private let paths: DisplayPath

    public init(to output: Output, paths: DisplayPath) {
        self.output = output
        self.paths = paths
    }

    public mutating func print(_ hit: Hit) throws {
        printedAny = true
        try output.write(HitJSON.object(hit, path: paths.of(hit.path)).finished + "\n")
    }

    public mutating func finish() throws {}
}
