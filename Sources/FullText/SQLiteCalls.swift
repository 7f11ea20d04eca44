/// The SQLite C functions the full-text glue and the searcher call, as function pointers: the one
/// seam between this code and a copy of SQLite.
///
/// The `search` program fills it from the SQLite it links (through GRDB); the loadable extension
/// fills it from the `sqlite3_api_routines` its host hands it, so the extension runs inside the
/// host's SQLite and never loads a second one. Nothing outside those two places calls `sqlite3_*`
/// directly.
public struct SQLiteCalls: @unchecked Sendable {
    public typealias Destructor = @convention(c) (UnsafeMutableRawPointer?) -> Void

    // Statements.
    public var prepare: @convention(c) (
        OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<OpaquePointer?>?,
        UnsafeMutablePointer<UnsafePointer<CChar>?>?
    ) -> Int32
    public var step: @convention(c) (OpaquePointer?) -> Int32
    public var reset: @convention(c) (OpaquePointer?) -> Int32
    public var clearBindings: @convention(c) (OpaquePointer?) -> Int32
    public var finalize: @convention(c) (OpaquePointer?) -> Int32
    public var bindPointer: @convention(c) (
        OpaquePointer?, Int32, UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Destructor?
    ) -> Int32
    public var bindText: @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, Int32, Destructor?) -> Int32
    public var bindBlob: @convention(c) (OpaquePointer?, Int32, UnsafeRawPointer?, Int32, Destructor?) -> Int32
    public var bindInt64: @convention(c) (OpaquePointer?, Int32, Int64) -> Int32
    public var columnText: @convention(c) (OpaquePointer?, Int32) -> UnsafePointer<UInt8>?
    public var columnBlob: @convention(c) (OpaquePointer?, Int32) -> UnsafeRawPointer?
    public var columnBytes: @convention(c) (OpaquePointer?, Int32) -> Int32
    public var columnInt64: @convention(c) (OpaquePointer?, Int32) -> Int64
    public var columnDouble: @convention(c) (OpaquePointer?, Int32) -> Double
    public var columnType: @convention(c) (OpaquePointer?, Int32) -> Int32
    public var databaseHandle: @convention(c) (OpaquePointer?) -> OpaquePointer?
    public var errorMessage: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?

    // Function arguments and results.
    public var valueBlob: @convention(c) (OpaquePointer?) -> UnsafeRawPointer?
    public var valueBytes: @convention(c) (OpaquePointer?) -> Int32
    public var valueInt: @convention(c) (OpaquePointer?) -> Int32
    public var resultDouble: @convention(c) (OpaquePointer?, Double) -> Void
    public var resultError: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Void
    public var resultErrorCode: @convention(c) (OpaquePointer?, Int32) -> Void
    public var resultBlob: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32, Destructor?) -> Void

    /// SQLITE_TRANSIENT: SQLite copies the value before the call returns.
    public static let transient = unsafeBitCast(-1, to: Destructor.self)

    public init(
        prepare: @escaping @convention(c) (
            OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafeMutablePointer<OpaquePointer?>?,
            UnsafeMutablePointer<UnsafePointer<CChar>?>?
        ) -> Int32,
        step: @escaping @convention(c) (OpaquePointer?) -> Int32,
        reset: @escaping @convention(c) (OpaquePointer?) -> Int32,
        clearBindings: @escaping @convention(c) (OpaquePointer?) -> Int32,
        finalize: @escaping @convention(c) (OpaquePointer?) -> Int32,
        bindPointer: @escaping @convention(c) (
            OpaquePointer?, Int32, UnsafeMutableRawPointer?, UnsafePointer<CChar>?, Destructor?
        ) -> Int32,
        bindText: @escaping @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, Int32, Destructor?) -> Int32,
        bindBlob: @escaping @convention(c) (OpaquePointer?, Int32, UnsafeRawPointer?, Int32, Destructor?) -> Int32,
        bindInt64: @escaping @convention(c) (OpaquePointer?, Int32, Int64) -> Int32,
        columnText: @escaping @convention(c) (OpaquePointer?, Int32) -> UnsafePointer<UInt8>?,
        columnBlob: @escaping @convention(c) (OpaquePointer?, Int32) -> UnsafeRawPointer?,
        columnBytes: @escaping @convention(c) (OpaquePointer?, Int32) -> Int32,
        columnInt64: @escaping @convention(c) (OpaquePointer?, Int32) -> Int64,
        columnDouble: @escaping @convention(c) (OpaquePointer?, Int32) -> Double,
        columnType: @escaping @convention(c) (OpaquePointer?, Int32) -> Int32,
        databaseHandle: @escaping @convention(c) (OpaquePointer?) -> OpaquePointer?,
        errorMessage: @escaping @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?,
        valueBlob: @escaping @convention(c) (OpaquePointer?) -> UnsafeRawPointer?,
        valueBytes: @escaping @convention(c) (OpaquePointer?) -> Int32,
        valueInt: @escaping @convention(c) (OpaquePointer?) -> Int32,
        resultDouble: @escaping @convention(c) (OpaquePointer?, Double) -> Void,
        resultError: @escaping @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Void,
        resultErrorCode: @escaping @convention(c) (OpaquePointer?, Int32) -> Void,
        resultBlob: @escaping @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32, Destructor?) -> Void
    ) {
        self.prepare = prepare
        self.step = step
        self.reset = reset
        self.clearBindings = clearBindings
        self.finalize = finalize
        self.bindPointer = bindPointer
        self.bindText = bindText
        self.bindBlob = bindBlob
        self.bindInt64 = bindInt64
        self.columnText = columnText
        self.columnBlob = columnBlob
        self.columnBytes = columnBytes
        self.columnInt64 = columnInt64
        self.columnDouble = columnDouble
        self.columnType = columnType
        self.databaseHandle = databaseHandle
        self.errorMessage = errorMessage
        self.valueBlob = valueBlob
        self.valueBytes = valueBytes
        self.valueInt = valueInt
        self.resultDouble = resultDouble
        self.resultError = resultError
        self.resultErrorCode = resultErrorCode
        self.resultBlob = resultBlob
    }
}
