import TextAnalysis

/// Turns the phrase hits of a passage (`PhraseHit`, from FTS5's `arfa_hits`) into highlights, each naming the query word
/// it matched (the clause as typed) and how: what the matching phrase of the query stands for
/// (`PhraseRole`), so the label is never guessed again from the letters.
///
/// - A hit on a clause's surface form is `exact` when its text is the clause as typed, marks and
///   all, else `folded`; a hit on a `word*` prefix is `prefix` unless the word is the prefix
///   itself.
/// - A hit on a form with clitics or affixes is `stem`, or `prefix` for a prefix clause; a hit on
///   a close spelling is `fuzzy`.
/// - Overlapping hits make one highlight, as in FTS5's `highlight()`, labelled by the closest
///   match among them (surface, then prefix, stem, fuzzy; the earlier clause on a tie).
/// - Excluded clauses are never highlighted.
package struct MatchClassifier {
    private let roles: [PhraseRole]
    private let clauses: [ParsedQuery.Clause]
    private let analyzer = Analyzer()

    package init(query: ParsedQuery) {
        roles = query.phraseRoles
        clauses = query.clauses
    }

    /// The highlights of `hits` in `text`, in text order.
    package func highlights(_ hits: [PhraseHit], in text: String) -> [Highlight] {
        let ranked = hits
            .compactMap { hit -> (hit: PhraseHit, role: PhraseRole)? in
                guard hit.phrase >= 0, hit.phrase < roles.count, !clauses[roles[hit.phrase].clause].isExcluded,
                      hit.byteStart < hit.byteEnd else { return nil }
                return (hit, roles[hit.phrase])
            }
            .sorted { ($0.hit.byteStart, $0.hit.byteEnd) < ($1.hit.byteStart, $1.hit.byteEnd) }
        var merged: [(start: Int, end: Int, role: PhraseRole)] = []
        for (hit, role) in ranked {
            if let last = merged.last, hit.byteStart < last.end {
                let closer = Self.closeness(role) < Self.closeness(last.role) ? role : last.role
                merged[merged.count - 1] = (last.start, max(last.end, hit.byteEnd), closer)
            } else {
                merged.append((hit.byteStart, hit.byteEnd, role))
            }
        }
        let bytes = Array(text.utf8)
        var highlights: [Highlight] = []
        var scalars = 0
        var counted = 0
        func scalarOffset(_ byte: Int) -> Int {
            // Every byte except a UTF-8 continuation byte starts a scalar.
            while counted < byte && counted < bytes.count {
                if bytes[counted] & 0xC0 != 0x80 { scalars += 1 }
                counted += 1
            }
            return scalars
        }
        for (start, end, role) in merged where end <= bytes.count {
            let clause = clauses[role.clause]
            let original = String(decoding: bytes[start..<end], as: UTF8.self)
            let scalarStart = scalarOffset(start)
            highlights.append(Highlight(
                byteStart: start, byteEnd: end, scalarStart: scalarStart, scalarEnd: scalarOffset(end),
                kind: kind(of: original, role: role, clause: clause), queryWord: clause.literal))
        }
        return highlights
    }

    private func kind(of original: String, role: PhraseRole, clause: ParsedQuery.Clause) -> MatchKind {
        switch role.match {
        case .folded:
            return original == clause.literal ? .exact : .folded
        case .prefix where role.form == .surface:
            // The prefix itself, as a whole word, is the word typed (أست* on أست).
            guard analyzer.tokens(in: original).map(\.term).joined() == clause.terms.joined() else { return .prefix }
            return original == clause.literal ? .exact : .folded
        case .exact, .stem, .prefix, .fuzzy:
            return role.match
        }
    }

    /// Which of two overlapping hits labels the highlight: the lower.
    private static func closeness(_ role: PhraseRole) -> Int {
        let kind: Int
        switch role.match {
        case .exact, .folded: kind = 0
        case .prefix: kind = 1
        case .stem: kind = 2
        case .fuzzy: kind = 3
        }
        return kind * (Ranking.maximumClauses + 1) + min(role.clause, Ranking.maximumClauses)
    }
}
