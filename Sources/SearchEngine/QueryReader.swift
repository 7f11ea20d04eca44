public import SearchCore

/// Reads a parsed query as the index it runs on reads it (what `--explain` shows): compounds read
/// from its vocabulary (`CompoundReader`), typos corrected (`TypoReader`), attached conjunctions
/// read off (`ConjunctionReader`), in that order.
public struct QueryReader {
    private let connection: any IndexConnection

    public init(_ connection: any IndexConnection) {
        self.connection = connection
    }

    public func read(_ query: ParsedQuery, tolerance: TypoTolerance) throws -> UnderstoodQuery {
        let (corrected, corrections) = try TypoReader(connection: connection).read(
            try CompoundReader(connection: connection).read(query), tolerance: tolerance)
        let (read, kept) = try ConjunctionReader(connection: connection).read(corrected, corrections: corrections)
        return UnderstoodQuery(query: read, corrections: kept)
    }
}
