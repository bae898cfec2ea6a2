/// One analysed token of a text: a word that survived the stop list, with its term.
public struct Token: Sendable, Hashable {
    /// Where the token came from.
    public enum Kind: Sendable, Hashable {
        /// An ordinary word.
        case word
        /// A piece of a glued or mixed-case word (`dev`, `ops` of `DevOps`).
        case part
        /// The whole of a split word, kept so product names stay findable (`devops`). It is a
        /// unigram only: it never forms bigrams and does not interrupt the phrase around it.
        case compound
    }

    /// The folded word as it appeared (`workflows`, `soren`, `trevor` for `Trevor's`).
    public var surface: String
    /// The analysed unigram term: the Snowball stem of `surface` (`workflow`), or `surface`
    /// itself when stemming is off.
    public var stem: String
    /// 0-based index of the sentence (line, or text between `. ! ? ; :`) holding the token.
    public var sentence: Int
    public var kind: Kind
    /// True when this token directly follows the previous non-compound token in one phrase,
    /// so the two form the bigram `"previousStem stem"`. Always false when bigrams are off.
    public var continuesPhrase: Bool

    public init(surface: String, stem: String, sentence: Int, kind: Kind, continuesPhrase: Bool) {
        self.surface = surface
        self.stem = stem
        self.sentence = sentence
        self.kind = kind
        self.continuesPhrase = continuesPhrase
    }
}
