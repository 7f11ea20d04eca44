import Foundation
import Testing

/// HTML block ends split passages wherever they are, through `search index` and a query.
@Suite struct HTMLPassageTests {
    @Test func blockEndsOnOneLineMakePassagesOfTheirOwnThatKeepTheLine() throws {
        let workspace = try Workspace(withSeeds: false)
        let runner = workspace.runner
        try FileManager.default.createDirectory(atPath: workspace.path + "/site", withIntermediateDirectories: true)
        // A minified page: everything on line 2.
        let page = "<!DOCTYPE html>\n<html><body><ul><li>مفاوضات أستانا الأولى</li><li>قمة سوتشي الثانية</li></ul>"
            + "<p>سطر أول<br>سطر ثان عن أستانا</p><div>خاتمة</div></body></html>\n<p>بعد</p>\n"
        try page.write(toFile: workspace.path + "/site/page.html", atomically: true, encoding: .utf8)
        #expect(try runner.run("index", "site", "--quiet").status == 0)
        let result = try runner.run("أستانا", "--json")
        let hits = try result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(Set(hits.compactMap { $0["text"] as? String }) == ["مفاوضات أستانا الأولى", "سطر ثان عن أستانا"])
        for hit in hits {
            #expect(hit["line"] as? Int == 2 && hit["end_line"] as? Int == 2)
        }
        let all = try runner.run("سطر OR سوتشي OR خاتمة OR بعد OR مفاوضات", "-c")
        #expect(all.stdout == "6\n")
        let plain = try runner.run("سوتشي")
        #expect(plain.stdout == "site/page.html:2\nقمة سوتشي الثانية\n")
    }
}
