public import CSQLite
import FullText

/// The extension's entry point, the name SQLite derives from the file name `libarfa.so`: what
/// `SQLITE_EXTENSION_INIT2` and an init function do in C. Registers on `connection` the FTS5
/// tokenizer `arfa`, the FTS5 functions `arfa_rank` and `arfa_hits`, the SQL functions
/// `arfa_query`, `arfa_fold` and `arfa_version`, and the table-valued function `arfa_search`.
///
/// A host that cannot run it (no FTS5, a SQLite older than 3.20.0) gets an error message and
/// SQLITE_ERROR, and nothing is registered.
@_cdecl("sqlite3_arfa_init")
public func sqlite3ArfaInit(
    _ connection: OpaquePointer?, _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ api: UnsafePointer<sqlite3_api_routines>?
) -> Int32 {
    guard let connection, let api else { return ArfaConnection.error }
    do {
        let host = try HostSQLite(api, connection: connection)
        HostSQLite.adopt(host)
        try ArfaConnection.register(on: connection, host: host)
        return ArfaConnection.ok
    } catch {
        // The message can only be handed back in memory from the host's allocator.
        if let errorMessage, let malloc = api.pointee.malloc {
            let bytes = Array(error.description.utf8)
            if let memory = malloc(Int32(bytes.count + 1)) {
                memory.copyMemory(from: bytes, byteCount: bytes.count)
                memory.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
                errorMessage.pointee = memory.assumingMemoryBound(to: CChar.self)
            }
        }
        return ArfaConnection.error
    }
}

/// What the extension keeps for one connection: the host's routines, the connection, and the
/// full-text state its tokenizer and functions share (`FullTextConnection`). Each registration
/// holds it, and releases it when SQLite drops the registration (the connection closes).
final class ArfaConnection {
    let host: HostSQLite
    let connection: OpaquePointer
    let fullText: FullTextConnection

    /// SQLITE_OK and SQLITE_ERROR.
    static let ok: Int32 = 0, error: Int32 = 1

    private init(host: HostSQLite, connection: OpaquePointer, fullText: FullTextConnection) {
        self.host = host
        self.connection = connection
        self.fullText = fullText
    }

    static func register(on connection: OpaquePointer, host: HostSQLite) throws(LoadFailure) {
        let fullText = FullTextConnection()
        do {
            try FTS5Registration.register(on: connection, calls: host.calls, state: fullText) {}
        } catch {
            throw .registration("the FTS5 tokenizer and functions (\(error))")
        }
        let state = ArfaConnection(host: host, connection: connection, fullText: fullText)
        try SQLFunctions.register(on: state)
        try SearchTable.register(on: state)
    }

    /// Retained for SQLite, as user data that `release` lets go of.
    func retained() -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(self).toOpaque()
    }

    static func from(_ userData: UnsafeMutableRawPointer?) -> ArfaConnection? {
        userData.map { Unmanaged<ArfaConnection>.fromOpaque($0).takeUnretainedValue() }
    }

    /// The destructor SQLite calls for user data made by `retained`.
    static let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { userData in
        if let userData { Unmanaged<ArfaConnection>.fromOpaque(userData).release() }
    }
}
