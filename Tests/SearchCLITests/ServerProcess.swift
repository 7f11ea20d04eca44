import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `search serve --port 0` running in a workspace: the port it chose, read from the line it
/// prints on start-up; stopped (SIGTERM) by `stop`, and killed when released if still running.
final class ServerProcess {
    let process: Process
    let port: Int
    /// What it printed on standard error before it listened (the demo index's first use).
    let startErrors: String
    private let output: FileHandle
    private let errors: Pipe

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    init(_ runner: CommandRunner, arguments: [String] = []) throws {
        process = runner.makeProcess(["serve", "--port", "0"] + arguments)
        let out = Pipe()
        errors = Pipe()
        process.standardOutput = out
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        output = out.fileHandleForReading
        var printed = ""
        while !printed.contains("\n") {
            let data = output.availableData
            if data.isEmpty { break }
            printed += String(decoding: data, as: UTF8.self)
        }
        guard let match = printed.firstMatch(of: /at http:\/\/127\.0\.0\.1:(\d+)\/ \(Ctrl-C stops\)/), let port = Int(match.1) else {
            process.waitUntilExit()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw StartFailure(description: "the server did not start: \(printed) \(stderr)")
        }
        self.port = port
        startErrors = String(decoding: errors.fileHandleForReading.availableDataIfAny, as: UTF8.self)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Sends `signal` and waits: the exit status and what it printed after its first line.
    func stop(_ signal: Int32 = SIGTERM) -> (status: Int32, stdout: String) {
        kill(process.processIdentifier, signal)
        let rest = output.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: rest, as: UTF8.self))
    }

    func get(_ target: String, host: String? = nil) throws -> RawHTTP.Response {
        try RawHTTP.get(port: port, target: target, host: host ?? "127.0.0.1:\(port)")
    }
}

extension FileHandle {
    /// What can be read now without waiting (nothing when nothing was written).
    var availableDataIfAny: Data {
        var pending: Int32 = 0
        guard ioctl(fileDescriptor, UInt(FIONREAD), &pending) == 0, pending > 0 else { return Data() }
        return readData(ofLength: Int(pending))
    }
}

/// HTTP/1.1 over a plain socket, byte for byte as given: no client library normalises the
/// request (`/../`, `%2e`, a NUL byte, an oversized header reach the server as written).
enum RawHTTP {
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func get(port: Int, target: String, host: String) throws -> Response {
        try exchange(port: port, Array("GET \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8))
    }

    /// Sends `request`, reads until the server closes the connection (or `timeout` seconds pass
    /// without a byte), and parses the answer.
    static func exchange(port: Int, _ request: [UInt8], timeout: Int = 30) throws -> Response {
        let received = try send(port: port, request, timeout: timeout)
        let text = String(decoding: received, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n") else { throw Failure(description: "no answer: \(text)") }
        let lines = text[..<headEnd.lowerBound].components(separatedBy: "\r\n")
        guard let statusText = lines.first?.split(separator: " ").dropFirst().first, let status = Int(statusText) else {
            throw Failure(description: "no status line: \(text)")
        }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return Response(status: status, headers: headers, body: String(text[headEnd.upperBound...]))
    }

    /// The bytes the server sent before it closed the connection.
    static func send(port: Int, _ request: [UInt8], timeout: Int = 30) throws -> [UInt8] {
        let socket = try connect(port: port, timeout: timeout)
        defer { close(socket) }
        var sent = 0
        while sent < request.count {
            let written = request[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            // The server may answer and close before reading everything (an oversized header).
            if written <= 0 { break }
            sent += written
        }
        return try readToEnd(socket)
    }

    static func connect(port: Int, timeout: Int = 30) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
        var wait = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(description: "connect: \(errno)")
        }
        return socket
    }

    /// Reads until the other side closes; throws when `SO_RCVTIMEO` passes first.
    static func readToEnd(_ socket: Int32) throws -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count == 0 { return received }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { return received }
                throw Failure(description: "the server kept the connection open (errno \(errno))")
            }
            received += buffer[0..<count]
        }
    }
}
