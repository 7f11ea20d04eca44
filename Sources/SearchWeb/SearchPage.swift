import SearchCore
import SearchIndex
import SearchOutput

/// The results page, rendered on the server (it works with JavaScript off): the search box,
/// the typo notice, the count, the hits as the CLI ranks them — `path:line` linking to the
/// passage in its document, the passage with its matched words in `<mark class="KIND">` — and
/// links to the previous and next pages. Without `q`, the box and a few examples.
struct SearchPage {
    let site: SearchSite

    func respond(to request: WebRequest) throws -> WebResponse {
        guard let search = try SearchRequest(
            request, defaultLimit: SearchRequest.pageSize, limitIsFixed: true, emptyIsNone: true) else {
            return WebResponse(status: .ok, contentType: WebResponse.html, body: Self.page(
                title: "search", query: "", pathGlobs: [], results: try welcome()))
        }
        let results: String
        var status = HTTPStatus.ok
        do {
            results = render(try site.search(search), for: search)
        } catch let error as WebError {
            // A malformed query: the page, with the CLI's message where the results would be.
            status = error.status
            results = Self.message(error.message, kind: "error")
        }
        return WebResponse(status: status, contentType: WebResponse.html, body: Self.page(
            title: search.query, query: search.query, pathGlobs: search.pathGlobs, results: results))
    }

    static func failure(_ error: WebError) -> WebResponse {
        WebResponse(status: error.status, contentType: WebResponse.html, body: page(
            title: error.status.reason, query: "", pathGlobs: [], results: message(error.message, kind: "error")))
    }

    private func welcome() throws -> String {
        let status = try site.store.status()
        let examples = ["أستانا", "\"مفاوضات أستانا\"", "روسيا OR سوريا", "کتاب‌ها", "ما هي شجرة الزقوم؟"]
        return "<p class=\"count\">\(Self.count(status.passages, "passage")) in \(Self.count(status.files, "file")).</p>\n"
            + "<p class=\"examples\">Try " + examples.map { example in
                "<a href=\"\(HTML.attribute(SiteLink(path: "/", parameters: [("q", example)]).text))\" dir=\"rtl\">"
                    + HTML.text(example) + "</a>"
            }.joined(separator: ", ") + ".</p>\n"
    }

    private func render(_ result: SearchResult, for search: SearchRequest) -> String {
        var html = ""
        for correction in result.understood.corrections {
            html += Self.message(CorrectionMessage.text(correction), kind: "notice")
        }
        let total = result.total ?? result.hits.count
        if result.hits.isEmpty {
            html += "<p class=\"count\">" + (total == 0 ? "No passage matches." : "No more passages: \(Self.count(total, "passage")) in all.") + "</p>\n"
        } else {
            let first = search.offset + 1, last = search.offset + result.hits.count
            html += "<p class=\"count\">" + (first == 1 && last == total
                ? Self.count(total, "passage")
                : "Passages \(first)–\(last) of \(Self.grouped(total))") + "</p>\n"
            html += "<ol class=\"hits\" start=\"\(first)\">\n"
            for hit in result.hits { html += item(hit, search: search) }
            html += "</ol>\n"
        }
        html += pages(search, shown: result.hits.count, total: total)
        return html
    }

    private func item(_ hit: Hit, search: SearchRequest) -> String {
        let path = site.paths.of(hit.path)
        let lines = hit.startLine == hit.endLine ? "\(hit.startLine)" : "\(hit.startLine)–\(hit.endLine)"
        let link = SiteLink(path: "/passage", parameters: [("path", path), ("line", String(hit.startLine)), ("q", search.query)])
        let writing = Writing(of: hit.text)
        return "<li class=\"hit\"\(writing.attributes)>"
            + "<a class=\"place\" dir=\"ltr\" href=\"\(HTML.attribute(link.text))#line-\(hit.startLine)\">"
            + "<bdi>\(HTML.text(path))</bdi>:\(lines)</a>\n"
            + "<p class=\"passage\">\(HTML.marked(hit.text, highlights: hit.highlights))</p></li>\n"
    }

    private func pages(_ search: SearchRequest, shown: Int, total: Int) -> String {
        var links: [String] = []
        if search.offset > 0 {
            let previous = SiteLink(path: "/", parameters: search.parameters(offset: max(0, search.offset - search.limit)))
            links.append("<a rel=\"prev\" href=\"\(HTML.attribute(previous.text))\">← Previous</a>")
        }
        if shown > 0 && search.offset + shown < total {
            let next = SiteLink(path: "/", parameters: search.parameters(offset: search.offset + shown))
            links.append("<a rel=\"next\" href=\"\(HTML.attribute(next.text))\">Next →</a>")
        }
        return links.isEmpty ? "" : "<nav class=\"pages\">" + links.joined(separator: " ") + "</nav>\n"
    }

    static func message(_ text: String, kind: String) -> String {
        "<p class=\"\(kind)\" dir=\"auto\">\(HTML.text(text))</p>\n"
    }

    static func count(_ value: Int, _ noun: String) -> String {
        "\(grouped(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    static func grouped(_ value: Int) -> String { IndexSummary.grouped(value) }

    /// The whole page around `results`: the search box keeps the query (and its path filters),
    /// reads in the query's direction and language, and has the focus.
    static func page(title: String, query: String, pathGlobs: [String], results: String) -> String {
        let writing = Writing(of: query, isQuery: true)
        let filters = pathGlobs.map { "<input type=\"hidden\" name=\"path\" value=\"\(HTML.attribute($0))\">" }.joined()
        return Layout.document(title: title, body: """
            <header><form class="search" action="/" method="get" role="search">\
            <input type="search" name="q" value="\(HTML.attribute(query))" dir="auto"\
            \(writing.language.map { " lang=\"\($0)\"" } ?? "") autofocus autocomplete="off" \
            aria-label="Search" placeholder="أستانا، کتاب‌ها، &quot;مفاوضات أستانا&quot;…">\(filters)\
            <button type="submit">Search</button></form></header>
            <main id="results" aria-live="polite">
            \(results)</main>
            """)
    }
}

/// What every page shares: the document, its style sheet and script.
enum Layout {
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(HTML.text(title, markup: false)) · search</title>
        <link rel="stylesheet" href="\(Assets.styleSheetPath)">
        <script src="\(Assets.scriptPath)" defer></script>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
