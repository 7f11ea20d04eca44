import ArgumentParser
import Foundation

/// `search serve`: the results in a browser, and a JSON API, from the same index.
///
/// The server is a program of its own, `search-server`, installed beside `search`: this command
/// checks the arguments, opens the index as a query would (the demo index builds itself on
/// first use), then becomes the server (`execv`, same process: Ctrl-C and SIGTERM reach it).
/// `search` itself never links the HTTP stack, so a one-shot query starts as fast as before.
/// In a SwiftPM checkout (`swift run search serve`), a missing `search-server` is built first.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a search page and a JSON API over HTTP.",
        discussion: """
            Serves until Ctrl-C or SIGTERM. It only reads the index, and keeps answering while \
            `search index` updates it (each answer sees the last committed state).

              GET /?q=QUERY[&offset=N][&path=GLOB]           the results page
              GET /passage?path=PATH&line=N                  a passage in its document
              GET /api/search?q=QUERY[&limit=N][&offset=N][&path=GLOB]   the results as JSON
              GET /api/status                                what `search status --json` prints

            On a loopback address (the default) it answers only requests addressed to localhost, \
            127.0.0.1 or [::1]; a reverse proxy in front of it must pass such a Host (nginx's \
            proxy_pass does unless told otherwise). Paths are shown relative to the folder it \
            was started in.

            Examples:
              search serve                                   http://127.0.0.1:8080/
              search serve --index /var/lib/search/news.db --port 8081
            """)

    @OptionGroup var location: IndexLocationOptions

    @Option(help: ArgumentHelp("The address to listen on (0.0.0.0 or :: for every interface).", valueName: "address"))
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "n"))
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, got \(port)") }
        guard !host.isEmpty else { throw ValidationError("--host must be an address, e.g. 127.0.0.1") }
    }

    func run() throws {
        let location = location.resolved
        // Opened here for its messages and the demo index; closed before the server opens it again.
        _ = try SearchableIndex.open(location)
        let server = try ServerProgram.find()
        let arguments = [server, "--index", location.path, "--host", host, "--port", String(port)]
        var argv = arguments.map { strdup($0) } + [nil]
        execv(server, &argv)
        throw UsageError(message: "cannot run \(server): \(String(cString: strerror(errno)))")
    }
}
