/// Which language a text is written in, as far as stemming cares.
///
/// Arabic and Persian share most letters, and Persian is often typed with Arabic ي، ك and ى
/// (and Arabic with Persian ی and ک), so the keyboard letters ی/ک/ى are weak evidence (one
/// point each; in a query, ی and ک only break a tie). Strong evidence (two or three points):
/// پ چ ژ گ and ZWNJ (Persian only), ة (Arabic only), the article ال at a word start (Arabic),
/// and Persian function words that are not Arabic words: را، است، از، در، که، با، می.
public enum TextLanguage: Sendable, Equatable {
    case arabic
    case persian
    /// Too little evidence (short queries, digits, Latin): both languages' rules apply.
    case unknown

    /// Persian words that Arabic text does not have as words of their own, in UTF-8 (with both
    /// kafs and yehs, since Persian is typed on Arabic keyboards too).
    static let persianWords: [[UInt8]] = ["را", "است", "از", "در", "كه", "که", "با", "مي", "می"].map { Array($0.utf8) }
    /// ال: the Arabic article.
    static let article: [UInt8] = Array("ال".utf8)

    /// Guesses the language of `text` in one pass over its bytes.
    ///
    /// - Parameter keyboardLettersBreakTiesOnly: whether ی and ک only decide when nothing else
    ///   does. For a query: the few words typed carry little evidence, and a query with ال or
    ///   ة is Arabic whatever keyboard typed it; but with nothing else to go on, whoever typed
    ///   ی or ک was at a Persian keyboard, so دیار is read as Persian and does not find the
    ///   Arabic الديار (while ديار still finds both).
    public static func guess(utf8 text: UnsafeBufferPointer<UInt8>, keyboardLettersBreakTiesOnly: Bool = false) -> TextLanguage {
        var evidence = Evidence()
        evidence.add(utf8: text)
        return evidence.language(keyboardLettersBreakTiesOnly: keyboardLettersBreakTiesOnly)
    }

    /// The evidence for each language, gathered from one or more pieces of text (the words of a
    /// query are added one by one, so that operators and prefixes are not read as words).
    public struct Evidence: Sendable {
        var persian = 0
        var arabic = 0
        var keyboardLetters = 0

        public init() {}

        /// Adds the evidence of `text`, whose start is a word start.
        ///
        /// - Parameter wholeWords: false for a prefix (`است*`): its letters and its start count,
        ///   but it is not the function word it spells (است*, أست* and إست* are read alike, as
        ///   the start of some word, not as the Persian است).
        public mutating func add(utf8 text: UnsafeBufferPointer<UInt8>, wholeWords: Bool = true) {
            let count = text.count
            var index = -1 // the start of the text counts as a space before the first word
            while index < count {
                let byte = index < 0 ? 0x20 : text[index]
                if byte < 0x80 {
                    if byte == 0x20 || byte == 0x0A {
                        let word = index + 1
                        if startsWith(article, in: text, at: word) {
                            arabic += 2
                        } else if wholeWords && persianWords.contains(where: { isWord($0, in: text, at: word) }) {
                            persian += 2
                        }
                    }
                    index += 1
                    continue
                }
                if index + 1 < count {
                    let next = text[index + 1]
                    switch byte {
                    case 0xDA where next == 0xBE || next == 0x86 || next == 0x98 || next == 0xAF:
                        persian += 3 // پ چ ژ گ
                    case 0xD8 where next == 0xA9:
                        arabic += 3 // ة
                    case 0xD9 where next == 0x89:
                        arabic += 1 // ى: Arabic, but also final yeh in Persian typed on Arabic keyboards
                    case 0xDB where next == 0x8C, 0xDA where next == 0xA9:
                        keyboardLetters += 1 // ی ک
                    case 0xE2 where next == 0x80 && index + 2 < count && text[index + 2] == 0x8C:
                        persian += 1 // ZWNJ
                    default:
                        break
                    }
                }
                index += 1
            }
        }

        public mutating func add(_ text: String, wholeWords: Bool = true) {
            var text = text
            text.withUTF8 { add(utf8: $0, wholeWords: wholeWords) }
        }

        /// The language the evidence points to (see `TextLanguage.guess`).
        public func language(keyboardLettersBreakTiesOnly: Bool = false) -> TextLanguage {
            let persian = self.persian + (keyboardLettersBreakTiesOnly ? 0 : keyboardLetters)
            if persian > arabic { return .persian }
            if arabic > persian { return .arabic }
            return keyboardLettersBreakTiesOnly && keyboardLetters > 0 ? .persian : .unknown
        }
    }

    private static func startsWith(_ prefix: [UInt8], in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + prefix.count < text.count else { return false }
        for offset in prefix.indices where text[start + offset] != prefix[offset] { return false }
        return true
    }

    /// Whether `word` stands alone at `start`: followed by the end of the text or an ASCII byte.
    private static func isWord(_ word: [UInt8], in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        let end = start + word.count
        guard end <= text.count, end == text.count || text[end] < 0x80 else { return false }
        for offset in word.indices where text[start + offset] != word[offset] { return false }
        return true
    }

    public static func guess(_ text: String, keyboardLettersBreakTiesOnly: Bool = false) -> TextLanguage {
        var text = text
        return text.withUTF8 { guess(utf8: $0, keyboardLettersBreakTiesOnly: keyboardLettersBreakTiesOnly) }
    }

    public var usesArabicRules: Bool { self != .persian }
    public var usesPersianRules: Bool { self != .arabic }
}
