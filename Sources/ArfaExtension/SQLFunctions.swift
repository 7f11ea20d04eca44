import CSQLite
import FullText
import SearchCore
import SearchEngine
import TextAnalysis

/// The SQL functions of the extension:
/// - `arfa_fold(text)`: the folded words of `text`, separated by single spaces (the terms the
///   tokenizer indexes a word under, without stems);
/// - `arfa_query(text)`: the FTS5 expression the query parser builds for `text`, for
///   `... WHERE t MATCH arfa_query('أستانا')` on any `arfa` table; inside a `search` index, the
///   query as that index reads it, as `search` runs it (compounds, conjunctions, close spellings
///   of words the index lacks);
/// - `arfa_version()`: the extension's version and its text analysis version.
///
/// NULL gives NULL; a blob is read as the text of its bytes (invalid UTF-8 repaired). A query
/// the parser refuses is an SQL error with the message `search` prints.
enum SQLFunctions {
    /// SQLITE_UTF8, SQLITE_DETERMINISTIC and SQLITE_INNOCUOUS (an older SQLite ignores the flags
    /// it does not know).
    static let utf8: Int32 = 1, deterministic: Int32 = 0x800, innocuous: Int32 = 0x20_0000
    /// SQLITE_NULL.
    static let null: Int32 = 5

    typealias Body = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void

    static func register(on state: ArfaConnection) throws(LoadFailure) {
        try create("arfa_fold", arguments: 1, flags: utf8 | deterministic | innocuous, fold, state)
        try create("arfa_query", arguments: 1, flags: utf8 | innocuous, query, state)
        try create("arfa_version", arguments: 0, flags: utf8 | deterministic | innocuous, version, state)
    }

    private static func create(
        _ name: String, arguments: Int32, flags: Int32, _ body: Body, _ state: ArfaConnection
    ) throws(LoadFailure) {
        guard let createFunction = state.host.routines.pointee.create_function_v2 else {
            throw .registration(name)
        }
        let code = createFunction(
            state.connection, name, arguments, flags, state.retained(), body, nil, nil, ArfaConnection.release)
        guard code == ArfaConnection.ok else { throw .registration("\(name) (SQLite error \(code))") }
    }

    /// The connection state of a call, and its first argument's bytes (nil for NULL).
    private static func call(
        _ context: OpaquePointer?, _ values: UnsafeMutablePointer<OpaquePointer?>?, _ count: Int32
    ) -> (state: ArfaConnection, text: UnsafeBufferPointer<UInt8>?)? {
        guard let host = HostSQLite.shared,
              let state = ArfaConnection.from(host.routines.pointee.user_data?(context)) else { return nil }
        guard count > 0, let value = values?[0] else { return (state, nil) }
        let routines = state.host.routines.pointee
        guard routines.value_type?(value) != null, let text = routines.value_text?(value) else { return (state, nil) }
        return (state, UnsafeBufferPointer(start: text, count: Int(routines.value_bytes?(value) ?? 0)))
    }

    private static let fold: Body = { context, count, values in
        guard let (state, text) = call(context, values, count) else { return }
        guard let text else { return state.resultNull(context) }
        var folded: [UInt8] = []
        folded.reserveCapacity(text.count)
        Analyzer().analyze(utf8: text) { term, _, _ in
            if !folded.isEmpty { folded.append(0x20) }
            folded.append(contentsOf: term)
        }
        state.result(context, utf8: folded)
    }

    private static let query: Body = { context, count, values in
        guard let (state, text) = call(context, values, count) else { return }
        guard let text else { return state.resultNull(context) }
        do {
            let parsed = try QueryParser().parse(String(decoding: text, as: UTF8.self))
            let connection = HostConnection(state)
            defer { connection.close() }
            switch try IndexCompatibility.of(connection) {
            case .current:
                let read = try QueryReader(connection).read(parsed, tolerance: .automatic)
                state.result(context, text: read.query.fullTextExpression)
            case .otherAnalysis(let stored):
                state.resultError(context, IndexCompatibility.mismatchMessage(path: state.databasePath, stored: stored))
            case .notAnIndex:
                state.result(context, text: parsed.fullTextExpression)
            }
        } catch {
            state.resultError(context, "\(error)")
        }
    }

    private static let version: Body = { context, count, values in
        guard let (state, _) = call(context, values, count) else { return }
        state.result(context, text: "arfa \(ProductVersion.current) (text analysis version \(AnalysisVersion.current))")
    }
}

extension ArfaConnection {
    func result(_ context: OpaquePointer?, text: String) {
        result(context, utf8: Array(text.utf8))
    }

    func result(_ context: OpaquePointer?, utf8: [UInt8]) {
        // Never a null pointer, which SQLite would return as NULL, even for "".
        let bytes = utf8 + [0]
        bytes.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                host.routines.pointee.result_text?(context, chars.baseAddress, Int32(utf8.count), SQLiteCalls.transient)
            }
        }
    }

    func resultNull(_ context: OpaquePointer?) {
        host.routines.pointee.result_null?(context)
    }

    func resultError(_ context: OpaquePointer?, _ message: String) {
        var message = message
        message.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                host.calls.resultError(context, chars.baseAddress, Int32(chars.count))
            }
        }
    }
}
