/// The best rows of the last ranking query on a connection, with their phrase frequencies, so
/// that the few rows that can be shown are ranked again by full BM25, with the passage length
/// (`score(of:length:)`) that `arfa_rank` leaves out to stay cheap on every other row.
///
/// Each connection has its own (`FullTextConnection.rankWindow`), used on that connection's
/// thread only, as the connection itself is.
public final class RankWindow {
    struct Entry {
        var rowid: Int64
        var rank: Double
        var frequencies: [Float]
    }

    private(set) var capacity = 0
    /// Best first.
    private(set) var entries: [Entry] = []
    private(set) var weights: PhraseWeights?

    public init() {}

    /// Starts collecting the best `capacity` rows of the next query (0: stops collecting).
    public func reset(capacity: Int) {
        self.capacity = capacity
        entries.removeAll(keepingCapacity: true)
        weights = nil
    }

    func offer(rowid: Int64, rank: Double, frequencies: UnsafeBufferPointer<Float>, weights: PhraseWeights) {
        guard capacity > 0 else { return }
        self.weights = weights
        if entries.count == capacity, let last = entries.last, rank <= last.rank { return }
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].rank >= rank { low = middle + 1 } else { high = middle }
        }
        entries.insert(Entry(rowid: rowid, rank: rank, frequencies: Array(frequencies)), at: low)
        if entries.count > capacity { entries.removeLast() }
    }

    /// The score of a collected row with BM25's length normalisation, its passage having
    /// `length` tokens; nil if not collected.
    public func score(of rowid: Int64, length: Int) -> Double? {
        guard let weights, let entry = entries.first(where: { $0.rowid == rowid }) else { return nil }
        return entry.frequencies.withUnsafeBufferPointer { weights.score($0, norm: weights.lengthNorm(length)).score }
    }
}
