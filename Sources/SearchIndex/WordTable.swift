import GRDB
import GRDBSQLite
import SearchEngine
import TextAnalysis

/// `words`: the index's vocabulary of surface words (folded, not stems), each with its length in
/// letters and the number of passages that contain it, filed under its `TypoSkeleton` so that typo
/// tolerance finds a word's close spellings with a few hundred key lookups rather than by reading
/// the full-text index's own vocabulary, which walks every doclist.
///
/// - Kept exact (`WordCounts`): a run that changes a little counts what it changes — every
///   passage written adds one to each distinct surface word it has, every passage deleted takes
///   one away (counted from the text that was indexed, as the full-text delete is), and a word
///   no passage has any more is deleted. A run that changes a lot (a first build, a rebuild, a
///   big import) fills the table again from the full-text index instead, which then costs less.
/// - Crash-safe: the table is written in the run's last transaction, with the passages it
///   commits. Until then, every committed batch says in `meta` that the table is behind, and the
///   run after a killed one fills it again. A rebuild, which empties the full-text index and
///   fills it from stored text without counting, marks it behind too.
/// - An index made before this table existed has it filled by the migration that creates it.
enum WordTable {
    static let name = IndexTables.words
    /// Set in `meta` while the table is behind the full-text index: by a run whose counts are
    /// still in memory (`countingMark`), so that the run after a killed one catches up, and by a
    /// rebuild, whose new full-text table only a fill can match.
    static let behindKey = "words_behind"
    static let countingMark = "counting"

