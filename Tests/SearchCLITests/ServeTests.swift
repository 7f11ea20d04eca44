import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import SearchCLI

/// `search serve` through the built binaries, on 127.0.0.1 and a free port, with requests
/// written byte for byte.
@Suite struct ServeTests: SeedsSuite {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace.withIndexedSeeds()
    }

    static let astana = "/?q=" + "أستانا".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

    @Test func servesTheDemoCorpusOnFirstUse() throws {
        let fresh = try Workspace()
        let server = try ServerProcess(fresh.runner)
        #expect(server.startErrors.contains("first use: indexing the demo corpus seeds/"))
        let page = try server.get(Self.astana)
        #expect(page.status == 200)
        #expect(page.body.occurrences(of: "<mark class=\"exact\" title=\"exact match\">أستانا</mark>") == 3)
        #expect(page.body.occurrences(of: "<bdi>seeds/000_d0ff0c257c8734f8.txt</bdi>") == 3)
        #expect(server.stop().status == 0)
    }

    @Test func theAPIHitsAreTheLinesOfSearchJSON() throws {
        let server = try ServerProcess(runner)
        for query in ["أستانا", "روسيه", "العراق"] {
            let lines = try runner.run(query, "--json").stdout.split(separator: "\n").map(String.init)
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let answer = try server.get("/api/search?q=\(encoded)")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json; charset=utf-8")
            #expect(answer.body.contains("\"hits\":[" + lines.joined(separator: ",") + "]}"))
        }
    }

    /// A malformed query is a 400 whose message is the line `search` prints for it.
    @Test func aMalformedQueryIsA400WithTheLineTheCLIPrints() throws {
        let server = try ServerProcess(runner)
        for query in ["أستانا OR", "\"مفاوضات", "(أستانا", "-أستانا", "NEAR(أستانا, 5000)"] {
            let cli = try runner.run(query)
            #expect(cli.status == 2)
            let answer = try server.get("/api/search?q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(answer.status == 400)
            let object = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: String]
            #expect(object.map { "search: " + ($0["error"] ?? "") + "\n" } == cli.stderr, "\(query)")
        }
    }

    @Test func theAPIStatusIsWhatSearchStatusJSONPrints() throws {
        let server = try ServerProcess(runner)
        #expect(try server.get("/api/status").body == runner.run("status", "--json").stdout)
    }

    @Test func everyEndpointAnswers() throws {
        let server = try ServerProcess(runner)
        let passage = try server.get("/passage?path=seeds%2F000_d0ff0c257c8734f8.txt&line=7")
        #expect(passage.status == 200)
        #expect(passage.body.contains("<section class=\"passage focus\" id=\"line-7\">"))
        #expect(try server.get("/").status == 200)
        #expect(try server.get("/assets/search.css").status == 200)
        #expect(try server.get("/assets/search.js").status == 200)
        #expect(try server.get("/api/search?q=%22").status == 400)
        #expect(try server.get("/nothing").status == 404)
        let headers = try server.get(Self.astana)
        #expect(headers.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
        #expect(headers.header("X-Content-Type-Options") == "nosniff")
        #expect(headers.header("Access-Control-Allow-Origin") == nil)
    }

    /// Requests as an attacker writes them, not as a browser would clean them up.
    @Test func rawRequestsThatTryToReachAFile() throws {
        let server = try ServerProcess(runner)
        for target in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/seeds/000_d0ff0c257c8734f8.txt",
                       "/index/search.db", "//etc/passwd", "/assets/..%2f..%2findex%2fsearch.db"] {
            #expect(try server.get(target).status == 404, "\(target)")
        }
        for target in ["/passage?path=..%2F..%2F..%2Fetc%2Fpasswd&line=1", "/passage?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd&line=1",
                       "/passage?path=seeds%2F000_d0ff0c257c8734f8.txt%00&line=1", "/?q=a%00b"] {
            #expect(try server.get(target).status == 400, "\(target)")
        }
        #expect(try server.get("/passage?path=%2Fetc%2Fpasswd&line=1").status == 404)
        // A NUL byte on the wire is not HTTP at all.
        let nul = try RawHTTP.exchange(port: server.port, Array("GET /?q=a\0b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        #expect(nul.status == 400)
    }

    @Test func oversizedAndUnexpectedRequests() throws {
        let server = try ServerProcess(runner)
        let huge = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + String(repeating: "a", count: 64 * 1024) + "\r\n\r\n"
        #expect(try RawHTTP.exchange(port: server.port, Array(huge.utf8)).status == 400)
        let longURL = try server.get("/?q=" + String(repeating: "a", count: 9000))
        #expect(longURL.status == 414)
        let body = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello"
        #expect(try RawHTTP.exchange(port: server.port, Array(body.utf8)).status == 413)
        let post = "POST /api/search?q=x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        #expect(try RawHTTP.exchange(port: server.port, Array(post.utf8)).status == 405)
        #expect(try server.get("/api/status", host: "rebound.example:8080").status == 403)
        let old = try RawHTTP.exchange(port: server.port, Array("GET /api/status HTTP/1.0\r\n\r\n".utf8))
        #expect(old.status == 200)
    }

    /// A client that starts a request and never finishes it is disconnected, not waited for.
    @Test func aSlowClientIsDisconnected() throws {
        let server = try ServerProcess(runner)
        let socket = try RawHTTP.connect(port: server.port, timeout: 60)
        defer { close(socket) }
        _ = Array("GET / HTTP/1.1\r\nHost: 127".utf8).withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
        #expect(try RawHTTP.readToEnd(socket).isEmpty)
        // The server still answers others.
        #expect(try server.get("/api/status").status == 200)
    }

    /// A client that sends requests but never reads the answers gets no more answers than its
    /// socket takes: the server neither goes on making answers to hold in memory for it nor
    /// reads its requests meanwhile.
    @Test func aClientThatReadsNoAnswerDoesNotMakeTheServerGrow() throws {
        let server = try ServerProcess(runner)
        for _ in 0..<3 { #expect(try server.get("/assets/search.css").status == 200) }
        let pid = server.process.processIdentifier
        let before = try ProcessMemory.residentBytes(pid)

        // 20,000 requests of a 3.6 KB answer in a row (1 MB), sent for as long as the server
        // takes them; no answer read. Answering them all would hold some 70 MB of answers.
        let socket = try RawHTTP.connect(port: server.port)
        defer { close(socket) }
        var wait = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let requests = Array(String(repeating: "GET /assets/search.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", count: 20_000).utf8)
        var sent = 0
        while sent < requests.count {
            let written = requests[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { break }
            sent += written
        }
        try ProcessMemory.waitUntilIdle(pid)

        let grown = try ProcessMemory.residentBytes(pid) - before
        #expect(grown < 24 << 20, "the server grew by \(grown >> 20) MB (\(sent) bytes of requests taken)")
        #expect(try server.get("/api/status").status == 200)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func stopsCleanlyOnASignal(_ signal: Int32) throws {
        let server = try ServerProcess(runner)
        #expect(try server.get(Self.astana).status == 200)
        let stopped = server.stop(signal)
        #expect(stopped.status == 0)
        #expect(stopped.stdout == "search: stopped\n")
        #expect(throws: (any Error).self) { try server.get("/") }
    }

    @Test func badOptionsAndMissingIndexesAreOneLineErrors() throws {
        let port = try runner.run("serve", "--port", "70000")
        #expect(port.status == 2)
        #expect(port.stderr == "search: --port must be from 0 to 65535, got 70000 (see `search serve --help`)\n")
        let missing = try runner.run("serve", "--index", "nothing.db", "--port", "0")
        #expect(missing.status == 2)
        #expect(missing.stderr == "search: no index at nothing.db: build one with `search index FOLDER --index nothing.db`\n")
    }

    @Test func aPortInUseIsAOneLineError() throws {
        let first = try ServerProcess(runner)
        let second = try runner.run("serve", "--port", String(first.port))
        #expect(second.status == 2)
        #expect(second.stderr == "search: cannot listen on 127.0.0.1:\(first.port): address already in use\n")
    }

    @Test func saysWhenTheServerProgramIsMissing() throws {
        let alone = workspace.path + "/bin"
        try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CommandRunner.binary, toPath: alone + "/search")
        let result = try runner.runExecutable(alone + "/search", ["serve", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("search: `search serve` runs \(alone)/search-server, which is missing"))
        #expect(result.stderr.occurrences(of: "\n") == 1)
    }

    /// `swift run search serve` builds the server first in a checkout, and only there.
    @Test func aMissingServerIsBuiltOnlyInAPackagesBuildFolder() throws {
        let package = workspace.path + "/package"
        try FileManager.default.createDirectory(atPath: package + "/.build/x86_64-unknown-linux-gnu/debug", withIntermediateDirectories: true)
        try "// swift-tools-version:6.1\n".write(toFile: package + "/Package.swift", atomically: true, encoding: .utf8)
        #expect(ServerProgram.packageRoot(of: package + "/.build/x86_64-unknown-linux-gnu/debug") == package)
        #expect(ServerProgram.packageRoot(of: package + "/.build/release") == package)
        #expect(ServerProgram.packageRoot(of: package + "/.build/x86_64-unknown-linux-gnu/other") == nil)
        #expect(ServerProgram.packageRoot(of: workspace.path + "/bin") == nil)
        #expect(ServerProgram.packageRoot(of: workspace.path + "/.build/debug") == nil)
    }

    /// `search index --full` rebuilds in one transaction while the server answers: every answer
    /// is whole, and a file indexed later is found without a restart.
    @Test func keepsAnsweringWhileTheIndexIsRebuilt() throws {
        let server = try ServerProcess(runner)
        let rebuilding = Atomic<Bool>(true)
        let statuses = Mutex<[Int32]>([])
        let runner = runner
        let rebuilds = Thread {
            for _ in 0..<3 {
                let status = (try? runner.run("index", "--full", "--quiet").status) ?? -1
                statuses.withLock { $0.append(status) }
            }
            rebuilding.store(false, ordering: .releasing)
        }
        rebuilds.start()
        var answers = 0
        repeat {
            let answer = try server.get("/api/search?q=" + "أستانا".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(answer.status == 200)
            #expect(answer.body.contains("\"count\":3"))
            answers += 1
        } while rebuilding.load(ordering: .acquiring)
        #expect(statuses.withLock { $0 } == [0, 0, 0])
        #expect(answers > 1)
        try "الزنجبيل والقرفة\n".write(toFile: workspace.path + "/seeds/new.txt", atomically: true, encoding: .utf8)
        #expect(try runner.run("index", "--quiet").status == 0)
        let found = try server.get("/api/search?q=" + "زنجبيل".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        #expect(found.body.contains("\"count\":1"))
    }
}

/// A running process's memory and CPU time, read from /proc.
enum ProcessMemory {
    struct Unreadable: Error {}

    /// Its resident set (`VmRSS`), in bytes.
    static func residentBytes(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { throw Unreadable() }
        return kilobytes * 1024
    }

    /// The CPU time it has used, in clock ticks (`utime` + `stime`).
    static func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The fields after the command name, which is in parentheses and may hold spaces.
        guard let end = stat.lastIndex(of: ")") else { throw Unreadable() }
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { throw Unreadable() }
        return user + system
    }

    /// Returns once the process has used no CPU for a second (it has done what it was asked),
    /// or after a minute.
    static func waitUntilIdle(_ pid: Int32) throws {
        var last = try cpuTicks(pid)
        var idle = 0
        for _ in 0..<240 where idle < 4 {
            Thread.sleep(forTimeInterval: 0.25)
            let now = try cpuTicks(pid)
            idle = now == last ? idle + 1 : 0
            last = now
        }
    }
}

extension String {
    func occurrences(of part: String) -> Int {
        components(separatedBy: part).count - 1
    }
}
