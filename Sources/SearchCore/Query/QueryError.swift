/// What is wrong with a query, with the 1-based character column where it goes wrong.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    case empty
    case unbalancedQuote(column: Int)
    case unclosedParenthesis(column: Int)
    case unopenedParenthesis(column: Int)
    case emptyGroup(column: Int)
    case missingOperand(operator: String, column: Int)
    case onlyExclusions(column: Int)
    case badNear(column: Int, reason: String)

    public var description: String {
        switch self {
        case .empty:
            "the query has no words to search for"
        case .unbalancedQuote(let column):
            "unbalanced quote: the phrase opened at column \(column) is never closed (add a closing \")"
        case .unclosedParenthesis(let column):
            "unbalanced parenthesis: the ( at column \(column) is never closed (add a closing ))"
        case .unopenedParenthesis(let column):
            "unbalanced parenthesis: the ) at column \(column) closes nothing"
        case .emptyGroup(let column):
            "empty parentheses at column \(column): put words inside, e.g. (أستانا OR سوتشي)"
        case .missingOperand(let name, let column):
            "\(name) at column \(column) needs a word \(name == "OR" ? "on each side" : "after it"), e.g. "
                + (name == "OR" ? "أستانا OR سوتشي" : "أستانا -روسيا")
        case .onlyExclusions(let column):
            "nothing to look for at column \(column): a part of the query only excludes words; "
                + "add a word to find, e.g. أستانا -روسيا"
        case .badNear(let column, let reason):
            "NEAR at column \(column): \(reason); write it as NEAR(word word, 10)"
        }
    }
}

