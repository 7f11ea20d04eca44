public import SearchIndex
import SearchCore
import SearchOutput
import SearchStatus

/// The site `search serve` serves, without the network: a request in, a response out. It only
/// reads the index, and only through the index: no parameter names a file that is opened.
///
/// - `GET /?q=QUERY[&offset=N][&path=GLOB]`: the results page (`SearchPage`).
/// - `GET /passage?path=PATH&line=N`: a passage among the passages around it (`PassagePage`).
/// - `GET /api/search?q=QUERY[&limit=N][&offset=N][&path=GLOB]`: the results as JSON (`SearchAPI`).
/// - `GET /api/status`: what `search status --json` prints.
/// - `GET /assets/…`: the page's style sheet and script.
/// HEAD is answered as GET; any other method gets 405.
public struct SearchSite: Sendable {
    let store: IndexStore
    let searcher: Searcher
    /// The server's folder: paths are shown relative to it, as the CLI shows them relative to
    /// the current folder, and relative globs and paths are read from it.
    let folder: String
    let hosts: HostPolicy

    public init(store: IndexStore, folder: String, hosts: HostPolicy) {
        self.store = store
        searcher = Searcher(store: store)
        self.folder = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        self.hosts = hosts
    }

    var paths: DisplayPath { DisplayPath(relativeTo: folder) }

    /// The answer to `request`. Never throws: every failure is a response with its status.
    public func respond(to request: WebRequest) -> WebResponse {
        let isAPI = request.path.hasPrefix("/api/")
        do {
            try hosts.check(request.host)
            guard request.method == "GET" || request.method == "HEAD" else {
                throw WebError(status: .methodNotAllowed, "only GET and HEAD are answered")
            }
            switch request.path {
            case "/": return try SearchPage(site: self).respond(to: request)
            case "/passage": return try PassagePage(site: self).respond(to: request)
            case "/api/search": return try SearchAPI(site: self).search(request)
            case "/api/status": return try SearchAPI(site: self).status()
            case Assets.styleSheetPath: return Assets.styleSheet
            case Assets.scriptPath: return Assets.script
            default: throw WebError(status: .notFound, "no such page: \(request.path)")
            }
        } catch let error as WebError {
            return failure(error, isAPI: isAPI)
        } catch let error as IndexError {
            return failure(Self.webError(error), isAPI: isAPI)
        } catch {
            return failure(WebError(status: .internalServerError, "\(error)"), isAPI: isAPI)
        }
    }

    /// The answer to a request as it arrived: the target is read first (a malformed one is a
    /// 400 or a 414).
    public func respond(method: String, target: String, host: String?) -> WebResponse {
        do {
            return respond(to: try WebRequest(method: method, target: target, host: host))
        } catch {
            return failure(error, isAPI: target.hasPrefix("/api/"))
        }
    }

    /// A request the HTTP layer could not even read (a malformed target): answered as the site
    /// answers its own errors.
    public func failure(_ error: WebError, isAPI: Bool) -> WebResponse {
        var response = isAPI ? SearchAPI.failure(error) : SearchPage.failure(error)
        if error.status == .methodNotAllowed { response.headers.append(("Allow", "GET, HEAD")) }
        return response
    }

    static func webError(_ error: IndexError) -> WebError {
        switch error {
        case .database(let message) where message.contains("locked"):
            WebError(status: .serviceUnavailable, error.description)
        default:
            WebError(status: .internalServerError, error.description)
        }
    }

    /// Runs a search; a malformed query is a 400 with the CLI's one-line message.
    func search(_ request: SearchRequest) throws -> SearchResult {
        let query: ParsedQuery
        do {
            query = try QueryParser().parse(request.query)
        } catch {
            throw WebError(status: .badRequest, error.description)
        }
        return try searcher.search(query, options: request.options(folder: folder))
    }
}

/// Which `Host` headers are answered. A server on a loopback address answers only requests
/// addressed to a loopback name: a web page elsewhere that points its own domain at 127.0.0.1
/// (DNS rebinding) gets a 403, not the index.
public enum HostPolicy: Sendable {
    case loopbackOnly
    case any

    func check(_ host: String?) throws(WebError) {
        guard case .loopbackOnly = self, let host else { return }
        guard Self.isLoopback(host) else {
            throw WebError(status: .forbidden,
                           "this server answers requests for localhost only, not for \(host) (see `search serve --help`)")
        }
    }

    /// `localhost`, `127.x.x.x` or `[::1]`, with or without a port.
    static func isLoopback(_ host: String) -> Bool {
        var name = Substring(host.lowercased())
        if name.hasPrefix("[") {
            guard let end = name.firstIndex(of: "]") else { return false }
            let rest = name[name.index(after: end)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isNumber)) else { return false }
            return name[name.index(after: name.startIndex)..<end] == "::1"
        }
        if let colon = name.lastIndex(of: ":") {
            guard name[name.index(after: colon)...].allSatisfy(\.isNumber) else { return false }
            name = name[..<colon]
        }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
