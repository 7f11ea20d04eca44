import SearchCore
import TextAnalysis

/// Reads query words that the index does not know as their close spellings that it does
/// (بوطين → بوتين, لافرف → لافروف), with `TypoDistance`'s costs, which make the classic
/// Arabic and Persian confusions cheap, and `TypoCandidates`' rules of what is plausibly the
/// same word.
///
/// - Which words: plain, required words — a phrase, a prefix, an excluded word or a function
///   word means what it says — that match nothing as typed: not as a word, not as the stem of an
///   indexed word, and not in any spelling with a space that the query was read with (بوطين is
///   read as «بو طين» only if passages have that phrase). Spelling variants that folding unifies
///   (آستانا/أستانا) therefore never count as typos.
/// - In a question whose other words find passages, a word is only read as a spelling variant
///   of itself (شینگن → شنگن), never as another word: the passages answer the question, and the
///   word is just one they do not have.
/// - Where the spellings come from: the `words` table, looked up by the skeletons one edit from
///   the word's (`TypoSkeleton`), a few hundred key lookups whatever the index's size; an index
///   not updated since that table was introduced is read through `fts5vocab`, as before it.
/// - How they are shown: as the index's passages most often write them (ویتامین, not the folded
///   ويتامين), sampled from a few of those passages.
struct TypoReader {
    let connection: any IndexConnection

    /// Passages sampled to find how a close spelling is written.
    static let spellingSample = 16

    func read(_ query: ParsedQuery, tolerance: TypoTolerance) throws -> (ParsedQuery, [TypoCorrection]) {
        guard tolerance != .off else { return (query, []) }
        var read = query
        var corrections: [TypoCorrection] = []
        var questionFindsPassages: Bool?
        for index in read.clauses.indices {
            let clause = read.clauses[index]
            guard Self.isCorrectable(clause) else { continue }
            let matchesNothing = try !matchesSomething(clause)
            guard matchesNothing || tolerance == .always else { continue }
            var allowsOtherWords = true
            if matchesNothing && tolerance != .always && query.matchesPartially {
                if questionFindsPassages == nil { questionFindsPassages = try finds(query.fullTextExpression) }
                allowsOtherWords = questionFindsPassages == false
            }
            let spellings = try closeSpellings(
                of: clause.terms[0], maximumCount: tolerance == .always ? 3 : TypoCandidates.defaultMaximumCount,
                allowsOtherWords: allowsOtherWords)
            guard !spellings.isEmpty else { continue }
            let searched = tolerance != .suggest
            if searched {
                read.clauses[index].fuzzySpellings = spellings
                // Its spellings with a space matched nothing either.
                if matchesNothing { read.clauses[index].spacedSpellings = [] }
            }
            corrections.append(TypoCorrection(
                typed: clause.literal, spellings: spellings, shownSpellings: try spellings.map(shownSpelling),
                typedMatchedNothing: matchesNothing, isSearched: searched))
        }
        return (read, corrections)
    }

    static func isCorrectable(_ clause: ParsedQuery.Clause) -> Bool {
        !clause.isPhrase && !clause.isPrefix && !clause.isExcluded && !clause.isStopWord && clause.terms.count == 1
    }

    /// Whether the clause matches anything as typed: its word, the words whose stems include it,
    /// or one of its spellings with a space, as a phrase.
    private func matchesSomething(_ clause: ParsedQuery.Clause) throws -> Bool {
        let markers = IndexTerms.stemMarkers(for: clause.language)
        let forms = (clause.terms + clause.readings).flatMap { term in [term] + markers.map { String(UnicodeScalar($0)) + term } }
        for form in forms {
            if try IndexedTerm.exists(form, connection) { return true }
        }
        for spelling in clause.spacedSpellings {
            if try finds(ParsedQuery.Clause.quoted(spelling.joined(separator: " "))) { return true }
        }
        return false
    }

    private func finds(_ expression: String) throws -> Bool {
        try IndexedTerm.matches(expression, connection)
    }

