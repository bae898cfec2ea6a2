/// Turns text into terms: tokenize (see `WordScanner` for the rules), fold case and diacritics,
/// drop stop words, short words and numbers, stem with Snowball, and add bigrams of adjacent
/// kept words. A bigram never spans a removed word, a sentence boundary, a URL or a glue split.
/// With `characterGrams` configured, each kept stem's character n-grams follow it.
///
/// Safe to use from many threads at once: each call borrows its own stemmer from a pool.
public final class Analyzer: Sendable {
    public let configuration: AnalyzerConfiguration
    private let scanner: WordScanner
    private let pool: TermLookupPool

    /// - Throws: `TextError(.unknownLanguage)` when libstemmer has no algorithm named
    ///   `configuration.language`; `.invalidConfiguration` for a field out of range.
    public init(configuration: AnalyzerConfiguration = AnalyzerConfiguration()) throws {
        try configuration.validate()
        guard SnowballStemmer(language: configuration.language) != nil else {
            let known = SnowballStemmer.availableLanguages.joined(separator: ", ")
            throw TextError(
                .unknownLanguage,
                "language '\(configuration.language)' is not a Snowball stemmer algorithm; use one of: \(known)")
        }
        let filter = TermFilter(configuration: configuration)
        self.configuration = configuration
        self.scanner = WordScanner(stopwords: filter.stopwords)
        self.pool = TermLookupPool(filter: filter, language: configuration.stemming ? configuration.language : nil)
    }

    /// The analysed terms of `text` in order: each kept token's stem, its character grams when
    /// configured, then the bigram `"previousStem stem"` when the token continues a phrase.
    public func terms(_ text: String) -> [String] {
        terms(text, characterGrams: true)
    }

    /// `terms(_:)`, leaving the character grams out when `characterGrams` is false (free-text
    /// queries, word counts): cheaper than making them and dropping them.
    public func terms(_ text: String, characterGrams: Bool) -> [String] {
        var terms: [String] = []
        var previous = ""
        let grams = characterGrams ? configuration.characterGrams : nil
        pool.withLookup { lookup in
            walk(text, lookup: lookup.term(for:)) { _, stem, _, kind, continuesPhrase in
                terms.append(stem)
                if let grams { terms.append(contentsOf: grams.grams(of: stem)) }
                if continuesPhrase { terms.append(previous + " " + stem) }
                if kind != .compound { previous = stem }
            }
        }
        return terms
    }

    /// The kept tokens of `text` with their surface words, for showing readable terms.
    public func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        pool.withLookup { lookup in
            walk(text, lookup: lookup.term(for:)) { surface, stem, sentence, kind, continuesPhrase in
                tokens.append(
                    Token(surface: surface, stem: stem, sentence: sentence, kind: kind, continuesPhrase: continuesPhrase))
            }
        }
        return tokens
    }

    /// Runs `body` with a stemmer-owning lookup borrowed for its duration; corpus fitting holds
    /// one per chunk of documents.
    func withTermLookup<Result>(_ body: (TermLookup) throws -> Result) rethrows -> Result {
        try pool.withLookup(body)
    }

    /// The one place that turns scanned words into kept tokens and phrase links, shared by
    /// `terms`, `tokens` and corpus fitting so all three analyse identically.
    ///
    /// - Parameters:
    ///   - lookup: folded word → its term key (a stem, or a caller's id for it), nil to drop.
    ///   - emit: called per kept token with (surface, key, sentence, kind, continuesPhrase).
    func walk<Key>(
        _ text: String,
        lookup: (String) -> Key?,
        emit: (String, Key, Int, Token.Kind, Bool) -> Void
    ) {
        let bigrams = configuration.bigrams
        var phraseOpen = false
        scanner.scan(text) { word in
            let linked = word.kind != .compound
            if linked && word.breakBefore { phraseOpen = false }
            guard let key = lookup(word.surface) else {
                // A dropped word (stop word, number, too short) interrupts the phrase.
                if linked { phraseOpen = false }
                return
            }
            emit(word.surface, key, word.sentence, word.kind, linked && phraseOpen && bigrams)
            if linked { phraseOpen = true }
        }
    }
}
