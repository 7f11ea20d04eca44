import Foundation
import Testing

/// Typo tolerance through the binary: what it corrects, what it says, and what counts count.
@Suite struct TypoMessagesTests {
    let workspace: Workspace
    let runner: CommandRunner

    init() throws {
        workspace = try Workspace()
        runner = workspace.runner
        // Beside the seeds, words a real vocabulary has: بو and طين on their own (so بوطين can be
        // cut into two indexed words), and ویتامین written with a Persian yeh.
        let news = workspace.path + "/seeds/news"
        try FileManager.default.createDirectory(atPath: news, withIntermediateDirectories: true)
        for (name, text) in [
            "clay.txt": "بنى الفلاح بيتا من طين على ضفة النهر",
            "name.txt": "قال بو علي إن موسم الصيد كان جيدا",
            "vitamin.txt": "ویتامین دی برای استخوان‌ها لازم است و ویتامین ث برای پوست",
        ] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: news + "/" + name))
        }
        _ = try runner.run("index", "seeds", "--quiet")
    }

    @Test func aWordThatCutsIntoTwoIndexedWordsIsCorrected() throws {
        let result = try runner.run("بوطين")
        #expect(result.status == 0)
        #expect(result.stderr == "search: no exact match for بوطين; showing بوتين\n")
    }

    @Test func theREADMEQuestionIsNotAnsweredWithAnotherWord() throws {
        // شجرة is not شكره (gratitude); no passage of the seeds is about the tree.
        let result = try runner.run("ما هي شجرة الزقوم؟")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }

    @Test func countsAndListsCountTheWordsAsTyped() throws {
        let counted = try runner.run("بوطين", "-c")
        #expect(counted.status == 1 && counted.stdout == "0\n")
        #expect(counted.stderr
            == "search: no exact match for بوطين; did you mean بوتين? (-c and -l count words as typed unless --fuzzy)\n")
        let listed = try runner.run("بوطين", "-l")
        #expect(listed.status == 1 && listed.stdout.isEmpty && listed.stderr.contains("did you mean بوتين?"))
        // --fuzzy asks for close spellings: then they are counted, and stderr says so.
        let fuzzy = try runner.run("بوطين", "-c", "--fuzzy")
        #expect(fuzzy.status == 0 && (Int(fuzzy.stdout.dropLast()) ?? 0) > 0)
        #expect(fuzzy.stderr == "search: no exact match for بوطين; counting بوتين\n")
        let fuzzyFiles = try runner.run("بوطين", "-l", "--fuzzy")
        #expect(fuzzyFiles.status == 0 && fuzzyFiles.stderr == "search: no exact match for بوطين; listing بوتين\n")
    }

    @Test func theCorrectionIsShownAsThePassagesWriteIt() throws {
        // Typed with a Persian yeh; the index folds ی to ي, the message must not.
        let result = try runner.run("ویتامن")
        #expect(result.status == 0)
        #expect(result.stderr == "search: no exact match for ویتامن; showing ویتامین\n")
    }
}