    /// The most plausible indexed spellings of `term`, by `TypoCandidates`' rules.
    private func closeSpellings(of term: String, maximumCount: Int, allowsOtherWords: Bool) throws -> [String] {
        let letters = term.unicodeScalars.count
        guard let allowed = TypoCandidates.allowedDistance(letterCount: letters) else { return [] }
        let lengths = [letters - Int(allowed.rounded(.down)), letters + Int(allowed.rounded(.down))]
        let vocabulary = try IndexTables.exists(IndexTables.words, connection)
            ? try wordsNear(term, lengths: lengths) : try scannedVocabulary(lengths: lengths)
        // The largest passage id: the number of passages, or a little more after deletions,
        // which is close enough for a threshold and costs one B-tree descent instead of a count.
        let total = try connection.firstRow("SELECT max(id) FROM passages") { $0.int(0) } ?? 0
        return TypoCandidates.closest(
            to: term, in: vocabulary, totalPassages: total, allowsOtherWords: allowsOtherWords, maximumCount: maximumCount
        ).map(\.term)
    }

    /// The words filed under the skeletons one edit (or none) from `term`'s.
    private func wordsNear(_ term: String, lengths: [Int]) throws -> [(term: String, frequency: Int)] {
        let statement = try connection.statement("""
            SELECT term, passages FROM \(IndexTables.words) WHERE skeleton = ?1 AND letters BETWEEN ?2 AND ?3
            """)
        defer { statement.reset() }
        statement.bind(2, lengths[0])
        statement.bind(3, lengths[1])
        var words: [(term: String, frequency: Int)] = []
        for skeleton in TypoSkeleton.neighbours(of: TypoSkeleton.of(term)) {
            statement.reset()
            statement.bind(1, skeleton)
            while try statement.step() {
                words.append((statement.text(0), statement.int(1)))
            }
        }
        return words
    }

    /// Every indexed word of a near length, from `fts5vocab`, which counts every doclist: slow
    /// on a large index, and only for one made before the `words` table.
    private func scannedVocabulary(lengths: [Int]) throws -> [(term: String, frequency: Int)] {
        var words: [(term: String, frequency: Int)] = []
        try connection.forEachRow("""
            SELECT term, doc FROM \(IndexTables.vocabulary) WHERE term > ' ' AND length(term) BETWEEN ?1 AND ?2
            """, bind: { $0.bind(1, lengths[0]); $0.bind(2, lengths[1]) }) { row in
            words.append((row.text(0), row.int(1)))
        }
        return words
    }

    /// How the index's passages most often write `term`, from the first few that have it; the
    /// folded term when none can be read.
    private func shownSpelling(_ term: String) throws -> String {
        // FTS5's highlight() marks each match with bytes that stored text never contains
        // (`DocumentDecoder` turns control characters into spaces).
        var counts: [[UInt8]: Int] = [:]
        var firstSeen: [[UInt8]] = []
        try connection.forEachRow("""
            SELECT highlight(\(IndexTables.fullText), 0, char(1), char(2)) FROM \(IndexTables.fullText)
            WHERE \(IndexTables.fullText) MATCH ?1 LIMIT \(Self.spellingSample)
            """, bind: { $0.bind(1, ParsedQuery.Clause.quoted(term)) }) { row in
            let bytes = row.textBytes(0)
            var start: Int?
            for (index, byte) in bytes.enumerated() {
                if byte == 0x01 {
                    start = index + 1
                } else if byte == 0x02, let from = start {
                    let written = Array(bytes[from..<index])
                    if counts[written] == nil { firstSeen.append(written) }
                    counts[written, default: 0] += 1
                    start = nil
                }
            }
        }
        // The most frequent, the first seen among equals.
        guard let best = firstSeen.max(by: { counts[$0]! < counts[$1]! }) else { return term }
        return String(decoding: best, as: UTF8.self)
    }
}
