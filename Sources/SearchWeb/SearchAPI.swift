import SearchCore
import SearchOutput
import SearchStatus

/// The JSON API, for programs:
///
///     GET /api/search?q=أستانا&limit=2
///     {"query":"أستانا","offset":0,"limit":2,"count":3,"corrections":[],"hits":[{"type":"match",…},…]}
///
/// Each hit is exactly a line of `search --json` (`HitJSON`); `count` is the number of matching
/// passages in all; `corrections` lists the words read with close spellings, each with `typed`,
/// `spellings` and the `message` the CLI prints. `/api/status` answers `search status --json`.
/// Errors are `{"error":"…"}` with the status that fits.
struct SearchAPI {
    let site: SearchSite

    func search(_ request: WebRequest) throws -> WebResponse {
        guard let search = try SearchRequest(request, defaultLimit: SearchRequest.pageSize, limitIsFixed: false) else {
            throw WebError(status: .badRequest, "give the query as q, e.g. /api/search?q=أستانا")
        }
        let result = try site.search(search)
        var object = JSONWriter()
        object.add("query", search.query)
        object.add("offset", search.offset)
        object.add("limit", search.limit)
        object.add("count", result.total ?? result.hits.count)
        object.add("corrections", objects: result.understood.corrections.map { correction in
            var entry = JSONWriter()
            entry.add("typed", correction.typed)
            entry.add("spellings", strings: correction.shownSpellings)
            entry.add("message", CorrectionMessage.text(correction))
            return entry
        })
        object.add("hits", objects: result.hits.map { HitJSON.object($0, path: site.paths.of($0.path)) })
        return WebResponse(status: .ok, contentType: WebResponse.json, body: object.finished + "\n")
    }

    func status() throws -> WebResponse {
        WebResponse(status: .ok, contentType: WebResponse.json, body: StatusReport.json(try site.store.status()) + "\n")
    }

    static func failure(_ error: WebError) -> WebResponse {
        var object = JSONWriter()
        object.add("error", error.message)
        return WebResponse(status: error.status, contentType: WebResponse.json, body: object.finished + "\n")
    }
}
