import Foundation
import TextAnalysis

/// The queries both engines answer: single words and five-word questions.
struct QuerySet: Codable {
    var words: [String]
    var questions: [String]
    /// How the set was made, for the report.
    var description: String

    func queries(_ kind: QueryKind) -> [String] {
        kind == .word ? words : questions
    }

    /// Samples the set from `files` with `seed`; a query file, when given, replaces the words.
    static func make(
        files: [String], seed: UInt64, wordCount: Int, questionCount: Int, queryFile: String?
    ) throws(BenchError) -> QuerySet {
        var sampler = QuerySampler(files: files, generator: SplitMix64(seed: seed))
        var parts: [String] = []
        let words: [String]
        if let queryFile {
            words = try readQueries(queryFile)
            parts.append("\(words.count) queries from \(queryFile)")
        } else {
            words = sampler.sampleWords(count: wordCount)
            parts.append(
                "\(words.count) distinct single words "
                    + "(≥ \(QuerySampler.minimumLetters) Arabic-script letters, not stop words)")
        }
        let questions = sampler.sampleQuestions(count: questionCount)
        parts.append(
            "\(questions.count) questions (\(QuerySampler.questionLength) consecutive words of a passage + ؟)")
        let description = parts.joined(separator: " and ")
            + ", drawn from random passages of the corpus with seed \(seed)"
        return QuerySet(words: words, questions: questions, description: description)
    }

    private static func readQueries(_ path: String) throws(BenchError) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .fileSystem("cannot read the query file \(path)")
        }
        let queries = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !queries.isEmpty else { throw .fileSystem("the query file \(path) has no queries") }
        return queries
    }
}

/// Draws queries from random passages of random files, as a reader would pick words they saw.
struct QuerySampler {
    let files: [String]
    var generator: SplitMix64
    private let analyzer = Analyzer()

    static let minimumLetters = 3
    static let questionLength = 5
    /// Gives up on a query after this many passages without a new one (a tiny corpus may not
    /// have as many distinct words as asked for).
    static let attemptsPerQuery = 200

    init(files: [String], generator: SplitMix64) {
        self.files = files
        self.generator = generator
    }

    mutating func sampleWords(count: Int) -> [String] {
        sampleDistinct(count: count) { sampler, words in
            let candidates = words.filter { word in
                ArabicWords.letterCount(word) >= Self.minimumLetters
                    && !ArabicWords.isStopWord(word, analyzer: sampler.analyzer)
            }
            return candidates.randomElement(using: &sampler.generator)
        }
    }

    /// Five consecutive words of one passage, each of at least three letters (stop words are
    /// allowed, as in a real question, but not five of them), ending in "؟".
    mutating func sampleQuestions(count: Int) -> [String] {
        sampleDistinct(count: count) { sampler, words in
            let length = Self.questionLength
            guard words.count >= length else { return nil }
            let starts = (0...(words.count - length)).filter { start in
                let window = words[start..<(start + length)]
                return window.allSatisfy { ArabicWords.letterCount($0) >= Self.minimumLetters }
                    && window.contains { !ArabicWords.isStopWord($0, analyzer: sampler.analyzer) }
            }
            guard let start = starts.randomElement(using: &sampler.generator) else { return nil }
            return words[start..<(start + length)].joined(separator: " ") + "؟"
        }
    }

    private mutating func sampleDistinct(
        count: Int, pick: (inout QuerySampler, [String]) -> String?
    ) -> [String] {
        var queries: [String] = []
        var seen: Set<String> = []
        var failures = 0
        while queries.count < count, failures < Self.attemptsPerQuery {
            guard let passage = randomPassage(), let query = pick(&self, ArabicWords.words(in: passage)),
                  seen.insert(query).inserted
            else {
                failures += 1
                continue
            }
            queries.append(query)
            failures = 0
        }
        return queries
    }

    /// A random paragraph (blank-line separated) of a random file.
    private mutating func randomPassage() -> Substring? {
        guard let file = files.randomElement(using: &generator),
              let data = FileManager.default.contents(atPath: file)
        else { return nil }
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let passages = text.split(separator: "\n\n")
        return passages.randomElement(using: &generator)
    }
}
