import TextAnalysis

/// How a text is written, for the `dir` and `lang` attributes of what shows it: right to left
/// when it has more Arabic-script letters than Latin ones, and then Persian or Arabic as
/// `TextLanguage` reads it (so each gets its fonts and shaping); otherwise left to the browser.
struct Writing: Equatable {
    /// `rtl`, or `auto` (the first strong character decides).
    var direction: String
    /// `fa`, `ar`, or nil.
    var language: String?

    /// Letters looked at: the start of a text says how it is written.
    static let sample = 400

    init(of text: String, isQuery: Bool = false) {
        var arabic = 0
        var latin = 0
        for scalar in text.unicodeScalars.prefix(Self.sample) {
            if Self.isArabicScript(scalar) {
                arabic += 1
            } else if scalar.properties.isAlphabetic && scalar.value < 0x0250 {
                latin += 1
            }
        }
        guard arabic > 0 && arabic >= latin else {
            direction = "auto"
            language = nil
            return
        }
        direction = "rtl"
        var utf8 = text
        let guessed = utf8.withUTF8 { TextLanguage.guess(utf8: $0, keyboardLettersBreakTiesOnly: isQuery) }
        language = guessed == .persian ? "fa" : "ar"
    }

    /// The attributes, with a space before each: ` dir="rtl" lang="fa"`.
    var attributes: String {
        " dir=\"\(direction)\"" + (language.map { " lang=\"\($0)\"" } ?? "")
    }

    static func isArabicScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }
}
