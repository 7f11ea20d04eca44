import FullText
import GRDB
import GRDBSQLite
import Synchronization

extension SQLiteCalls {
    /// The SQLite this program links (GRDB's).
    static let linked = SQLiteCalls(
        prepare: sqlite3_prepare_v2, bindPointer: sqlite3_bind_pointer, step: sqlite3_step, finalize: sqlite3_finalize,
        valueBlob: sqlite3_value_blob, valueBytes: sqlite3_value_bytes, valueInt: sqlite3_value_int,
        resultDouble: sqlite3_result_double, resultError: sqlite3_result_error,
        resultErrorCode: sqlite3_result_error_code, resultBlob: sqlite3_result_blob)
}

/// The full-text state of each open connection of one store (see `FullTextConnection`), found
/// by the connection: the indexer hands prepared terms to its writer connection's tokenizer.
final class FullTextConnections: Sendable {
    private let states = Mutex<[UInt: FullTextConnection]>([:])

    /// Registers the analysis on `db` with a state of its own, kept here until the connection closes.
    func register(_ db: Database) throws {
        guard let connection = db.sqliteConnection else { return }
        let key = UInt(bitPattern: connection)
        let state = FullTextConnection()
        do {
            try FTS5Registration.register(on: connection, calls: .linked, state: state) { [weak self] in
                self?.states.withLock { _ = $0.removeValue(forKey: key) }
            }
        } catch {
            throw DatabaseError(message: "cannot register the arfa tokenizer: \(error)")
        }
        states.withLock { $0[key] = state }
    }

    func state(of db: Database) -> FullTextConnection? {
        guard let connection = db.sqliteConnection else { return nil }
        return states.withLock { $0[UInt(bitPattern: connection)] }
    }
}
