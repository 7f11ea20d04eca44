/// Builds one JSON object with its keys in the order they are added (the documented order),
/// which `JSONEncoder` cannot promise on Linux.
struct JSONWriter {
    private(set) var text = "{"
    private var empty = true

    mutating func add(_ key: String, _ value: String) { addRaw(key, Self.quoted(value)) }
    mutating func add(_ key: String, _ value: Int) { addRaw(key, String(value)) }
    mutating func add(_ key: String, _ value: Double) {
        addRaw(key, value.isFinite ? String(value) : "null")
    }
    mutating func add(_ key: String, _ value: Bool) { addRaw(key, value ? "true" : "false") }
    mutating func add(_ key: String, strings: [String]) {
        addRaw(key, "[" + strings.map(Self.quoted).joined(separator: ",") + "]")
    }
    mutating func add(_ key: String, object: JSONWriter?) { addRaw(key, object?.finished ?? "null") }
    mutating func add(_ key: String, objects: [JSONWriter]) {
        addRaw(key, "[" + objects.map(\.finished).joined(separator: ",") + "]")
    }

    mutating func addRaw(_ key: String, _ json: String) {
        text += (empty ? "" : ",") + Self.quoted(key) + ":" + json
        empty = false
    }

    var finished: String { text + "}" }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything
    /// else (Arabic included) written as UTF-8.
    static func quoted(_ string: String) -> String {
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
