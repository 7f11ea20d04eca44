/// Which language a text is written in, as far as stemming cares.
///
/// Arabic and Persian share most letters, and Persian is often typed with Arabic ي and ك (and
/// Arabic with Persian ی and ک), so the keyboard letters ی/ک are weak evidence (one point each).
/// Strong evidence (two or three points): پ چ ژ گ and ZWNJ (Persian only), ة and ى (Arabic
/// only), the article ال at a word start (Arabic), and the Persian words را and است.
public enum TextLanguage: Sendable, Equatable {
    case arabic
    case persian
    /// Too little evidence (short queries, digits, Latin): both languages' rules apply.
    case unknown

    /// Guesses the language of `text` in one pass over its bytes.
    ///
    /// - Parameter countsKeyboardLetters: whether ی and ک count as (weak) Persian evidence.
    ///   Queries leave them out: روسیه and روسيه must find the same passages.
    public static func guess(utf8 text: UnsafeBufferPointer<UInt8>, countsKeyboardLetters: Bool = true) -> TextLanguage {
        var persian = 0
        var arabic = 0
        let count = text.count
        var index = -1 // the start of the text counts as a space before the first word
        while index < count {
            let byte = index < 0 ? 0x20 : text[index]
            if byte < 0x80 {
                if byte == 0x20 || byte == 0x0A, index + 4 < count {
                    // " ال…" opens an Arabic definite noun; " را " and " است " are Persian.
                    let b1 = text[index + 1], b2 = text[index + 2], b3 = text[index + 3], b4 = text[index + 4]
                    if b1 == 0xD8 && b2 == 0xA7 && b3 == 0xD9 && b4 == 0x84 {
                        arabic += 2
                    } else if b1 == 0xD8 && b2 == 0xB1 && b3 == 0xD8 && b4 == 0xA7,
                              index + 5 >= count || text[index + 5] == 0x20 {
                        persian += 2
                    } else if b1 == 0xD8 && b2 == 0xA7 && b3 == 0xD8 && b4 == 0xB3,
                              index + 6 < count, text[index + 5] == 0xD8, text[index + 6] == 0xAA,
                              index + 7 >= count || text[index + 7] < 0x80 {
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
                case 0xD8 where next == 0xA9, 0xD9 where next == 0x89:
                    arabic += 3 // ة ى
                case 0xDB where next == 0x8C && countsKeyboardLetters, 0xDA where next == 0xA9 && countsKeyboardLetters:
                    persian += 1 // ی ک
                case 0xE2 where next == 0x80 && index + 2 < count && text[index + 2] == 0x8C:
                    persian += 1 // ZWNJ
                default:
                    break
                }
            }
            index += 1
        }
        if persian > arabic { return .persian }
        if arabic > persian { return .arabic }
        return .unknown
    }

    public static func guess(_ text: String, countsKeyboardLetters: Bool = true) -> TextLanguage {
        var text = text
        return text.withUTF8 { guess(utf8: $0, countsKeyboardLetters: countsKeyboardLetters) }
    }

    public var usesArabicRules: Bool { self != .persian }
    public var usesPersianRules: Bool { self != .arabic }
}
