import FullText
import SearchCore
import SearchEngine

/// The host's connection as the searcher reads it (`IndexConnection`): statements prepared on
/// first use through the host's routines, kept for the owner's lifetime (one `arfa_search`
/// cursor, one `arfa_query` call) and finalized by `close`, which must come before the
/// connection closes. Each owner has its own, so that two `arfa_search` cursors of one query
/// (a join) never step each other's statements.
final class HostConnection: IndexConnection {
    let connection: OpaquePointer
    let calls: SQLiteCalls
    let rankWindow: RankWindow?
    private var statements: [String: OpaquePointer] = [:]

    /// SQLITE_OK.
    private static let ok: Int32 = 0

    init(_ state: ArfaConnection) {
        connection = state.connection
        calls = state.host.calls
        rankWindow = state.fullText.rankWindow
    }

    deinit { close() }

    func statement(_ sql: String) throws(SQLError) -> IndexStatement {
        if let handle = statements[sql] {
            _ = calls.reset(handle)
            _ = calls.clearBindings(handle)
            return IndexStatement(handle: handle, calls: calls)
        }
        var handle: OpaquePointer?
        let code = calls.prepare(connection, sql, -1, &handle, nil)
        guard code == Self.ok, let handle else {
            if let handle { _ = calls.finalize(handle) }
            let message = calls.errorMessage(connection).map { String(cString: $0) } ?? "SQLite error \(code)"
            throw SQLError(code: code, message: message)
        }
        statements[sql] = handle
        return IndexStatement(handle: handle, calls: calls)
    }

    /// Finalizes every statement prepared here.
    func close() {
        for handle in statements.values { _ = calls.finalize(handle) }
        statements = [:]
    }
}

extension ArfaConnection {
    /// The file of the connection's main database, as the rebuild command names it.
    var databasePath: String {
        guard let filename = host.routines.pointee.db_filename?(connection, "main"), filename.pointee != 0 else {
            return "(in memory)"
        }
        return String(cString: filename)
    }
}