    /// Says that only a fill can bring the table up to date (the full-text table was emptied).
    static func markBehind(_ db: Database) throws {
        try IndexStore.setMetaValue(behindKey, "fill", db)
    }

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE \(name) (
                skeleton TEXT NOT NULL,
                term TEXT NOT NULL,
                letters INTEGER NOT NULL,
                passages INTEGER NOT NULL,
                PRIMARY KEY (skeleton, term)
            ) WITHOUT ROWID
            """)
    }

    /// Fills the table from the full-text index's vocabulary (FTS5 counts it by walking every
    /// doclist) and clears the mark that it is behind. Stems, behind their control-byte
    /// markers, sort before the space and are left out.
    static let fillSlice = 50_000

    static func fill(_ db: Database) throws {
        try removeAll(db)
        var rows = WordRows()
        let vocabulary = try RawStatement(db, sql: "SELECT term, doc FROM \(Schema.vocabularyTable) WHERE term > ' '")
        try vocabulary.forEachRow { row in
            rows.append(term: row.text(0), passages: row.integer(1))
            // A slice at a time: memory stays bounded whatever the size of the vocabulary.
            if rows.count == fillSlice { try rows.write(db, into: .newWords) }
        }
        try rows.write(db, into: .newWords)
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [behindKey])
    }

    static func removeAll(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM \(name)")
    }
}

/// Rows of `words` to write, held in one byte buffer rather than a few allocations each (a
/// fill writes the whole vocabulary): for each, its key as SQLite orders it — the skeleton's
/// bytes, a 0 byte, the term's bytes — its length in letters, and the passages to add.
struct WordRows {
    private struct Row {
        var start: Int
        var skeletonLength: Int32
        var termLength: Int32
        var letters: Int32
        var passages: Int32
    }

    /// How the rows go in: as words the table does not have yet, or added to the counts it has.
    enum Destination {
        case newWords
        case counts
    }

    private var bytes: [UInt8] = []
    private var rows: [Row] = []

    var count: Int { rows.count }

    mutating func append(term: UnsafeBufferPointer<UInt8>, passages: Int) {
        let start = bytes.count
        let letters = TypoSkeleton.append(skeletonOf: term, to: &bytes)
        let skeletonLength = bytes.count - start
        bytes.append(0)
        bytes.append(contentsOf: term)
        rows.append(Row(start: start, skeletonLength: Int32(skeletonLength), termLength: Int32(term.count),
                        letters: Int32(letters), passages: Int32(clamping: passages)))
    }

    /// Writes the rows in key order, so the B-tree is walked rather than jumped about; bound
    /// through the C API, since GRDB's boxing of arguments would cost more than SQLite's work.
    mutating func write(_ db: Database, into destination: Destination) throws {
        guard !rows.isEmpty else { return }
        let insert = try RawStatement(db, sql: destination == .newWords
            ? "INSERT INTO \(WordTable.name) (skeleton, term, letters, passages) VALUES (?1, ?2, ?3, ?4)"
            : """
                INSERT INTO \(WordTable.name) (skeleton, term, letters, passages) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (skeleton, term) DO UPDATE SET passages = passages + excluded.passages
                """)
        let prune = try RawStatement(
            db, sql: "DELETE FROM \(WordTable.name) WHERE skeleton = ?1 AND term = ?2 AND passages <= 0")
        try bytes.withUnsafeBufferPointer { bytes in
            func key(_ row: Row) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[row.start..<(row.start + Int(row.skeletonLength + 1 + row.termLength))])
            }
            rows.sort { key($0).lexicographicallyPrecedes(key($1)) }
            for row in rows {
                let skeleton = UnsafeBufferPointer(rebasing: bytes[row.start..<(row.start + Int(row.skeletonLength))])
                let termStart = row.start + Int(row.skeletonLength) + 1
                let term = UnsafeBufferPointer(rebasing: bytes[termStart..<(termStart + Int(row.termLength))])
                try insert.run(skeleton, term, Int(row.letters), Int(row.passages))
                if row.passages < 0 { try prune.run(skeleton, term) }
            }
        }
        bytes = []
        rows = []
    }
}

/// The changes a run makes to `words`, gathered in memory so that a word common to every file is
/// written once per run, not once per file or per batch.
///
/// Counting costs in proportion to the text a run writes or deletes, filling from the full-text
/// index in proportion to the whole index: once the changes reach `pendingLimit` words (or from
/// the start, when the index is empty), a run stops counting and fills the table at its end.
///
/// The owner calls `begin` when the run's first transaction begins, `willCommit` before every
/// commit (`final` for the run's last), and `discard` when it rolls back. Words are kept as
/// their UTF-8 bytes, never as `String`s, whose hashing and comparison normalize Arabic text.
final class WordCounts {
    /// A word's change: passages gained (positive) or lost (negative) since the run began, and
    /// the last passage it was counted in, so a word is counted once per passage.
    fileprivate struct Change {
        var passages: Int32 = 0
        var lastPassage: Int32 = -1
    }

    /// Past this many words changed, the run fills the table at its end instead of counting
    /// (by then the changes are a good share of the vocabulary); it bounds the memory counting
    /// takes too, about 6 MB.
    static let pendingLimit = 100_000

    private let pendingLimit: Int
    private var short: [ShortWord: Change] = [:]
    private var long: [[UInt8]: Change] = [:]
    /// Numbers the passages counted, for `Change.lastPassage`.
    private var passage: Int32 = 0
    private var change: Int32 = 0
    /// Whether the table is filled from the full-text index when the run ends.
    private var refills = false
    /// Whether this run has marked the table behind in `meta`, in a committed batch or this one.
    private var markedBehind = false
    private let indexTerms = IndexTerms()

    private var isCounting: Bool { !refills }

    init(pendingLimit: Int = WordCounts.pendingLimit) {
        self.pendingLimit = pendingLimit
    }

    func begin(_ db: Database) throws {
        // After a killed run, counting this run's changes would not catch up: the table is
        // filled again; and on an empty index, filling costs less than counting.
        let behind = try IndexStore.metaValue(WordTable.behindKey, db) != nil
        let isEmpty = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM passages)") ?? false)
        refills = behind || isEmpty
        markedBehind = false
    }

    /// Counts the words of passages about to be written.
    func add(_ passages: [PreparedPassage]) {
        guard isCounting else { return }
        change = 1
        for prepared in passages {
            passage &+= 1
            if let terms = prepared.terms {
                terms.replay { term, _, _, _ in note(term) }
            } else {
                count(prepared.passage.text)
            }
        }
        checkLimit()
    }

    /// Counts off the words of a file's passages, from their stored text, before they are deleted.
    func remove(passagesOfFile fileID: Int64, _ db: Database) throws {
        guard isCounting else { return }
        change = -1
        let texts = try String.fetchCursor(db, sql: "SELECT text FROM passages WHERE file_id = ?", arguments: [fileID])
        while let text = try texts.next() {
            passage &+= 1
            count(text)
        }
        checkLimit()
    }

    /// Before a commit: the run's last one brings the table up to date; any other says, once,
    /// that the table is behind the passages it commits.
    func willCommit(_ db: Database, final: Bool) throws {
        if final {
            // A mark this run did not set (a rebuild emptied the full-text table) asks for a fill.
            let mark = try IndexStore.metaValue(WordTable.behindKey, db)
            if refills || (mark != nil && !markedBehind) {
                try WordTable.fill(db)
            } else {
                var rows = pendingRows()
                try rows.write(db, into: .counts)
                if mark != nil { try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [WordTable.behindKey]) }
            }
            markedBehind = false
        } else if !markedBehind && (refills || !short.isEmpty || !long.isEmpty) {
            try IndexStore.setMetaValue(WordTable.behindKey, WordTable.countingMark, db)
            markedBehind = true
        }
    }

    /// The changes counted so far, to go back to if a savepoint is rolled back (a file written
    /// in parts that could not be finished). Cheap: the dictionaries are copied only if changed.
    struct Snapshot {
        fileprivate var short: [ShortWord: Change]
        fileprivate var long: [[UInt8]: Change]
        fileprivate var refills: Bool
    }

    func snapshot() -> Snapshot {
        Snapshot(short: short, long: long, refills: refills)
    }

    /// Forgets what was counted since `snapshot`, as the savepoint forgets what was written.
    func restore(_ snapshot: Snapshot) {
        (short, long, refills) = (snapshot.short, snapshot.long, snapshot.refills)
    }

    /// After a rollback, which ends the run: `meta` already says the table is behind if a
    /// committed batch left it so.
    func discard() {
        short = [:]
        long = [:]
    }

    private func checkLimit() {
        guard short.count + long.count >= pendingLimit else { return }
        refills = true
        discard()
    }

    private func pendingRows() -> WordRows {
        var rows = WordRows()
        for (word, change) in short where change.passages != 0 {
            word.withBytes { rows.append(term: $0, passages: Int(change.passages)) }
        }
        for (bytes, change) in long where change.passages != 0 {
            bytes.withUnsafeBufferPointer { rows.append(term: $0, passages: Int(change.passages)) }
        }
        discard()
        return rows
    }

    private func count(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            indexTerms.generate(utf8: utf8) { term, _, _, _ in note(term) }
        }
    }

    /// Counts one term of the current passage; stems are not words.
    @inline(__always)
    private func note(_ term: UnsafeBufferPointer<UInt8>) {
        guard let first = term.first, !IndexTerms.isStemMarker(first) else { return }
        if let word = ShortWord(term) {
            Self.record(&short[word, default: Change()], passage: passage, change: change)
        } else {
            Self.record(&long[Array(term), default: Change()], passage: passage, change: change)
        }
    }

    @inline(__always)
    private static func record(_ entry: inout Change, passage: Int32, change: Int32) {
        guard entry.lastPassage != passage else { return }
        entry.lastPassage = passage
        entry.passages += change
    }
}

/// A word of up to 32 UTF-8 bytes (16 Arabic letters, nearly every word) held inline: hashed and
/// compared as four machine words.
struct ShortWord: Hashable {
    private var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0
    private let length: UInt8

    static let capacity = 32

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= Self.capacity else { return nil }
        length = UInt8(bytes.count)
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
        }
        (a, b, c, d) = words
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withUnsafeBytes(of: (a, b, c, d)) { raw in
            try body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<Int(length)]))
        }
    }
}

/// A statement prepared and stepped through SQLite's C API, for the statements run by the
/// hundred thousand (filling and writing `words`), where GRDB's boxing of arguments and rows
/// would cost more than SQLite's own work.
final class RawStatement {
    private let db: Database
    private var handle: OpaquePointer?

    init(_ db: Database, sql: String) throws {
        self.db = db
        let code = sqlite3_prepare_v2(db.sqliteConnection, sql, -1, &handle, nil)
        guard code == SQLITE_OK else { throw error(code) }
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs the statement with two texts (bound without copying) and then integers.
    func run(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>, _ integers: Int...) throws {
        // SQLITE_STATIC: the buffers outlive the step, so SQLite need not copy them.
        let noCopy = unsafeBitCast(0, to: sqlite3_destructor_type.self)
        sqlite3_bind_text(handle, 1, UnsafeRawPointer(first.baseAddress!).assumingMemoryBound(to: CChar.self),
                          Int32(first.count), noCopy)
        sqlite3_bind_text(handle, 2, UnsafeRawPointer(second.baseAddress!).assumingMemoryBound(to: CChar.self),
                          Int32(second.count), noCopy)
        for (offset, value) in integers.enumerated() { sqlite3_bind_int64(handle, Int32(3 + offset), Int64(value)) }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Steps through the rows of a query.
    func forEachRow(_ body: (Row) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            try body(Row(handle: handle))
        }
    }

    /// The current row, valid inside `forEachRow`'s body.
    struct Row {
        let handle: OpaquePointer?

        /// A text column's UTF-8 bytes, valid until the next step.
        func text(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: sqlite3_column_text(handle, column), count: Int(sqlite3_column_bytes(handle, column)))
        }

        func integer(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
