/// A request as the site reads it: the method, the decoded path and query parameters, and the
/// `Host` header. The HTTP layer has parsed the message; this reads its target.
public struct WebRequest: Sendable, Equatable {
    public var method: String
    /// The path, percent-decoded (`/api/search`).
    public var path: String
    /// The query parameters in order, names and values percent-decoded (`+` is a space).
    public var parameters: [(name: String, value: String)]
    public var host: String?

    /// The longest request target read; a longer one is answered 414.
    public static let maximumTargetBytes = 8 * 1024
    /// The most query parameters read; more are answered 400.
    public static let maximumParameters = 32

    /// Reads `target` (`/path?query`, as in the request line).
    public init(method: String, target: String, host: String?) throws(WebError) {
        self.method = method
        self.host = host
        guard target.utf8.count <= Self.maximumTargetBytes else {
            throw WebError(status: .uriTooLong, "the URL is longer than \(Self.maximumTargetBytes) bytes")
        }
        guard target.hasPrefix("/") else { throw WebError(status: .badRequest, "the URL must start with /") }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = try Self.decoded(parts[0], plusIsSpace: false)
        parameters = []
        guard parts.count > 1, !parts[1].isEmpty else { return }
        let pairs = parts[1].split(separator: "&", omittingEmptySubsequences: true)
        guard pairs.count <= Self.maximumParameters else {
            throw WebError(status: .badRequest, "more than \(Self.maximumParameters) query parameters")
        }
        for pair in pairs {
            let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters.append((
                try Self.decoded(nameAndValue[0], plusIsSpace: true),
                try Self.decoded(nameAndValue.count > 1 ? nameAndValue[1] : "", plusIsSpace: true)))
        }
    }

    public static func == (left: WebRequest, right: WebRequest) -> Bool {
        left.method == right.method && left.path == right.path && left.host == right.host
            && left.parameters.map(\.name) == right.parameters.map(\.name)
            && left.parameters.map(\.value) == right.parameters.map(\.value)
    }

    /// Every value given for `name`.
    public func values(_ name: String) -> [String] {
        parameters.filter { $0.name == name }.map(\.value)
    }

    /// The one value given for `name`, nil when none; given twice, a 400.
    public func value(_ name: String) throws(WebError) -> String? {
        let values = values(name)
        guard values.count <= 1 else { throw WebError(status: .badRequest, "the parameter \(name) is given twice") }
        return values.first
    }

    /// Percent-decoding. Rules: `%` must be followed by two hex digits; the bytes must be UTF-8;
    /// a NUL byte (raw or `%00`) is refused, as no path, query or word holds one.
    static func decoded(_ text: Substring, plusIsSpace: Bool) throws(WebError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw WebError(status: .badRequest, "malformed percent-encoding in the URL")
                }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        guard !bytes.contains(0) else { throw WebError(status: .badRequest, "the URL contains a NUL byte") }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw WebError(status: .badRequest, "the URL is not valid UTF-8 once decoded")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A request the site refuses, with the status that fits and a one-line message.
public struct WebError: Error, Equatable, Sendable {
    public var status: HTTPStatus
    public var message: String

    public init(status: HTTPStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// The HTTP statuses the site answers with.
public enum HTTPStatus: Int, Sendable {
    case ok = 200
    case badRequest = 400
    case forbidden = 403
    case notFound = 404
    case methodNotAllowed = 405
    case payloadTooLarge = 413
    case uriTooLong = 414
    case internalServerError = 500
    case serviceUnavailable = 503

    public var reason: String {
        switch self {
        case .ok: "OK"
        case .badRequest: "Bad Request"
        case .forbidden: "Forbidden"
        case .notFound: "Not Found"
        case .methodNotAllowed: "Method Not Allowed"
        case .payloadTooLarge: "Content Too Large"
        case .uriTooLong: "URI Too Long"
        case .internalServerError: "Internal Server Error"
        case .serviceUnavailable: "Service Unavailable"
        }
    }
}
