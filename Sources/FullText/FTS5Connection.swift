import CSQLite
public import SearchCore
public import TextAnalysis

/// Registers the Arabic/Persian analysis on one SQLite connection, through `SQLiteCalls`: the
/// FTS5 tokenizer `arfa` and the auxiliary functions `arfa_rank` and `arfa_hits`.
///
/// Each connection gets a `FullTextConnection` of its own, handed to SQLite as the tokenizer's
/// and the function's user data: state passes between the indexer and the tokenizer (prepared
/// terms), and between the ranking function and the searcher (the best rows), on that connection
/// alone, so two indexes in one process, parallel tests and a server's pool of readers never see
/// each other's state.
public enum FTS5Registration {
    public enum Failure: Error, Equatable {
        /// The connection's SQLite has no FTS5.
        case noFTS5
        case sqlite(code: Int32, step: String)
    }

    /// SQLITE_OK, SQLITE_ROW and SQLITE_DONE from sqlite3.h.
    static let ok: Int32 = 0, row: Int32 = 100

    /// Registers `arfa`, `arfa_rank` and `arfa_hits` on `connection`; `state` lives as long as the
    /// connection, and `closed` is called when SQLite lets go of it (the connection closes).
    public static func register(
        on connection: OpaquePointer, calls: SQLiteCalls, state: FullTextConnection, closed: @escaping @Sendable () -> Void
    ) throws(Failure) {
        let api = try fts5API(connection, calls)
        state.calls = calls
        state.closed = closed
        let userData = Unmanaged.passRetained(state).toOpaque()
        var tokenizer = fts5_tokenizer(xCreate: createTokenizer, xDelete: deleteTokenizer, xTokenize: tokenize)
        let code = api.pointee.xCreateTokenizer(api, ArfaTokenizer.name, userData, &tokenizer) { userData in
            guard let userData else { return }
            let state = Unmanaged<FullTextConnection>.fromOpaque(userData).takeRetainedValue()
            state.closed?()
        }
        guard code == ok else {
            Unmanaged<FullTextConnection>.fromOpaque(userData).release()
            throw .sqlite(code: code, step: "xCreateTokenizer")
        }
        try createFunction(RankFunction.name, arfaRank, api: api, state: state)
        try createFunction(HitFunction.name, arfaHits, api: api, state: state)
    }

    /// Registers an auxiliary function whose user data is `state` (held until SQLite drops it).
    private static func createFunction(
        _ name: String, _ function: fts5_extension_function, api: UnsafeMutablePointer<fts5_api>,
        state: FullTextConnection
    ) throws(Failure) {
        let userData = Unmanaged.passRetained(state).toOpaque()
        let code = api.pointee.xCreateFunction(api, name, userData, function) { userData in
            guard let userData else { return }
            Unmanaged<FullTextConnection>.fromOpaque(userData).release()
        }
        guard code == ok else {
            Unmanaged<FullTextConnection>.fromOpaque(userData).release()
            throw .sqlite(code: code, step: "xCreateFunction \(name)")
        }
    }

    /// The connection's `fts5_api`, as SQLite hands it out: `SELECT fts5(?1)` with a pointer bound.
    static func fts5API(_ connection: OpaquePointer, _ calls: SQLiteCalls) throws(Failure) -> UnsafeMutablePointer<fts5_api> {
        var statement: OpaquePointer?
        var code = calls.prepare(connection, "SELECT fts5(?1)", -1, &statement, nil)
        guard code == ok, let statement else { throw .noFTS5 }
        defer { _ = calls.finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        code = withUnsafeMutablePointer(to: &api) { slot in
            calls.bindPointer(statement, 1, UnsafeMutableRawPointer(slot), "fts5_api_ptr", nil)
        }
        guard code == ok else { throw .sqlite(code: code, step: "bind fts5_api_ptr") }
        _ = calls.step(statement)
        guard let api else { throw .noFTS5 }
        return api
    }
}

/// What one connection's full-text functions share. Used only on the connection's own thread,
/// as the connection itself is.
public final class FullTextConnection: @unchecked Sendable {
    /// The terms of the next document the indexer inserts, analyzed ahead on another thread: the
    /// tokenizer replays them for those exact bytes and analyzes anything else itself.
    public var nextDocumentTerms: PreparedTerms?
    /// The best rows of this connection's last ranking query (`arfa_rank` fills it).
    public let rankWindow = RankWindow()
    var calls: SQLiteCalls?
    var closed: (@Sendable () -> Void)?

    public init() {}

    /// The prepared terms for `text`, if they are the ones waiting (taken once).
    func takeTerms(for text: UnsafeBufferPointer<UInt8>) -> PreparedTerms? {
        guard let prepared = nextDocumentTerms, prepared.matches(text) else { return nil }
        nextDocumentTerms = nil
        return prepared
    }
}

// MARK: fts5_tokenizer callbacks

/// Each instance of the tokenizer (one per FTS5 table on the connection) is the connection's state.
private func createTokenizer(
    userData: UnsafeMutableRawPointer?, arguments: UnsafeMutablePointer<UnsafePointer<CChar>?>?, count: Int32,
    instance: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    // The tokenizer takes no arguments; an unknown one is an error, not silently ignored.
    guard count == 0, let userData else { return 1 } // SQLITE_ERROR
    instance?.pointee = OpaquePointer(userData)
    return FTS5Registration.ok
}

private func deleteTokenizer(_ instance: OpaquePointer?) {}

private func tokenize(
    instance: OpaquePointer?, context: UnsafeMutableRawPointer?, flags: Int32, text: UnsafePointer<CChar>?, length: Int32,
    token: (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32)?
) -> Int32 {
    guard let instance, let token else { return 1 }
    let state = Unmanaged<FullTextConnection>.fromOpaque(UnsafeRawPointer(instance)).takeUnretainedValue()
    guard let text, length > 0 else { return FTS5Registration.ok }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: Int(length))
    return ArfaTokenizer.tokenize(bytes, isQuery: flags & ArfaTokenizer.queryFlag != 0, state: state) { term, start, end, colocated in
        UnsafeRawPointer(term.baseAddress!).withMemoryRebound(to: CChar.self, capacity: term.count) {
            token(context, colocated ? ArfaTokenizer.colocatedFlag : 0, $0, Int32(term.count), Int32(start), Int32(end))
        }
    }
}
