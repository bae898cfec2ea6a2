/// The one error type of the text module: a configuration that cannot be used, a corpus that
/// yields no vocabulary, or stored model pieces that do not fit together. `message` names the
/// field or value at fault and what to change; `kind` lets callers and tests tell cases apart.
public struct TextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely; the message carries the detail.
    public enum Kind: Sendable, Equatable {
        /// `AnalyzerConfiguration.language` names no Snowball algorithm libstemmer knows.
        case unknownLanguage
        /// A configuration field outside its allowed range (or JSON that does not decode).
        case invalidConfiguration
        /// A stored configuration written by a newer (or unknown) format version.
        case unsupportedVersion
        /// Fitting was asked for on zero documents, or pruning left no term.
        case emptyVocabulary
        /// Stored model pieces (terms, idf, df, display forms) that disagree with each other.
        case inconsistentModel
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
