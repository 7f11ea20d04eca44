import Foundation
import Testing

/// The page in a real browser: headless Chromium (Debian's `chromium`, which `.ci/run` installs)
/// loads the results for أستانا from `search serve` and prints the DOM it rendered. Skipped
/// where no Chromium is installed, except in CI.
@Suite(.enabled(if: Chromium.path != nil || ProcessInfo.processInfo.environment["CI"] != nil,
                "no chromium installed (apt-get install chromium)"))
struct BrowserTests: SeedsSuite {
    let workspace: Workspace

    init() throws {
        workspace = try Workspace.withIndexedSeeds()
    }

    /// The DOM Chromium rendered for `url`, and what it logged (console messages, refused loads).
    func render(_ url: String, javaScript: Bool) throws -> (dom: String, log: String) {
        let chromium = try #require(Chromium.path, "no chromium installed (apt-get install chromium)")
        let profile = workspace.path + "/chromium-profile-\(javaScript)"
        var arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
        ]
        if !javaScript {
            // As a user turns it off, in the profile's settings: `--blink-settings=scriptEnabled=false`
            // would also stop `--dump-dom`, which reads the DOM with a script of its own.
            try FileManager.default.createDirectory(atPath: profile + "/Default", withIntermediateDirectories: true)
            try #"{"profile":{"default_content_setting_values":{"javascript":2}}}"#
                .write(toFile: profile + "/Default/Preferences", atomically: true, encoding: .utf8)
        }
        // Chromium fetches nothing but the page's own files: a budget of virtual time lets the
        // deferred script run before the DOM is printed.
        arguments += ["--virtual-time-budget=3000", "--dump-dom", url]
        let result = try runner.runExecutable(chromium, arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return (result.stdout, result.stderr)
    }

    @Test(arguments: [true, false])
    func theResultsForAstanaHaveTheirHitsMarked(javaScript: Bool) throws {
        let server = try ServerProcess(runner)
        let query = "أستانا".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let (dom, log) = try render("http://127.0.0.1:\(server.port)/?q=\(query)", javaScript: javaScript)
        let hits = dom.components(separatedBy: "<li class=\"hit\"").dropFirst()
        #expect(hits.count == 3)
        for hit in hits {
            #expect(hit.contains("seeds/000_d0ff0c257c8734f8.txt"))
            #expect(hit.contains("<mark class=\"exact\" title=\"exact match\">أستانا</mark>"))
        }
        #expect(dom.contains("name=\"q\" value=\"أستانا\""))
        // With JavaScript, the site's script ran under its Content-Security-Policy; without, the
        // page is the same but for that.
        #expect(dom.contains("<html lang=\"en\" class=\"live\"><head>") == javaScript)
        #expect(dom.contains("<html lang=\"en\"><head>") == !javaScript)
        #expect(!log.contains("Content Security Policy"), "\(log)")
        #expect(server.stop().status == 0)
    }
}

enum Chromium {
    /// The browser on the PATH, if any.
    static let path: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }()
}
