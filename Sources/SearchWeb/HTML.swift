import SearchCore

/// Text from the index or the query, made safe where it is inserted into a page.
///
/// Rules: in text and in attribute values (always quoted with `"`), `& < > " '` become
/// entities, so no text can open a tag, close an attribute or start an entity. In text, the
/// explicit directional formatting characters (embeddings, overrides and isolates, U+202A–U+202E
/// and U+2066–U+2069) are shown as visible names, so a passage or path cannot reorder what is
/// shown around it; the marks (LRM, RLM, ALM) and joiners (ZWNJ, ZWJ) stay, as Persian and Arabic
/// text needs them.
enum HTML {
    /// - Parameter markup: false where tags are not read (a `<title>`): a control is named as text.
    static func text(_ text: String, markup: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let entity = entity(scalar) {
                out += entity
            } else if isDirectionalFormatting(scalar) {
                let name = "[U+" + hex(scalar.value) + "]"
                out += markup ? "<span class=\"control\" title=\"a directional formatting character\">\(name)</span>" : name
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An attribute value, to be written between double quotes.
    static func attribute(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let entity = entity(scalar) { out += entity } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// A passage with its highlighted words in `<mark class="KIND">`: `highlights` are UTF-8 byte
    /// ranges into `text`, in order, as the searcher returns them.
    static func marked(_ text: String, highlights: [Highlight]) -> String {
        let bytes = Array(text.utf8)
        var out = ""
        var position = 0
        for highlight in highlights.sorted(by: { $0.byteStart < $1.byteStart }) {
            // Ranges come from the same text; one that does not fit is left unmarked.
            guard highlight.byteStart >= position, highlight.byteEnd <= bytes.count,
                  highlight.byteStart < highlight.byteEnd else { continue }
            out += Self.text(String(decoding: bytes[position..<highlight.byteStart], as: UTF8.self))
            let kind = highlight.kind.rawValue
            out += "<mark class=\"\(kind)\" title=\"\(kind) match\">"
                + Self.text(String(decoding: bytes[highlight.byteStart..<highlight.byteEnd], as: UTF8.self)) + "</mark>"
            position = highlight.byteEnd
        }
        return out + Self.text(String(decoding: bytes[position...], as: UTF8.self))
    }

    private static func entity(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        case "'": "&#39;"
        default: nil
        }
    }

    static func isDirectionalFormatting(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// Links within the site: a path and query parameters, each value percent-encoded (everything
/// but letters, digits and `-._~`), so that no value can add a parameter or change the path.
struct SiteLink {
    var path: String
    var parameters: [(String, String)] = []

    var text: String {
        guard !parameters.isEmpty else { return path }
        return path + "?" + parameters.map { Self.encoded($0.0) + "=" + Self.encoded($0.1) }.joined(separator: "&")
    }

    static func encoded(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
