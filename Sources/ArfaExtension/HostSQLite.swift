import CSQLite
import FullText
import Synchronization

/// The SQLite of the program that loaded the extension, reached only through the routines it
/// handed over (`sqlite3_api_routines`, the `SQLITE_EXTENSION_INIT2` contract): the extension
/// links no SQLite of its own, and never calls a `sqlite3_*` symbol.
///
/// One for the process, as the C macro keeps it: a scalar function finds its own state only
/// through `sqlite3_user_data`, which is itself one of these routines, so they must be at hand
/// before any state is. Every connection of one SQLite library hands over the same routines;
/// a process that loads the extension into two different SQLite libraries at once is not
/// supported, as with any extension written in C. Everything else (tokenizer, FTS5 functions,
/// `arfa_search`) keeps the routines with its connection's state.
final class HostSQLite: @unchecked Sendable {
    /// Read field by field, never copied whole: the table of an older SQLite ends before the
    /// entries a newer header declares.
    let routines: UnsafePointer<sqlite3_api_routines>
    /// The routines the shared code (`FullText`, `SearchEngine`) calls.
    let calls: SQLiteCalls
    let version: Int32

    /// Oldest SQLite whose routines include all the extension calls (`sqlite3_bind_pointer`,
    /// which FTS5 hands its API through, came in 3.20.0).
    static let minimumVersion: Int32 = 3_020_000

    private static let current = Mutex<HostSQLite?>(nil)

    /// The routines the last connection handed over.
    static var shared: HostSQLite? { current.withLock { $0 } }

    static func adopt(_ host: HostSQLite) {
        current.withLock { $0 = host }
    }

    /// Reads the host's routines; throws when the host cannot run the extension (no FTS5, too old).
    init(_ api: UnsafePointer<sqlite3_api_routines>, connection: OpaquePointer) throws(LoadFailure) {
        // Only routines every SQLite 3 has are read before the version is known.
        version = api.pointee.libversion_number?() ?? 0
        guard Self.hasFTS5(connection, api) else { throw .noFTS5(version: version) }
        guard version >= Self.minimumVersion else { throw .tooOld(version: version) }
        // Only fields SQLite 3.20.0 has from here.
        guard let prepare = api.pointee.prepare_v2, let step = api.pointee.step, let reset = api.pointee.reset,
              let clearBindings = api.pointee.clear_bindings, let finalize = api.pointee.finalize,
              let bindPointer = api.pointee.bind_pointer, let bindText = api.pointee.bind_text,
              let bindBlob = api.pointee.bind_blob, let bindInt64 = api.pointee.bind_int64,
              let columnText = api.pointee.column_text, let columnBlob = api.pointee.column_blob,
              let columnBytes = api.pointee.column_bytes, let columnInt64 = api.pointee.column_int64,
              let columnDouble = api.pointee.column_double, let columnType = api.pointee.column_type,
              let databaseHandle = api.pointee.db_handle, let errorMessage = api.pointee.errmsg,
              let valueBlob = api.pointee.value_blob, let valueBytes = api.pointee.value_bytes,
              let valueInt = api.pointee.value_int, let resultDouble = api.pointee.result_double,
              let resultError = api.pointee.result_error, let resultErrorCode = api.pointee.result_error_code,
              let resultBlob = api.pointee.result_blob
        else { throw .tooOld(version: version) }
        self.routines = api
        calls = SQLiteCalls(
            prepare: prepare, step: step, reset: reset, clearBindings: clearBindings, finalize: finalize,
            bindPointer: bindPointer, bindText: bindText, bindBlob: bindBlob, bindInt64: bindInt64,
            columnText: columnText, columnBlob: columnBlob, columnBytes: columnBytes, columnInt64: columnInt64,
            columnDouble: columnDouble, columnType: columnType, databaseHandle: databaseHandle,
            errorMessage: errorMessage, valueBlob: valueBlob, valueBytes: valueBytes, valueInt: valueInt,
            resultDouble: resultDouble, resultError: resultError, resultErrorCode: resultErrorCode,
            resultBlob: resultBlob)
    }

    /// Whether the connection's SQLite has FTS5: its `fts5()` function exists (with the one
    /// argument it takes since 3.20.0, or none before).
    private static func hasFTS5(_ connection: OpaquePointer, _ api: UnsafePointer<sqlite3_api_routines>) -> Bool {
        guard let prepare = api.pointee.prepare_v2, let finalize = api.pointee.finalize else { return false }
        return ["SELECT fts5(?1)", "SELECT fts5()"].contains { sql in
            var statement: OpaquePointer?
            let code = prepare(connection, sql, -1, &statement, nil)
            if let statement { _ = finalize(statement) }
            return code == 0
        }
    }

    /// A copy of `message` in memory SQLite may free (`sqlite3_free`): what error out-parameters take.
    func allocated(_ message: String) -> UnsafeMutablePointer<CChar>? {
        let bytes = Array(message.utf8)
        guard let memory = routines.pointee.malloc?(Int32(bytes.count + 1)) else { return nil }
        let chars = memory.bindMemory(to: CChar.self, capacity: bytes.count + 1)
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(chars).copyMemory(from: source.baseAddress!, byteCount: bytes.count)
        }
        chars[bytes.count] = 0
        return chars
    }

    /// "3.40.1" for 3040001.
    static func versionText(_ version: Int32) -> String {
        "\(version / 1_000_000).\(version / 1_000 % 1_000).\(version % 1_000)"
    }
}

/// Why the extension cannot run in a host.
enum LoadFailure: Error, CustomStringConvertible {
    case noFTS5(version: Int32)
    case tooOld(version: Int32)
    case registration(String)

    var description: String {
        switch self {
        case .noFTS5(let version):
            "arfa needs SQLite with FTS5, and this SQLite \(HostSQLite.versionText(version)) was built without it "
                + "(compile option SQLITE_ENABLE_FTS5): load arfa into a SQLite that has FTS5"
        case .tooOld(let version):
            "arfa needs SQLite \(HostSQLite.versionText(HostSQLite.minimumVersion)) or later; "
                + "this is SQLite \(HostSQLite.versionText(version))"
        case .registration(let what):
            "arfa could not register \(what)"
        }
    }
}
