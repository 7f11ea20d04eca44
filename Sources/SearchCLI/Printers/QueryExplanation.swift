import SearchCore
import SearchIndex
import TextAnalysis

/// `--explain`: how a query was understood, as the searcher will run it.
///
///     query:     أستانا -روسيا
///     1. أستانا   word → استانا (also the words whose stems include it)
///     2. روسيا    excluded word → روسيا
///     structure: 1 AND NOT 2
///     fts5:      ((("استانا" OR "‹ar›استانا" …)) NOT …)
enum QueryExplanation {
    static func text(typed: String, query: ParsedQuery, corrections: [TypoCorrection]) -> String {
        var lines = ["query:     \(typed)"]
        let inNear = Set(query.structure.map(nearMembers) ?? [])
        for (index, clause) in query.clauses.enumerated() {
            var kind = clause.isPhrase ? "phrase" : (clause.terms.count > 1 ? "word with inner punctuation" : "word")
            if clause.isPrefix { kind = "prefix " + kind }
            if clause.isExcluded { kind = "excluded " + kind }
            var line = "\(index + 1). \(clause.literal)   \(kind) → \(clause.terms.joined(separator: " "))"
            if clause.isPrefix { line += "…" }
            var notes: [String] = []
            if inNear.contains(index) {
                notes.append("inside NEAR: this spelling after folding only")
            } else if !clause.isPhrase && !clause.isPrefix && clause.terms.count == 1 {
                notes.append("also the words whose stems include it")
            }
            if !clause.stems.isEmpty && !clause.isPrefix {
                notes.append("its own stems: " + clause.stems.joined(separator: ", ")
                    + (query.matchesPartially ? ", searched too" : ", not searched"))
            }
            if !clause.readings.isEmpty { notes.append("also its modern spelling " + clause.readings.joined(separator: ", ")) }
            if !query.matchesPartially, !clause.isExcluded, VocalisedWord(literal: clause.literal) != nil {
                notes.append("vocalised: passages whose harakat contradict it rank after the others")
            }
            if let word = clause.afterConjunction { notes.append("also \(word) and its forms, after the conjunction") }
            if clause.isStopWord && query.structure == nil { notes.append("function word") }
            if !clause.spacedSpellings.isEmpty {
                notes.append("also written " + clause.spacedSpellings.map { $0.joined(separator: " ") }.joined(separator: ", "))
            }
            if !clause.fuzzySpellings.isEmpty { notes.append("close spellings: " + clause.fuzzySpellings.joined(separator: ", ")) }
            if !notes.isEmpty { line += " (" + notes.joined(separator: "; ") + ")" }
            lines.append(line)
        }
        if let structure = query.structure {
            lines.append("structure: " + describe(structure, top: true))
        } else if query.matchesPartially {
            lines.append("structure: a question: passages with most of the meaningful words first")
        } else {
            lines.append("structure: all of " + query.scoringClauses.map(\.literal).joined(separator: ", "))
        }
        for correction in corrections {
            lines.append("typo:      \(correction.typed) → \(correction.spellings.joined(separator: ", "))")
        }
        lines.append("fts5:      " + visible(query.fullTextExpression))
        return lines.joined(separator: "\n") + "\n"
    }

    private static func nearMembers(_ node: QueryNode) -> [Int] {
        switch node {
        case .clause: []
        case .near(let indices, _): indices
        case .all(let children), .any(let children): children.flatMap(nearMembers)
        case .exclude(let inner): nearMembers(inner)
        }
    }

    private static func describe(_ node: QueryNode, top: Bool = false) -> String {
        let text: String
        switch node {
        case .clause(let index): return "\(index + 1)"
        case .any(let children): text = children.map { describe($0) }.joined(separator: " OR ")
        case .all(let children): text = children.map { describe($0) }.joined(separator: " AND ")
        case .exclude(let inner): return "NOT " + describe(inner)
        case .near(let indices, let distance):
            return "NEAR(" + indices.map { "\($0 + 1)" }.joined(separator: " ") + ", \(distance))"
        }
        return top ? text : "(" + text + ")"
    }

    /// Stem terms start with a control byte; show which language's stems they are.
    private static func visible(_ expression: String) -> String {
        expression.replacingOccurrences(of: "\u{1}", with: "‹ar›").replacingOccurrences(of: "\u{2}", with: "‹fa›")
    }

    /// One line per hit: which query word each highlighted word matched, and how.
    /// Each distinct match once, in the order first seen, with how often it occurs when more than
    /// once: a word repeated through a long passage is one reason, not thirteen.
    static func why(_ hit: Hit) -> String {
        let bytes = Array(hit.text.utf8)
        var parts: [String] = []
        var counts: [String: Int] = [:]
        for highlight in hit.highlights {
            let original = String(decoding: bytes[highlight.byteStart..<highlight.byteEnd], as: UTF8.self)
            let part = "\(original) ← \(highlight.queryWord ?? "?") (\(highlight.kind.rawValue))"
            if counts[part] == nil { parts.append(part) }
            counts[part, default: 0] += 1
        }
        let counted = parts.map { part in counts[part]! > 1 ? "\(part) ×\(counts[part]!)" : part }
        return "why: " + (counted.isEmpty ? "matched" : counted.joined(separator: "; "))
    }
}
