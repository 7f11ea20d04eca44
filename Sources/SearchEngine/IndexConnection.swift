public import FullText
public import SearchCore

/// A connection to a `search` index as the searcher reads it: statements prepared once and
/// stepped through SQLite's C API (`SQLiteCalls`), and the connection's ranking window.
///
/// Two kinds exist: the `search` program's (GRDB's `Database` and its cached statements, stepped
/// through the SQLite it links) and the loadable extension's (the host's connection, through the
/// routines the host hands it). The searcher is the same over both.
public protocol IndexConnection {
    /// The statement for `sql`, reset and without bindings. It is prepared once per connection
    /// (or per cursor, for the extension) and handed out again for the same text: a caller resets
    /// it when it is done (`IndexStatement.reset`), and never holds two of the same text at once.
    func statement(_ sql: String) throws(SQLError) -> IndexStatement

    /// Where `arfa_rank` collects this connection's best rows; nil when the connection's FTS5
    /// functions were not registered with a state of ours.
    var rankWindow: RankWindow? { get }
}

/// What SQLite said went wrong: its result code and message.
public struct SQLError: Error, Equatable, CustomStringConvertible {
    public var code: Int32
    public var message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// SQLITE_BUSY, SQLITE_CORRUPT and SQLITE_NOTADB from sqlite3.h.
    public static let busy: Int32 = 5, corrupt: Int32 = 11, notADatabase: Int32 = 26
}

/// A prepared statement and the calls that step it: bind, step, read columns, reset.
///
/// Texts and blobs read from a row (`textBytes`, `blob`) are SQLite's own buffers, valid until
/// the next step or reset: the per-row paths read passage texts without copying them.
public struct IndexStatement {
    public let handle: OpaquePointer
    public let calls: SQLiteCalls

    /// SQLITE_ROW, SQLITE_DONE and SQLITE_NULL from sqlite3.h.
    static let row: Int32 = 100, done: Int32 = 101, null: Int32 = 5

    public init(handle: OpaquePointer, calls: SQLiteCalls) {
        self.handle = handle
        self.calls = calls
    }

    /// Binds a text (SQLite copies it, so `text` need not outlive the statement).
    public func bind(_ index: Int32, _ text: String) {
        // A C string is never a null pointer, which SQLite would bind as NULL, even for "".
        _ = text.withCString { calls.bindText(handle, index, $0, Int32(text.utf8.count), SQLiteCalls.transient) }
    }

    public func bind(_ index: Int32, _ value: Int64) {
        _ = calls.bindInt64(handle, index, value)
    }

    public func bind(_ index: Int32, _ value: Int) {
        _ = calls.bindInt64(handle, index, Int64(value))
    }

    /// Binds a blob (copied); an empty one is a zero-length blob, not NULL.
    public func bind(_ index: Int32, blob: [UInt8]) {
        // Never a null pointer, which SQLite would bind as NULL.
        let bytes = blob.isEmpty ? [0] : blob
        bytes.withUnsafeBytes { _ = calls.bindBlob(handle, index, $0.baseAddress, Int32(blob.count), SQLiteCalls.transient) }
    }

    /// Steps to the next row: true on a row, false when there are no more.
    public func step() throws(SQLError) -> Bool {
        let code = calls.step(handle)
        if code == Self.row { return true }
        if code == Self.done { return false }
        throw error(code)
    }

    /// Makes the statement ready to run again; its bindings stay.
    public func reset() {
        _ = calls.reset(handle)
    }

    public func int64(_ column: Int32) -> Int64 { calls.columnInt64(handle, column) }
    public func int(_ column: Int32) -> Int { Int(calls.columnInt64(handle, column)) }
    public func double(_ column: Int32) -> Double { calls.columnDouble(handle, column) }
    public func isNull(_ column: Int32) -> Bool { calls.columnType(handle, column) == Self.null }

    /// A text column's UTF-8 bytes, valid until the next step or reset.
    public func textBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let bytes = calls.columnText(handle, column)
        return UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : Int(calls.columnBytes(handle, column)))
    }

    public func text(_ column: Int32) -> String {
        String(decoding: textBytes(column), as: UTF8.self)
    }

    /// A blob column's bytes, valid until the next step or reset.
    public func blob(_ column: Int32) -> UnsafeRawBufferPointer {
        let bytes = calls.columnBlob(handle, column)
        return UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : Int(calls.columnBytes(handle, column)))
    }

    /// The error SQLite reports for a failed call that returned `code`.
    public func error(_ code: Int32) -> SQLError {
        let message = calls.errorMessage(calls.databaseHandle(handle)).map { String(cString: $0) } ?? "SQLite error \(code)"
        return SQLError(code: code, message: message)
    }
}

extension IndexConnection {
    /// Runs `sql` with `bind` setting its parameters, calls `body` for each row, and resets it.
    func forEachRow(
        _ sql: String, bind: (IndexStatement) -> Void = { _ in }, _ body: (IndexStatement) throws -> Void
    ) throws {
        let statement = try statement(sql)
        defer { statement.reset() }
        bind(statement)
        while try statement.step() { try body(statement) }
    }

    /// The first row's value as `read` reads it, nil without a row.
    func firstRow<Value>(
        _ sql: String, bind: (IndexStatement) -> Void = { _ in }, _ read: (IndexStatement) -> Value
    ) throws -> Value? {
        let statement = try statement(sql)
        defer { statement.reset() }
        bind(statement)
        return try statement.step() ? read(statement) : nil
    }
}
