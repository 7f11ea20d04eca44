import ArgumentParser
import Foundation
import NIOCore
import SearchIndex
import SearchWeb

/// `search-server`: what `search serve` runs (see `search serve --help`). It serves the index
/// until SIGINT or SIGTERM, then ends with status 0.
@main
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search-server",
        abstract: "Serve an index's search page and JSON API (run by `search serve`).")

    @Option(name: .customLong("index"), help: ArgumentHelp("The index database.", valueName: "path"))
    var index: String

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on (0: any free port).", valueName: "n"))
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, got \(port)") }
    }

    /// Queries answered at once, each on its own thread and connection to the index.
    static var readers: Int { max(2, System.coreCount) }

    func run() throws {
        let stop = StopSignals()
        let store: IndexStore
        do {
            store = try IndexStore.openForSearching(at: index, readers: Self.readers)
        } catch {
            Self.fail(error.description)
        }
        let folder = FileManager.default.currentDirectoryPath
        let server: HTTPServer
        do {
            server = try HTTPServer(
                site: { hosts in SearchSite(store: store, folder: folder, hosts: hosts) },
                host: host, port: port, readers: Self.readers)
        } catch {
            Self.fail("cannot listen on \(host):\(port): \(Self.reason(error))")
        }
        Self.say("search: serving \(index) at \(server.url) (Ctrl-C stops)")
        stop.wait()
        server.stop()
        Self.say("search: stopped")
    }

    /// A line on standard output, written at once (a test or a supervisor reads it).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("search: " + message + "\n").utf8))
        Foundation.exit(2)
    }

    /// `address already in use`, not a type's dump.
    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        return "\(error)"
    }
}

/// SIGINT (Ctrl-C) and SIGTERM (systemd, `kill`): both stop the server cleanly. They are
/// blocked for every thread and taken by `wait`, so no handler runs at an arbitrary point.
struct StopSignals {
    private var signals = sigset_t()

    init() {
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        // Before any other thread starts: they inherit the mask.
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    func wait() {
        var signals = signals
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
    }
}
