import CSQLite
import FullText
import SearchCore
import SearchEngine
import SearchOutput
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `arfa_search(query [, path_glob [, per_file [, exact]]])`: the table-valued function that
/// runs `search`'s searcher (`SearchEngine`) on the `search` index it is called in, so that
///
///     SELECT path, line, end_line, score, text, highlights FROM arfa_search('أستانا') LIMIT 10
///
/// returns what `search --json --limit 10 أستانا` prints, in the same order, with the same
/// `highlights` array (`HitJSON`).
///
/// - Columns: `rank`, `path` (relative to the program's current folder when inside it, else
///   absolute, as `search` shows it), `line`, `end_line`, `score`, `text`, `snippet`,
///   `highlights` (the JSON array), `passage_id` and `file_id` (to join `passages` and `files`).
/// - Hidden arguments: `path_glob` (`--path`: absolute, or from the current folder), `per_file`
///   (`--per-file`, 1 or more), `exact` (`--exact`: a true value turns typo tolerance off).
///   NULL for any of them means not given; a NULL query matches nothing.
/// - Rows come in rank order, read as SQLite asks for them: `LIMIT 10` ranks as `--limit 10`
///   does, and the text of a passage is read only when a column needs it.
/// - Errors are SQL errors with the message `search` prints: a malformed query, an index of
///   another analysis version (naming the rebuild command), a database that is no index.
enum SearchTable {
    static let name = "arfa_search"

    /// The columns, in the declared order; the hidden ones are the function's arguments.
    enum Column: Int32, CaseIterable {
        case rank, path, line, endLine, score, text, snippet, highlights, passageID, fileID
        case query, pathGlob, perFile, exact

        var declaration: String {
            switch self {
            case .rank: "rank INTEGER"
            case .path: "path TEXT"
            case .line: "line INTEGER"
            case .endLine: "end_line INTEGER"
            case .score: "score REAL"
            case .text: "text TEXT"
            case .snippet: "snippet TEXT"
            case .highlights: "highlights TEXT"
            case .passageID: "passage_id INTEGER"
            case .fileID: "file_id INTEGER"
            case .query: "query HIDDEN"
            case .pathGlob: "path_glob HIDDEN"
            case .perFile: "per_file HIDDEN"
            case .exact: "exact HIDDEN"
            }
        }

        static let arguments: [Column] = [.query, .pathGlob, .perFile, .exact]
        /// The columns that need a passage's text and hits.
        static let highlighted: [Column] = [.text, .snippet, .highlights]
    }

    static let schema = "CREATE TABLE x(" + Column.allCases.map(\.declaration).joined(separator: ", ") + ")"

    static func register(on state: ArfaConnection) throws(LoadFailure) {
        guard let createModule = state.host.routines.pointee.create_module_v2 else { throw .registration(name) }
        let code = createModule(state.connection, name, module.pointer, state.retained(), ArfaConnection.release)
        guard code == ArfaConnection.ok else { throw .registration("\(name) (SQLite error \(code))") }
    }

    /// The module: eponymous only (no `xCreate`: the function exists in every schema and no
    /// `CREATE VIRTUAL TABLE` makes another), read-only.
    private static let module = ModuleDefinition()
}

/// The `sqlite3_module` SQLite keeps a pointer to while the function is registered: made once,
/// never changed or freed.
private struct ModuleDefinition: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<sqlite3_module>

    init() {
        pointer = .allocate(capacity: 1)
        var module = sqlite3_module()
        module.iVersion = 0
        module.xConnect = connect
        module.xBestIndex = bestIndex
        module.xDisconnect = disconnect
        module.xOpen = open
        module.xClose = close
        module.xFilter = filter
        module.xNext = next
        module.xEof = eof
        module.xColumn = column
        module.xRowid = rowid
        pointer.initialize(to: module)
    }
}

// MARK: The table and its cursors in C memory

