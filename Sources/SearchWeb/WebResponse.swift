/// What the site answers: a status, headers and a body. Every response carries the security
/// headers (`securityHeaders`); the HTTP layer adds the framing (length, connection).
public struct WebResponse: Sendable {
    public var status: HTTPStatus
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: HTTPStatus, contentType: String, body: String, headers: [(name: String, value: String)] = []) {
        self.status = status
        self.body = Array(body.utf8)
        self.headers = [("Content-Type", contentType)] + headers + Self.securityHeaders
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    static let html = "text/html; charset=utf-8"
    static let json = "application/json; charset=utf-8"

    /// A local tool's security headers:
    /// - the page may load only its own script and style, nothing from elsewhere, and may not be
    ///   framed; forms submit only to the site;
    /// - no content type is guessed from a body;
    /// - no query leaks to another site through a `Referer`;
    /// - answers are not kept by caches (they change when the index does).
    /// No `Access-Control-Allow-Origin`: other sites' scripts cannot read the answers.
    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-cache"),
    ]

    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
}
