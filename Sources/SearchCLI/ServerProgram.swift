import Foundation

/// `search-server`, the program `search serve` becomes: in the folder of the running `search`
/// (symbolic links resolved), where `swift build` and an install put both.
enum ServerProgram {
    static let name = "search-server"

    /// Its path. In a SwiftPM build folder (`PACKAGE/.build/CONFIGURATION/search`, as `swift run
    /// search serve` runs it) a missing server is built first, with the same configuration:
    /// `swift run` builds only the program it runs, and `search` does not depend on the server.
    static func find() throws -> String {
        let search = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        let folder = search.deletingLastPathComponent()
        let server = folder.appendingPathComponent(name).path
        if access(server, X_OK) == 0 { return server }
        guard let package = packageRoot(of: folder.path) else {
            throw UsageError(message: "`search serve` runs \(server), which is missing: install \(name) beside search "
                + "(`swift build -c release` builds both in .build/release/)")
        }
        let configuration = folder.lastPathComponent
        Output.error("building \(name) for `search serve` (swift build -c \(configuration) --product \(name))")
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--package-path", package, "-c", configuration, "--product", name]
        // SwiftPM's progress goes to stderr, as this program's messages do: stdout stays the server's.
        build.standardOutput = FileHandle.standardError
        build.standardInput = FileHandle.nullDevice
        do {
            try build.run()
        } catch {
            throw UsageError(message: "cannot run swift build to build \(name): \(error.localizedDescription)")
        }
        build.waitUntilExit()
        guard build.terminationStatus == 0, access(server, X_OK) == 0 else {
            throw UsageError(message: "swift build could not build \(name) (status \(build.terminationStatus))")
        }
        return server
    }

    /// The package whose build folder holds `folder` (`PACKAGE/.build/…/debug`), if it is one.
    static func packageRoot(of folder: String) -> String? {
        guard let build = folder.range(of: "/.build/", options: .backwards) else { return nil }
        let root = String(folder[..<build.lowerBound])
        let configuration = (folder as NSString).lastPathComponent
        guard ["debug", "release"].contains(configuration),
              FileManager.default.fileExists(atPath: root + "/Package.swift") else { return nil }
        return root
    }
}