/// SQLite's `sqlite3_vtab` (or `sqlite3_vtab_cursor`) followed by a retained Swift object: what
/// a C module allocates as a struct whose first member is SQLite's.
private enum Embedded {
    static func allocate<Base, Object: AnyObject>(_ base: Base.Type, holding object: Object) -> UnsafeMutablePointer<Base> {
        let size = MemoryLayout<Base>.stride + MemoryLayout<UnsafeRawPointer>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: max(MemoryLayout<Base>.alignment, 8))
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        raw.storeBytes(of: Unmanaged.passRetained(object).toOpaque(), toByteOffset: MemoryLayout<Base>.stride,
                       as: UnsafeMutableRawPointer.self)
        return raw.bindMemory(to: Base.self, capacity: 1)
    }

    static func object<Base, Object: AnyObject>(_ pointer: UnsafeMutablePointer<Base>, as: Object.Type) -> Object {
        let opaque = UnsafeRawPointer(pointer).load(fromByteOffset: MemoryLayout<Base>.stride, as: UnsafeMutableRawPointer.self)
        return Unmanaged<Object>.fromOpaque(opaque).takeUnretainedValue()
    }

    static func free<Base, Object: AnyObject>(_ pointer: UnsafeMutablePointer<Base>, as: Object.Type) {
        let opaque = UnsafeRawPointer(pointer).load(fromByteOffset: MemoryLayout<Base>.stride, as: UnsafeMutableRawPointer.self)
        Unmanaged<Object>.fromOpaque(opaque).release()
        UnsafeMutableRawPointer(pointer).deallocate()
    }
}

/// What `xBestIndex` decided, handed to `xFilter` as `idxNum`: which arguments `argv` holds, in
/// `Column.arguments` order then the LIMIT and OFFSET SQLite offered, and whether any column
/// needs the passages' text.
private struct Plan: OptionSet {
    let rawValue: Int32
    static let query = Plan(rawValue: 1 << 0)
    static let pathGlob = Plan(rawValue: 1 << 1)
    static let perFile = Plan(rawValue: 1 << 2)
    static let exact = Plan(rawValue: 1 << 3)
    static let limit = Plan(rawValue: 1 << 4)
    static let offset = Plan(rawValue: 1 << 5)
    static let highlights = Plan(rawValue: 1 << 6)

    static func argument(_ column: SearchTable.Column) -> Plan {
        switch column {
        case .query: .query
        case .pathGlob: .pathGlob
        case .perFile: .perFile
        default: .exact
        }
    }
}

/// sqlite3.h's codes.
private enum Code {
    static let ok: Int32 = 0, error: Int32 = 1, noMemory: Int32 = 7, constraint: Int32 = 19
    static let equals: UInt8 = 2, limit: UInt8 = 73, offset: UInt8 = 74
    static let null: Int32 = 5
}

private func connect(
    _ connection: OpaquePointer?, _ clientData: UnsafeMutableRawPointer?, _ argc: Int32,
    _ argv: UnsafePointer<UnsafePointer<CChar>?>?, _ table: UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab>?>?,
    _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    guard let state = ArfaConnection.from(clientData), let table else { return Code.error }
    let code = state.host.routines.pointee.declare_vtab?(connection, SearchTable.schema) ?? Code.error
    guard code == Code.ok else { return code }
    table.pointee = Embedded.allocate(sqlite3_vtab.self, holding: state)
    return Code.ok
}

private func disconnect(_ table: UnsafeMutablePointer<sqlite3_vtab>?) -> Int32 {
    if let table { Embedded.free(table, as: ArfaConnection.self) }
    return Code.ok
}

private func bestIndex(_ table: UnsafeMutablePointer<sqlite3_vtab>?, _ info: UnsafeMutablePointer<sqlite3_index_info>?) -> Int32 {
    guard let info else { return Code.error }
    var plan: Plan = []
    var given: [Plan: Int] = [:]
    for index in 0..<Int(info.pointee.nConstraint) {
        let constraint = info.pointee.aConstraint[index]
        switch constraint.op {
        case Code.equals:
            guard let column = SearchTable.Column(rawValue: constraint.iColumn),
                  SearchTable.Column.arguments.contains(column) else { continue }
            // A query that comes from a table not read yet: another plan must read it first.
            guard constraint.usable != 0 else {
                if column == .query { return Code.constraint }
                continue
            }
            given[Plan.argument(column)] = index
        case Code.limit where constraint.usable != 0:
            given[.limit] = index
        case Code.offset where constraint.usable != 0:
            given[.offset] = index
        default:
            continue
        }
    }
    var argument: Int32 = 0
    for flag in [Plan.query, .pathGlob, .perFile, .exact, .limit, .offset] {
        guard let index = given[flag] else { continue }
        argument += 1
        plan.insert(flag)
        info.pointee.aConstraintUsage[index].argvIndex = argument
        // The arguments are the function's, not conditions on rows; LIMIT and OFFSET are only a
        // hint of how far to rank, and SQLite still applies them.
        info.pointee.aConstraintUsage[index].omit = flag == .limit || flag == .offset ? 0 : 1
    }
    let used = info.pointee.colUsed
    if SearchTable.Column.highlighted.contains(where: { used & (1 << UInt64($0.rawValue)) != 0 }) {
        plan.insert(.highlights)
    }
    // The rows come best first.
    if info.pointee.nOrderBy == 1, info.pointee.aOrderBy[0].iColumn == SearchTable.Column.rank.rawValue,
       info.pointee.aOrderBy[0].desc == 0 {
        info.pointee.orderByConsumed = 1
    }
    info.pointee.idxNum = plan.rawValue
    info.pointee.estimatedCost = plan.contains(.query) ? 1_000 : 1e12
    info.pointee.estimatedRows = plan.contains(.query) ? 100 : 1_000_000_000
    return Code.ok
}

