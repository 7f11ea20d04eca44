/// A goal from the issue, checked against ours' value or against ours/unicode61.
struct Target {
    enum Subject { case value, ratio }
    enum Comparison { case atMost, atLeast }

    var subject: Subject
    var comparison: Comparison
    var bound: Double
    var description: String

    static func ratio(atLeast bound: Double) -> Target {
        Target(subject: .ratio, comparison: .atLeast, bound: bound, description: "≥ \(bound)× unicode61")
    }

    static func ratio(atMost bound: Double) -> Target {
        Target(subject: .ratio, comparison: .atMost, bound: bound, description: "≤ \(bound)× unicode61")
    }

    static func value(atMost bound: Double, _ description: String) -> Target {
        Target(subject: .value, comparison: .atMost, bound: bound, description: description)
    }

    /// Nil when the figure it needs was not measured.
    func isMet(value: Double?, ratio: Double?) -> Bool? {
        guard let checked = subject == .value ? value : ratio else { return nil }
        return comparison == .atMost ? checked <= bound : checked >= bound
    }

    /// One-shot `search WORD` p50: 10 ms on 100 MB, 15 ms on 1 GB.
    static func oneShotWord(corpusMB: Double) -> Target {
        corpusMB <= 100
            ? .value(atMost: 10, "≤ 10 ms (corpus ≤ 100 MB)")
            : .value(atMost: 15, "≤ 15 ms (corpus up to 1 GB)")
    }
}
