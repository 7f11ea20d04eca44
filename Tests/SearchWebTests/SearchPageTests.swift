import Foundation
import Testing
@testable import SearchWeb

@Suite struct SearchPageTests {
    let fixture: SiteFixture

    init() throws {
        fixture = try SiteFixture()
    }

    @Test func showsThePassagesWithTheirHitsMarked() {
        let response = fixture.get(SiteFixture.searchTarget("/", "أستانا"))
        #expect(response.status == .ok)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        let html = response.text
        #expect(html.occurrences(of: "<li class=\"hit\" dir=\"rtl\" lang=\"ar\">") == 3)
        #expect(html.occurrences(of: "<mark class=\"exact\" title=\"exact match\">أستانا</mark>") == 3)
        for line in [3, 7, 13] {
            #expect(html.contains("<bdi>seeds/000_d0ff0c257c8734f8.txt</bdi>:\(line)</a>"))
        }
        #expect(html.contains("<p class=\"count\">3 passages</p>"))
    }

    @Test func theSearchBoxKeepsTheQueryReadsItsLanguageAndHasTheFocus() {
        let persian = fixture.get(SiteFixture.searchTarget("/", "روسیه")).text
        #expect(persian.contains("name=\"q\" value=\"روسیه\" dir=\"auto\" lang=\"fa\" autofocus"))
        let arabic = fixture.get(SiteFixture.searchTarget("/", "العراق")).text
        #expect(arabic.contains("value=\"العراق\" dir=\"auto\" lang=\"ar\" autofocus"))
        let empty = fixture.get("/").text
        #expect(empty.contains("value=\"\" dir=\"auto\" autofocus"))
        #expect(empty.contains("68 passages in 5 files"))
    }

    @Test func persianPassagesAreMarkedPersian() {
        let html = fixture.get(SiteFixture.searchTarget("/", "عقب‌نشینی")).text
        #expect(html.occurrences(of: "<li class=\"hit\" dir=\"rtl\" lang=\"fa\">") == 2)
    }

    @Test func stemMatchesHaveTheirOwnClass() {
        let html = fixture.get(SiteFixture.searchTarget("/", "العراق")).text
        #expect(html.contains("<mark class=\"stem\" title=\"stem match\">"))
        #expect(html.contains("<mark class=\"exact\" title=\"exact match\">العراق</mark>"))
    }

    @Test func pagesLinkToEachOther() throws {
        let first = fixture.get(SiteFixture.searchTarget("/", "العراق")).text
        let total = try #require(first.firstMatch(of: /Passages 1–10 of (\d+)/)).1
        #expect(first.contains("<a rel=\"next\" href=\"/?q=\(SiteLink.encoded("العراق"))&amp;offset=10\">"))
        #expect(!first.contains("rel=\"prev\""))
        let second = fixture.get(SiteFixture.searchTarget("/", "العراق", "&offset=10")).text
        #expect(second.contains("<ol class=\"hits\" start=\"11\">"))
        #expect(second.contains("<a rel=\"prev\" href=\"/?q=\(SiteLink.encoded("العراق"))\">"))
        #expect(second.contains("of \(total)</p>"))
    }

    @Test func pathFiltersAreKeptAcrossPages() {
        let html = fixture.get(SiteFixture.searchTarget("/", "روسيا", "&path=seeds/001*")).text
        #expect(html.contains("<input type=\"hidden\" name=\"path\" value=\"seeds/001*\">"))
        #expect(!html.contains("seeds/000_"))
        #expect(html.contains("seeds/001_"))
    }

    @Test func aTypoIsCorrectedAndSaidSo() {
        let html = fixture.get(SiteFixture.searchTarget("/", "بوطين")).text
        #expect(html.contains("<p class=\"notice\" dir=\"auto\">no exact match for بوطين; showing بوتين</p>"))
        #expect(html.contains("<mark class=\"fuzzy\" title=\"fuzzy match\">بوتين</mark>"))
    }

    @Test func aMalformedQueryIsA400WithTheCLIMessage() {
        let response = fixture.get(SiteFixture.searchTarget("/", "\"مفاوضات أستانا"))
        #expect(response.status == .badRequest)
        #expect(response.text.contains(
            "<p class=\"error\" dir=\"auto\">unbalanced quote: the phrase opened at column 1 is never closed (add a closing &quot;)</p>"))
        // The query is still in the box, to be corrected.
        #expect(response.text.contains("value=\"&quot;مفاوضات أستانا\""))
    }

    @Test func noMatchIsSaid() {
        let response = fixture.get(SiteFixture.searchTarget("/", "xyzzyplugh"))
        #expect(response.status == .ok)
        #expect(response.text.contains("No passage matches."))
    }

    @Test(arguments: ["offset=-1", "offset=abc", "offset=10001", "q=a&q=b"])
    func badParametersAreA400(_ parameters: String) {
        let response = fixture.get("/?q=x&" + parameters)
        #expect(response.status == .badRequest)
    }

    @Test func aTooLongQueryIsA400() {
        let query = String(repeating: "ب", count: SearchRequest.maximumQueryCharacters + 1)
        let response = fixture.get(SiteFixture.searchTarget("/", query))
        #expect(response.status == .badRequest)
        #expect(response.text.contains("the query is longer than 1000 characters"))
    }

    /// Made for reading Arabic and Persian: each language's own faces first (no other font is
    /// loaded), passages at a reading size, line height and measure, a light and a dark scheme.
    @Test func theStyleSheetIsMadeForReadingArabicAndPersian() {
        let css = fixture.get("/assets/search.css").text
        func fonts(_ selector: String) -> [String] {
            guard let rule = css.range(of: selector + " {\n  font-family: ") else { return [] }
            let stack = css[rule.upperBound...].prefix { $0 != ";" }
            return stack.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        #expect(fonts(":lang(ar)").prefix(3) == ["\"Noto Naskh Arabic\"", "\"Noto Sans Arabic\"", "\"Geeza Pro\""])
        #expect(fonts(":lang(fa)").prefix(2) == ["\"Vazirmatn\"", "\"Vazir\""])
        #expect(!css.contains("@font-face") && !css.contains("url("))
        #expect(css.contains("max-width: 46rem"))
        #expect(css.contains(".passage, .document section > p:last-child { font-size: 1.2rem; line-height: 1.95;"))
        #expect(css.contains("color-scheme: light dark;\n"))
        #expect(css.contains("@media (prefers-color-scheme: dark) {"))
        #expect(fixture.get("/").text.contains("<meta name=\"color-scheme\" content=\"light dark\">"))
    }

    @Test func theStyleAndScriptAreTheSitesOwn() {
        let page = fixture.get(SiteFixture.searchTarget("/", "أستانا")).text
        #expect(page.contains("<link rel=\"stylesheet\" href=\"/assets/search.css\">"))
        #expect(page.contains("<script src=\"/assets/search.js\" defer></script>"))
        #expect(!page.contains("<style") && !page.contains(" style=") && !page.contains("<script>"))
        #expect(!page.contains("http://") && !page.contains("https://"))
        #expect(fixture.get("/assets/search.css").header("Content-Type") == "text/css; charset=utf-8")
        #expect(fixture.get("/assets/search.js").header("Content-Type") == "text/javascript; charset=utf-8")
    }
}
