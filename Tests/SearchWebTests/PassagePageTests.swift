import Foundation
import Testing
@testable import SearchWeb

@Suite struct PassagePageTests {
    let fixture: SiteFixture
    static let seed = "seeds/000_d0ff0c257c8734f8.txt"

    init() throws {
        fixture = try SiteFixture()
    }

    func passage(_ path: String, line: String = "7") -> WebResponse {
        fixture.get("/passage?path=" + SiteLink.encoded(path) + "&line=" + line)
    }

    @Test func showsThePassageAmongThePassagesAroundIt() {
        let response = passage(Self.seed)
        #expect(response.status == .ok)
        let html = response.text
        #expect(html.contains("<h1 dir=\"ltr\"><bdi>\(Self.seed)</bdi></h1>"))
        #expect(html.occurrences(of: "<section class=\"passage focus\" id=\"line-7\">") == 1)
        #expect(html.contains("<section class=\"passage\" id=\"line-3\">"))
        #expect(html.contains("<section class=\"passage\" id=\"line-13\">"))
        #expect(html.contains("وذكر المكتب الإعلامي لرئيس الوزراء العراقي"))
    }

    @Test func theResultsLinkToIt() throws {
        let results = fixture.get(SiteFixture.searchTarget("/", "أستانا")).text
        let link = try #require(results.firstMatch(of: /href="(\/passage\?[^"#]*)#line-7"/)).1
        let target = String(link).replacingOccurrences(of: "&amp;", with: "&")
        let response = fixture.get(target)
        #expect(response.status == .ok)
        #expect(response.text.contains("section class=\"passage focus\" id=\"line-7\""))
        #expect(response.text.contains("← Results for <bdi>أستانا</bdi>"))
    }

    @Test func theQueryIsMarkedInThePassagesShown() {
        let html = fixture.get("/passage?path=" + SiteLink.encoded(Self.seed) + "&line=7&q=" + SiteLink.encoded("أستانا")).text
        // Lines 3, 7 and 13 have it, and all three are shown around line 7.
        #expect(html.occurrences(of: "<mark class=\"exact\" title=\"exact match\">أستانا</mark>") == 3)
        let plain = passage(Self.seed).text
        #expect(!plain.contains("<mark"))
        let malformed = fixture.get("/passage?path=" + SiteLink.encoded(Self.seed) + "&line=7&q=%22").text
        #expect(malformed.contains("section class=\"passage focus\" id=\"line-7\"") && !malformed.contains("<mark"))
    }

    @Test func aPathWithGlobCharactersIsMarkedAsItself() throws {
        let fixture = try SiteFixture(files: ["more/a[1]*.txt": "أستانا هنا\n", "more/ab1x.txt": "أستانا هناك\n"])
        let html = fixture.get("/passage?path=" + SiteLink.encoded("more/a[1]*.txt") + "&line=1&q=" + SiteLink.encoded("أستانا")).text
        #expect(html.occurrences(of: "<mark class=\"exact\" title=\"exact match\">أستانا</mark>") == 1)
        #expect(PassagePage.literalPattern("/x/a[1]*?.txt") == "/x/a\\[1\\]\\*\\?.txt")
    }

    @Test func anAbsolutePathInTheIndexWorksToo() {
        #expect(passage(fixture.folder + "/" + Self.seed).status == .ok)
    }

    @Test func aLineWithoutPassageIsA404() {
        #expect(passage(Self.seed, line: "9999").status == .notFound)
        #expect(passage(Self.seed, line: "0").status == .badRequest)
        #expect(passage(Self.seed, line: "x").status == .badRequest)
        #expect(fixture.get("/passage?path=" + Self.seed).status == .badRequest)
    }

    @Test func servesFromTheIndexAloneEvenWhenTheFileIsGone() throws {
        try FileManager.default.removeItem(atPath: fixture.folder + "/" + Self.seed)
        let response = passage(Self.seed)
        #expect(response.status == .ok)
        #expect(response.text.contains("وذكر المكتب الإعلامي لرئيس الوزراء العراقي"))
    }

    /// Paths that are not an indexed file's: each a 400 or a 404, never a file read. The named pipe
    /// proves it: opening it for reading would block until a writer came, and none ever does.
    @Test func noPathOpensAFileOfItsOwn() throws {
        let folder = fixture.folder
        try FileManager.default.createSymbolicLink(atPath: folder + "/seeds/passwd.txt", withDestinationPath: "/etc/passwd")
        try fixture.write("seeds/later.txt", "أستانا\n")
        #expect(mkfifo(folder + "/seeds/pipe.txt", 0o644) == 0)
        let notFound = [
            "/etc/passwd", "seeds/passwd.txt", "seeds/later.txt", "seeds/pipe.txt", folder + "/seeds/pipe.txt",
            "index.db", "seeds", "seeds\\..\\..\\etc\\passwd",
        ]
        for path in notFound {
            #expect(passage(path, line: "1").status == .notFound, "\(path)")
        }
        let malformed = [
            "../../../../etc/passwd", "seeds/../seeds/000_d0ff0c257c8734f8.txt", "./seeds/000_d0ff0c257c8734f8.txt",
            "seeds//000_d0ff0c257c8734f8.txt", "seeds/000_d0ff0c257c8734f8.txt/", "/etc/../etc/passwd", "seeds/\n", "",
        ]
        for path in malformed {
            #expect(passage(path, line: "1").status == .badRequest, "\(path)")
        }
        // Encoded on the wire: decoded once, then refused as above.
        for target in ["/passage?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd&line=1", "/passage?path=..%2F..%2Fetc%2Fpasswd&line=1",
                       "/passage?path=seeds%2f000_d0ff0c257c8734f8.txt%00.html&line=1",
                       "/passage?path=%252e%252e%252fetc%252fpasswd&line=1"] {
            #expect([.badRequest, .notFound].contains(fixture.get(target).status), "\(target)")
        }
        // The URL's own path never names a file either: there are only the site's pages.
        for target in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/seeds/000_d0ff0c257c8734f8.txt", "/index.db",
                       "/assets/../index.db", "/assets/%2e%2e/index.db"] {
            #expect(fixture.get(target).status == .notFound, "\(target)")
        }
    }
}
