/// The query syntax as `search --help` and `search help query` explain it. README.md's
/// "Query syntax" section shows the same examples (a test keeps them in step).
enum QuerySyntaxHelp {
    /// Each example and what it finds.
    static let examples: [(query: String, meaning: String)] = [
        ("أستانا", "the word in any spelling: استانا, آستانا, أَستانا"),
        ("مفاوضات أستانا", "both words, anywhere in the passage"),
        ("\"مفاوضات أستانا\"", "the exact phrase"),
        ("روسيا OR سوريا", "either word"),
        ("أستانا -روسيا", "أستانا but not روسيا (also: أستانا NOT روسيا)"),
        ("أست*", "words starting with است, after folding (أستانا, استانبول)"),
        ("NEAR(مفاوضات أستانا, 5)", "both words at most 5 words apart (default 10)"),
        ("(أستانا OR سوتشي) مفاوضات", "parentheses group"),
        ("کتاب‌ها", "Persian: also کتابها and کتاب ها"),
        ("ما هي شجرة الزقوم؟", "a question: passages with most of its words first"),
    ]

    static var text: String {
        let width = examples.map(\.query.count).max() ?? 0
        let lines = examples.map { example in
            "  " + example.query + String(repeating: " ", count: width - example.query.count + 3) + example.meaning
        }
        return """
            Query syntax (OR, NOT and NEAR in capitals; anything else is text to find):
            \(lines.joined(separator: "\n"))

            Words match their spelling variants (hamza, ى/ي/ی, ة/ه, ک/ك, harakat, tatweel, ZWNJ, \
            digits) and their forms with clitics and affixes (كتاب finds والكتاب); the spelling \
            typed ranks first. A word that matches nothing is looked up among close spellings \
            (بوطين → بوتين) unless --exact. Quote the whole query for the shell: search 'أستانا -روسيا'. \
            After --, every word is query text, even one spelled like an option: search --json -- "$text".
            """
    }
}
