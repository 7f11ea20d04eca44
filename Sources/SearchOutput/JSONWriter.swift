/// Builds one JSON object with its keys in the order they are added (the documented order),
/// which `JSONEncoder` cannot promise on Linux.
public struct JSONWriter: Sendable {
    public private(set) var text = "{"
    private var empty = true

    public init() {}

    public mutating func add(_ key: String, _ value: String) { addRaw(key, Self.quoted(value)) }
    public mutating func add(_ key: String, _ value: Int) { addRaw(key, String(value)) }
    public mutating func add(_ key: String, _ value: Double) {
        addRaw(key, value.isFinite ? String(value) : "null")
    }
    public mutating func add(_ key: String, _ value: Bool) { addRaw(key, value ? "true" : "false") }
    public mutating func add(_ key: String, strings: [String]) {
        addRaw(key, "[" + strings.map(Self.quoted).joined(separator: ",") + "]")
    }
    public mutating func add(_ key: String, object: JSONWriter?) { addRaw(key, object?.finished ?? "null") }
    public mutating func add(_ key: String, objects: [JSONWriter]) {
        addRaw(key, "[" + objects.map(\.finished).joined(separator: ",") + "]")
    }

    public mutating func addRaw(_ key: String, _ json: String) {
        text += (empty ? "" : ",") + Self.quoted(key) + ":" + json
        empty = false
    }

    public var finished: String { text + "}" }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything
    /// else (Arabic included) written as UTF-8.
    public static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
