import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CommandRunner {
    /// Runs the binary with its standard output on a pseudo-terminal, as a user at a terminal
    /// would see it (standard error is captured apart). The terminal's "\r\n" line ends are
    /// read back as "\n".
    func runOnTerminal(_ arguments: String...) throws -> Result {
        let controller = PseudoTerminal.open(O_RDWR | O_NOCTTY)
        guard controller >= 0, PseudoTerminal.grant(controller) == 0, PseudoTerminal.unlock(controller) == 0,
              let name = PseudoTerminal.name(controller) else {
            throw CocoaError(.fileReadUnknown)
        }
        defer { close(controller) }
        let terminal = open(name, O_RDWR | O_NOCTTY)
        guard terminal >= 0 else { throw CocoaError(.fileReadUnknown) }
        let process = makeProcess(arguments)
        let err = Pipe()
        process.standardOutput = FileHandle(fileDescriptor: terminal, closeOnDealloc: false)
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            close(terminal)
            throw error
        }
        // Only the child holds the terminal now, so reading ends when it exits.
        close(terminal)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(controller, &buffer, buffer.count)
            if count > 0 {
                output += buffer[0..<count]
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break  // 0 at the end, or EIO once the last holder of the terminal closed it (Linux).
            }
        }
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// The POSIX pseudo-terminal calls. Swift's Glibc module leaves them out (glibc declares them
/// only under _XOPEN_SOURCE), so on Linux they are looked up in the C library by name.
enum PseudoTerminal {
    #if canImport(Glibc)
    private typealias DescriptorFunction = @convention(c) (CInt) -> CInt
    private typealias NameFunction = @convention(c) (CInt) -> UnsafeMutablePointer<CChar>?

    private static func function<T>(_ name: String, as type: T.Type) -> T {
        // A null handle is RTLD_DEFAULT in glibc: every loaded library.
        guard let address = dlsym(nil, name) else { fatalError("\(name) not found in the C library") }
        return unsafeBitCast(address, to: type)
    }

    static func open(_ flags: CInt) -> CInt { function("posix_openpt", as: DescriptorFunction.self)(flags) }
    static func grant(_ descriptor: CInt) -> CInt { function("grantpt", as: DescriptorFunction.self)(descriptor) }
    static func unlock(_ descriptor: CInt) -> CInt { function("unlockpt", as: DescriptorFunction.self)(descriptor) }
    static func name(_ descriptor: CInt) -> String? {
        function("ptsname", as: NameFunction.self)(descriptor).map { String(cString: $0) }
    }
    #else
    static func open(_ flags: CInt) -> CInt { posix_openpt(flags) }
    static func grant(_ descriptor: CInt) -> CInt { grantpt(descriptor) }
    static func unlock(_ descriptor: CInt) -> CInt { unlockpt(descriptor) }
    static func name(_ descriptor: CInt) -> String? { ptsname(descriptor).map { String(cString: $0) } }
    #endif
}
