/// A passage of a document: the unit that is indexed, ranked and shown.
public struct Passage: Equatable, Sendable {
    /// The passage text as it appears in the document (lines joined by "\n").
    public var text: String
    /// The 1-based line of the document where the passage starts.
    public var startLine: Int
    /// The 1-based line where it ends (inclusive).
    public var endLine: Int

    public init(text: String, startLine: Int, endLine: Int) {
        self.text = text
        self.startLine = startLine
        self.endLine = endLine
    }
}
