import GRDB
import TextAnalysis

/// The SQL function `arfa_exact(text, word)`: 1 when `word` occurs in `text` exactly as typed,
/// as a whole word; ranking uses it to put exact forms before folded ones.
enum ExactWordFunction {
    static let name = "arfa_exact"

    static let function = DatabaseFunction(name, argumentCount: 2, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]), let word = String.fromDatabaseValue(values[1]) else {
            return 0
        }
        return WordOccurrence().occurs(word, in: text) ? 1 : 0
    }
}