extension Plan: Hashable {}

private func open(
    _ table: UnsafeMutablePointer<sqlite3_vtab>?, _ cursor: UnsafeMutablePointer<UnsafeMutablePointer<sqlite3_vtab_cursor>?>?
) -> Int32 {
    guard let table, let cursor else { return Code.error }
    let state = Embedded.object(table, as: ArfaConnection.self)
    cursor.pointee = Embedded.allocate(sqlite3_vtab_cursor.self, holding: SearchCursor(state))
    return Code.ok
}

private func close(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 {
    guard let cursor else { return Code.ok }
    Embedded.object(cursor, as: SearchCursor.self).close()
    Embedded.free(cursor, as: SearchCursor.self)
    return Code.ok
}

private func filter(
    _ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?, _ plan: Int32, _ planText: UnsafePointer<CChar>?,
    _ argc: Int32, _ argv: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    guard let cursor else { return Code.error }
    let search = Embedded.object(cursor, as: SearchCursor.self)
    let values = (0..<Int(argc)).map { argv?[$0] }
    return search.failing(cursor) { try search.start(Plan(rawValue: plan), values) }
}

private func next(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 {
    guard let cursor else { return Code.error }
    let search = Embedded.object(cursor, as: SearchCursor.self)
    return search.failing(cursor) { try search.advance() }
}

private func eof(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?) -> Int32 {
    guard let cursor else { return 1 }
    return Embedded.object(cursor, as: SearchCursor.self).current == nil ? 1 : 0
}

private func column(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?, _ context: OpaquePointer?, _ index: Int32) -> Int32 {
    guard let cursor, let column = SearchTable.Column(rawValue: index) else { return Code.error }
    Embedded.object(cursor, as: SearchCursor.self).result(column, context)
    return Code.ok
}

private func rowid(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>?, _ rowid: UnsafeMutablePointer<Int64>?) -> Int32 {
    guard let cursor, let rowid else { return Code.error }
    rowid.pointee = Int64(Embedded.object(cursor, as: SearchCursor.self).current?.hit.rank ?? 0)
    return Code.ok
}

// MARK: One search

/// One cursor of `arfa_search`: the arguments of its current run, the searcher's cursor over the
/// hits, the hit it stands on, and statements of its own (`HostConnection`).
private final class SearchCursor {
    let state: ArfaConnection
    private let connection: HostConnection
    private var hits: HitCursor?
    private(set) var current: IndexHit?
    private var arguments: [SearchTable.Column: Argument] = [:]
    private var paths = DisplayPath(relativeTo: "/")

    /// An argument's value as given, returned by its hidden column.
    enum Argument {
        case text(String)
        case integer(Int64)
    }

    init(_ state: ArfaConnection) {
        self.state = state
        connection = HostConnection(state)
    }

    /// Runs the search `plan` and `values` describe, and stands on its first hit.
    func start(_ plan: Plan, _ values: [OpaquePointer?]) throws {
        hits?.close()
        hits = nil
        current = nil
        arguments = [:]
        var values = values.makeIterator()
        var given: [Plan: OpaquePointer] = [:]
        for flag in [Plan.query, .pathGlob, .perFile, .exact, .limit, .offset] where plan.contains(flag) {
            if let value = values.next() ?? nil, !isNull(value) { given[flag] = value }
        }
        guard plan.contains(.query) else {
            throw SearchFailure("arfa_search needs a query: SELECT * FROM arfa_search('أستانا')")
        }
        // NULL matches nothing, as `MATCH NULL` does.
        guard let queryValue = given[.query] else { return }
        let text = self.text(queryValue)
        arguments[.query] = .text(text)
        var options = SearchOptions(limit: 0)
        options.highlights = plan.contains(.highlights)
        if let limit = given[.limit].map(integer), limit >= 0 {
            options.limit = Int(limit + (given[.offset].map(integer).map { max($0, 0) } ?? 0))
            // LIMIT 0 asks for no row, not for all of them.
            if options.limit == 0 { return }
        }
        if let glob = given[.pathGlob].map(self.text) {
            arguments[.pathGlob] = .text(glob)
            options.paths = PathFilter(patterns: [Self.absolute(glob)])
        }
        if let perFile = given[.perFile].map(integer) {
            arguments[.perFile] = .integer(perFile)
            guard perFile >= 1 else { throw SearchFailure("per_file must be 1 or more, got \(perFile)") }
            options.perFile = Int(perFile)
        }
        if let exact = given[.exact].map(integer) {
            arguments[.exact] = .integer(exact)
            if exact != 0 { options.typos = .off }
        }
        let query = try QueryParser().parse(text)
        switch try IndexCompatibility.of(connection) {
        case .current:
            break
        case .otherAnalysis(let stored):
            throw SearchFailure(IndexCompatibility.mismatchMessage(path: state.databasePath, stored: stored))
        case .notAnIndex:
            throw SearchFailure(
                "arfa_search reads a search index, and \(state.databasePath) is not one: "
                    + "open an index built by `search index FOLDER --index FILE`")
        }
        paths = DisplayPath(relativeTo: Self.currentFolder)
        let understood = try QueryReader(connection).read(query, tolerance: options.typos)
        hits = try HitCursor(understood.query, options: options, connection: connection)
        try advance()
    }

    func advance() throws {
        current = try hits?.next()
        if current == nil {
            hits?.close()
            hits = nil
        }
    }

    func close() {
        hits?.close()
        hits = nil
        connection.close()
    }

    /// Runs `body`; a failure becomes the table's error message and SQLITE_ERROR.
    func failing(_ cursor: UnsafeMutablePointer<sqlite3_vtab_cursor>, _ body: () throws -> Void) -> Int32 {
        do {
            try body()
            return Code.ok
        } catch {
            hits?.close()
            hits = nil
            current = nil
            let table = cursor.pointee.pVtab!
            if let old = table.pointee.zErrMsg { state.host.routines.pointee.free?(old) }
            table.pointee.zErrMsg = state.host.allocated("\(error)")
            return Code.error
        }
    }

    /// Sets `column` of the current hit as the result of `context`.
    func result(_ column: SearchTable.Column, _ context: OpaquePointer?) {
        guard let current else { return state.resultNull(context) }
        let hit = current.hit
        let routines = state.host.routines.pointee
        switch column {
        case .rank: routines.result_int64?(context, Int64(hit.rank))
        case .path: state.result(context, text: paths.of(hit.path))
        case .line: routines.result_int64?(context, Int64(hit.startLine))
        case .endLine: routines.result_int64?(context, Int64(hit.endLine))
        case .score: routines.result_double?(context, HitJSON.score(hit.score))
        case .text: state.result(context, text: hit.text)
        case .snippet: state.result(context, text: Snippet(text: hit.text, highlights: hit.highlights).text)
        case .highlights: state.result(context, text: HitJSON.highlights(hit.highlights))
        case .passageID: routines.result_int64?(context, current.passageID)
        case .fileID: routines.result_int64?(context, current.fileID)
        case .query, .pathGlob, .perFile, .exact:
            switch arguments[column] {
            case .text(let text): state.result(context, text: text)
            case .integer(let value): routines.result_int64?(context, value)
            case nil: state.resultNull(context)
            }
        }
    }

    private func isNull(_ value: OpaquePointer) -> Bool {
        state.host.routines.pointee.value_type?(value) == Code.null
    }

    /// A value's text (a blob's bytes read as UTF-8, invalid sequences repaired).
    private func text(_ value: OpaquePointer) -> String {
        let routines = state.host.routines.pointee
        guard let bytes = routines.value_text?(value) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(routines.value_bytes?(value) ?? 0)), as: UTF8.self)
    }

    private func integer(_ value: OpaquePointer) -> Int64 {
        state.host.routines.pointee.value_int64?(value) ?? 0
    }

    /// A pattern that does not start at the root or with a wildcard is taken from the current
    /// folder, as `search --path` takes it.
    static func absolute(_ pattern: String) -> String {
        pattern.hasPrefix("/") || pattern.hasPrefix("*") ? pattern : currentFolder + "/" + pattern
    }

    static var currentFolder: String {
        guard let folder = getcwd(nil, 0) else { return "/" }
        defer { free(folder) }
        return String(cString: folder)
    }
}

/// A failure of `arfa_search` in the user's words.
private struct SearchFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
