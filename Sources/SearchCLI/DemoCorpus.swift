import Foundation
import Ingest

/// The demo corpus in the project's `seeds/`: the five news articles `swift run search "أستانا"`
/// searches on a fresh clone, indexing them on first use.
///
/// The default index builds itself only from this corpus, recognised by its content: a folder
/// that happens to be called `seeds/` (a web application's database seeds, say) is never indexed
/// behind the user's back, and printed.
enum DemoCorpus {
    static let folder = "seeds"

    /// File names and `ContentHash`es of the demo corpus.
    static let files: [String: String] = [
        "000_d0ff0c257c8734f8.txt": "63e7c07b014ddfb0",
        "001_93dd4bcf26f3ba91.txt": "03ece0841275630c",
        "002_ce81c0b2699a3f96.txt": "ba1acea6d5be1ddb",
        "003_ddbe7e93f1f104fd.txt": "a0990648daf3569d",
        "004_befc232161770c12.txt": "6d53afc31d24cc95",
    ]

    /// Whether `seeds/` in the current folder is the demo corpus, file for file.
    static var isHere: Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder),
              Set(names.filter { !$0.hasPrefix(".") }) == Set(files.keys) else { return false }
        return files.allSatisfy { name, hash in
            FileManager.default.contents(atPath: folder + "/" + name).map { ContentHash.of(Array($0)) } == hash
        }
    }
}
