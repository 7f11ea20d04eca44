import TextAnalysis

/// Weighs how the clauses of a plain query occur in a passage, from the passage text: a clause
/// found exactly as typed (same bytes, marks and all, as a whole word) counts the most
/// (`exactWeight`); a vocalised clause (عِلْم) found only in other forms counts by how its
/// occurrences stand to its harakat (`VocalisedWord.Agreement`: vocalised alike 3, bare 2 or 1,
/// contradicting 0: عَلَم), so that contradicting passages rank after the others; an unvocalised
/// clause not found as typed counts 0, as before.
struct ExactForms {
    private let literals: [[UInt8]]
    private let vocalised: [VocalisedWord?]
    private let passageText: IndexStatement
    private let occurrence = WordOccurrence()

    /// What a clause found exactly as typed counts: above every `VocalisedWord.Agreement`.
    static let exactWeight = 4

    init(literals: [String], _ connection: any IndexConnection) throws {
        self.literals = literals.map { Array($0.utf8) }
        vocalised = literals.map { VocalisedWord(literal: $0) }
        passageText = try connection.statement("SELECT text FROM passages WHERE id = ?1")
    }

    /// Whether exact forms count at all (not for a question).
    var counts: Bool { !literals.isEmpty }

    /// The most a row of `tier` can count: every clause it has found as typed (a clause found as
    /// typed is also found in its folded surface form, which is what the tier counts).
    func most(inTier tier: Int) -> Int { Self.exactWeight * min(tier, literals.count) }

    /// Calls `body` with the text of passage `id`, if there is one: SQLite's own buffer, neither
    /// copied nor decoded, since a rare spelling may need the texts of thousands of passages.
    func read(_ id: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws {
        passageText.bind(1, id)
        defer { passageText.reset() }
        guard try passageText.step() else { return }
        body(passageText.textBytes(0))
    }

    /// How the clauses occur in `text`, summed: `exactWeight` for each found as typed, the
    /// agreement of the others that are vocalised.
    func count(in text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for (literal, vocalised) in zip(literals, vocalised) {
            if literal.withUnsafeBufferPointer({ occurrence.occurs($0, in: text) }) {
                count += Self.exactWeight
            } else if let vocalised {
                count += vocalised.agreement(in: text).rawValue
            }
        }
        return count
    }
}

/// The statement that ranks every matching row (`HitCursor.rankingSQL`), read a row at a time:
/// first up to the limit it was run with, then, if asked, the rows past it.
struct RankingRows {
    private let statement: IndexStatement
    /// How many rows the first run gives at most (-1: all).
    let limit: Int
    private var readsRest = false
    /// Whether the current run has given its last row: stepped again, SQLite would run it anew.
    private var isDone = false

    /// Runs `statement` (the ranking SQL with the expression, roles and kind bound) for its first
    /// `limit` rows.
    init(_ statement: IndexStatement, limit: Int) {
        self.statement = statement
        self.limit = limit
        statement.bind(4, limit)
        statement.bind(5, 0)
    }

    /// The next row, nil after the last one of the current run.
    mutating func next() throws -> RankedRow? {
        guard !isDone else { return nil }
        guard try statement.step() else {
            isDone = true
            return nil
        }
        return RankedRow(id: statement.int64(0), rank: statement.double(1))
    }

    /// Runs the statement again for the rows past the first `limit`; false if it was run so already
    /// or had no limit.
    mutating func readRest() -> Bool {
        guard limit >= 0, !readsRest else { return false }
        readsRest = true
        isDone = false
        statement.reset()
        statement.bind(4, -1)
        statement.bind(5, limit)
        return true
    }

    func close() {
        statement.reset()
    }
}

/// The ranked rows in their final order, handed out one at a time: tier first, then how the
/// clauses occur (exactly as typed first, then with a vocalisation that agrees; `ExactForms`),
/// then the score.
///
/// FTS5 orders the rows by tier and score only, and exact forms are counted in the passage text,
/// so the order is completed as rows are read, without reading more texts than it needs:
/// - a row with as many exact clauses as its tier allows is handed out as soon as it is read
///   (after the window's own rows of its tier, sorted by score): no later row can rank above it;
/// - any other row waits until its tier ends, and the waiting rows then follow, by exact count,
///   then the rows scored with their length before the others, then score.
///
/// Where the spelling typed is common among the matches, the first page is found in the window
/// (`Searcher.lengthWindow` rows, read anyway to score them with their length). Where it is rare
/// (ایران among the Arabic إيران of a mixed index), the texts of the tier are read until enough
/// exact rows are found, or all of them, so every exact row comes first however far down FTS5
/// ranked it.
struct RankedRows {
    private var ready: [RankedRow] = []
    private var readyPosition = 0
    private var waiting: [RankedRow] = []
    private var tier: Int?
    private var order = 0
    private var finished = false
    /// The rows after the window; past their first limit, asked for only if exact forms must be
    /// looked for there.
    private var rows: RankingRows
    private let exactForms: ExactForms

    /// - Parameters:
    ///   - window: the first rows of `rows`, in its order, with exact counts and scores.
    ///   - rows: the ranking statement, read up to the window's end.
    init(window: [RankedRow], rows: RankingRows, exactForms: ExactForms) {
        self.rows = rows
        self.exactForms = exactForms
        var start = window.startIndex
        while start < window.endIndex {
            let tier = window[start].tier
            let end = window[start...].firstIndex { $0.tier != tier } ?? window.endIndex
            let most = exactForms.most(inTier: tier)
            var group = Array(window[start..<end])
            for index in group.indices { group[index].order = order + index }
            order += group.count
            self.tier = tier
            ready += group.filter { $0.exactCount >= most }.sorted(by: Self.ranksBefore)
            waiting = group.filter { $0.exactCount < most }
            // A tier followed by another within the window is complete.
            if end < window.endIndex { endTier() }
            start = end
        }
    }

    mutating func next() throws -> RankedRow? {
        while readyPosition == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyPosition = 0
            if finished { return nil }
            guard var ranked = try rows.next() else {
                if order == rows.limit, rows.readRest() { continue }
                finished = true
                endTier()
                continue
            }
            ranked.order = order
            order += 1
            if ranked.tier != tier {
                endTier()
                tier = ranked.tier
            }
            let most = exactForms.most(inTier: ranked.tier)
            if most > 0 {
                try exactForms.read(ranked.id) { ranked.exactCount = exactForms.count(in: $0) }
            }
            if ranked.exactCount >= most {
                ready.append(ranked)
            } else {
                waiting.append(ranked)
            }
        }
        readyPosition += 1
        return ready[readyPosition - 1]
    }

    /// Lets go of the ranking statement (the rows not read are not ranked further).
    func close() {
        rows.close()
    }

    /// The waiting rows of the tier that ended follow, best first.
    private mutating func endTier() {
        ready += waiting.sorted(by: Self.ranksBefore)
        waiting.removeAll(keepingCapacity: true)
    }

    /// The order of rows of one tier: exact count, then the rows scored with their length (the
    /// best in FTS5's order), then score, then FTS5's order.
    private static func ranksBefore(_ a: RankedRow, _ b: RankedRow) -> Bool {
        if a.exactCount != b.exactCount { return a.exactCount > b.exactCount }
        if a.isScoredWithLength != b.isScoredWithLength { return a.isScoredWithLength }
        if a.score != b.score { return a.score > b.score }
        return a.order < b.order
    }
}
