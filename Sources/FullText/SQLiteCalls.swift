/// The SQLite C functions the full-text glue calls, as function pointers: the one seam between
/// this module and a copy of SQLite.
///
/// The `search` program fills it from the SQLite it links (through GRDB); a loadable extension
/// fills it from the `sqlite3_api_routines` its host hands it, so the extension runs inside the
/// host's SQLite and never loads a second one. Nothing in this module calls `sqlite3_*` directly.
public struct SQLiteCalls: @unchecked Sendable {
    public typealias Destructor = @convention(c) (UnsafeMutableRawPointer?) -> Void

    public var prepare: @convention(c) (
        OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<OpaquePointer?>?,
        UnsafeMutablePointer<UnsafePointer<CChar>?>?
    ) -> Int32
    public var bindPointer: @convention(c) (
        OpaquePointer?, Int32, UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Destructor?
    ) -> Int32
    public var step: @convention(c) (OpaquePointer?) -> Int32
    public var finalize: @convention(c) (OpaquePointer?) -> Int32
    public var valueBlob: @convention(c) (OpaquePointer?) -> UnsafeRawPointer?
    public var valueBytes: @convention(c) (OpaquePointer?) -> Int32
    public var valueInt: @convention(c) (OpaquePointer?) -> Int32
    public var resultDouble: @convention(c) (OpaquePointer?, Double) -> Void
    public var resultError: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Void
    public var resultErrorCode: @convention(c) (OpaquePointer?, Int32) -> Void
    public var resultBlob: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32, Destructor?) -> Void

    /// SQLITE_TRANSIENT: SQLite copies the value before the call returns.
    static let transient = unsafeBitCast(-1, to: Destructor.self)

    public init(
        prepare: @escaping @convention(c) (
            OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<OpaquePointer?>?,
            UnsafeMutablePointer<UnsafePointer<CChar>?>?
        ) -> Int32,
        bindPointer: @escaping @convention(c) (
            OpaquePointer?, Int32, UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Destructor?
        ) -> Int32,
        step: @escaping @convention(c) (OpaquePointer?) -> Int32,
        finalize: @escaping @convention(c) (OpaquePointer?) -> Int32,
        valueBlob: @escaping @convention(c) (OpaquePointer?) -> UnsafeRawPointer?,
        valueBytes: @escaping @convention(c) (OpaquePointer?) -> Int32,
        valueInt: @escaping @convention(c) (OpaquePointer?) -> Int32,
        resultDouble: @escaping @convention(c) (OpaquePointer?, Double) -> Void,
        resultError: @escaping @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Void,
        resultErrorCode: @escaping @convention(c) (OpaquePointer?, Int32) -> Void,
        resultBlob: @escaping @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32, Destructor?) -> Void
    ) {
        self.prepare = prepare
        self.bindPointer = bindPointer
        self.step = step
        self.finalize = finalize
        self.valueBlob = valueBlob
        self.valueBytes = valueBytes
        self.valueInt = valueInt
        self.resultDouble = resultDouble
        self.resultError = resultError
        self.resultErrorCode = resultErrorCode
        self.resultBlob = resultBlob
    }
}
