import SearchCore
import SearchIndex

/// `/passage?path=PATH&line=N[&q=QUERY]`: the passages of an indexed file that hold line N,
/// with the passages around them, the file's path and each passage's lines; with `q`, the
/// query's hits are marked in them, and a link leads back to the results. The link of each hit
/// on the results page.
///
/// PATH is a file's path as the results show it (relative to the server's folder, or absolute)
/// and is only looked up in the index: nothing is read from the file system, so a path that is
/// not an indexed file's (`../`, a symbolic link, a file beside the indexed ones) is a 404,
/// and one that cannot be an indexed path (`.` or `..` components, control characters) a 400.
struct PassagePage {
    let site: SearchSite

    /// Passages shown before and after the ones asked for.
    static let context = 5

    func respond(to request: WebRequest) throws -> WebResponse {
        guard let shown = try request.value("path"), let lineText = try request.value("line") else {
            throw WebError(status: .badRequest, "give path and line, as the links on the results page do")
        }
        guard let line = Int(lineText), line >= 1 else {
            throw WebError(status: .badRequest, "line must be a line number (1 or more), got \(lineText)")
        }
        let path = try indexedPath(shown)
        guard let excerpt = try site.store.excerpt(ofFileAt: path, line: line, context: Self.context) else {
            throw WebError(status: .notFound, "the index has no passage at line \(line) of \(shown)")
        }
        let query = try request.value("q")
        let highlights = try query.map { try self.highlights(of: $0, in: path) } ?? [:]
        return WebResponse(status: .ok, contentType: WebResponse.html, body: page(
            excerpt, shown: shown, line: line, query: query, highlights: highlights))
    }

    /// The path as the index writes it: absolute, from the server's folder when relative.
    func indexedPath(_ shown: String) throws(WebError) -> String {
        guard !shown.isEmpty, shown.utf8.count <= 4096 else {
            throw WebError(status: .badRequest, "path must be a file's path as the results show it")
        }
        guard !shown.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw WebError(status: .badRequest, "path must not contain control characters")
        }
        let components = shown.split(separator: "/", omittingEmptySubsequences: false)
        let inner = shown.hasPrefix("/") ? components.dropFirst() : components[...]
        guard !inner.contains(where: { $0 == "." || $0 == ".." || $0.isEmpty }) else {
            throw WebError(status: .badRequest, "path must be a file's path as the results show it, without ., .. or //")
        }
        return shown.hasPrefix("/") ? shown : (site.folder == "/" ? "" : site.folder) + "/" + shown
    }

    /// Where the query matches in the file at `path`, by passage (its lines and text); nothing
    /// for a query that does not parse (the link back shows it as it was).
    func highlights(of query: String, in path: String) throws -> [PassageKey: [Highlight]] {
        guard query.unicodeScalars.count <= SearchRequest.maximumQueryCharacters,
              let parsed = try? QueryParser().parse(query) else { return [:] }
        var options = SearchOptions(limit: 0)
        // The file's own path as a pattern: its glob characters escaped, so it matches itself only.
        options.paths = PathFilter(patterns: [Self.literalPattern(path)])
        var found: [PassageKey: [Highlight]] = [:]
        for hit in try site.searcher.search(parsed, options: options).hits where hit.path == path {
            found[PassageKey(startLine: hit.startLine, endLine: hit.endLine, text: hit.text)] = hit.highlights
        }
        return found
    }

    /// A glob that matches `path` alone (`fnmatch` reads a backslash as "the next character itself").
    static func literalPattern(_ path: String) -> String {
        var pattern = ""
        for character in path {
            if "*?[]\\".contains(character) { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern
    }

    /// A passage as both the excerpt and the hits know it.
    struct PassageKey: Hashable {
        var startLine: Int
        var endLine: Int
        var text: String
    }

    private func page(
        _ excerpt: DocumentExcerpt, shown: String, line: Int, query: String?, highlights: [PassageKey: [Highlight]]
    ) -> String {
        var html = "<header class=\"document\">"
        if let query, !query.isEmpty {
            let back = SiteLink(path: "/", parameters: [("q", query)])
            html += "<a class=\"back\" href=\"\(HTML.attribute(back.text))\">← Results for <bdi>\(HTML.text(query))</bdi></a>\n"
        }
        html += "<h1 dir=\"ltr\"><bdi>\(HTML.text(shown))</bdi></h1>\n"
        html += "<p class=\"count\">Passage\(excerpt.focus.count == 1 ? "" : "s") "
            + "\(range(excerpt.focus.lowerBound + 1, excerpt.focus.upperBound + 1)) of \(SearchPage.grouped(excerpt.passageCount)), "
            + "line \(line)</p></header>\n<main class=\"document\">\n"
        if let first = excerpt.passages.first, first.ordinal > 0 {
            html += link("↑ Earlier passages", shown: shown, line: first.startLine, query: query, rel: "prev")
        }
        var anchored: Set<Int> = []
        for passage in excerpt.passages {
            let writing = Writing(of: passage.text)
            let isFocus = excerpt.focus.contains(passage.ordinal)
            let marks = highlights[PassageKey(startLine: passage.startLine, endLine: passage.endLine, text: passage.text)] ?? []
            let anchor = anchored.insert(passage.startLine).inserted ? " id=\"line-\(passage.startLine)\"" : ""
            html += "<section class=\"passage\(isFocus ? " focus" : "")\"\(anchor)>"
                + "<p class=\"lines\" dir=\"ltr\">line\(passage.startLine == passage.endLine ? "" : "s") "
                + "\(range(passage.startLine, passage.endLine))</p>"
                + "<p\(writing.attributes)>\(HTML.marked(passage.text, highlights: marks))</p></section>\n"
        }
        if let last = excerpt.passages.last, last.ordinal < excerpt.passageCount - 1 {
            html += link("↓ Later passages", shown: shown, line: last.startLine, query: query, rel: "next")
        }
        html += "</main>\n"
        return Layout.document(title: shown + ":" + String(line), body: html)
    }

    private func link(_ label: String, shown: String, line: Int, query: String?, rel: String) -> String {
        let target = SiteLink(path: "/passage", parameters: [("path", shown), ("line", String(line))] + (query.map { [("q", $0)] } ?? []))
        return "<nav class=\"pages\"><a rel=\"\(rel)\" href=\"\(HTML.attribute(target.text))#line-\(line)\">\(label)</a></nav>\n"
    }

    private func range(_ first: Int, _ last: Int) -> String {
        first == last ? "\(first)" : "\(first)–\(last)"
    }
}
