import Foundation
import Synchronization
import Testing
@testable import SearchWeb

/// The site keeps answering while `search index` updates or rebuilds its index, and sees each
/// new state once it is committed, without being restarted.
@Suite struct ReindexingTests {
    @Test func seesWhatARunAddsOnceItIsCommitted() throws {
        let fixture = try SiteFixture()
        let target = SiteFixture.searchTarget("/api/search", "زنجبيل")
        #expect(fixture.get(target).text.contains("\"count\":0"))
        try fixture.write("seeds/new.txt", "الزنجبيل والقرفة\n")
        try SiteFixture.index(fixture.indexPath, roots: [fixture.folder + "/seeds"])
        #expect(fixture.get(target).text.contains("\"count\":1"))
        #expect(fixture.get("/api/status").text.contains("\"files\":6"))
    }

    @Test func keepsAnsweringDuringRebuilds() throws {
        let fixture = try SiteFixture()
        let rebuilding = Atomic<Bool>(true)
        let failure = Mutex<String?>(nil)
        let indexPath = fixture.indexPath, root = fixture.folder + "/seeds"
        let rebuilds = Thread {
            do {
                for _ in 0..<5 { try SiteFixture.index(indexPath, roots: [root], full: true) }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            rebuilding.store(false, ordering: .releasing)
        }
        rebuilds.start()
        var answers = 0
        repeat {
            let response = fixture.get(SiteFixture.searchTarget("/api/search", "أستانا"))
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.text.contains("\"count\":3"))
            answers += 1
        } while rebuilding.load(ordering: .acquiring)
        #expect(failure.withLock { $0 } == nil)
        #expect(answers > 1)
    }
}
