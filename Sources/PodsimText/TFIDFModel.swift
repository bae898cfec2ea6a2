/// A fitted TF-IDF vocabulary: what the model file stores to analyse and weigh queries exactly
/// as the corpus was. Term ids are indices into `terms`, which is sorted by UTF-8 bytes.
public struct TFIDFModel: Sendable, Equatable {
    public let configuration: AnalyzerConfiguration
    /// The terms, their ids and readable forms.
    public let vocabulary: any TermVocabulary
    /// Smoothed idf per term, `ln((1 + n) / (1 + df)) + 1`.
    public let idf: [Float]
    /// Documents of the training corpus each term occurs in.
    public let documentFrequency: [Int32]
    /// Documents the model was fitted on (`n` in the idf).
    public let documentCount: Int
    /// The analyzer built from `configuration`, used by `transform`.
    public let analyzer: Analyzer
    /// The gram and word blocks of every row, when the configuration has character grams.
    let rowBlocks: TFIDFWeighting.RowBlocks?

    /// Rebuilds a model from its stored pieces, checking that they fit together.
    /// - Throws: `TextError(.inconsistentModel)` naming the first disagreement (array lengths,
    ///   term order, a df outside 1…documentCount, a non-positive idf); analyzer errors for a
    ///   bad configuration.
    public init(
        configuration: AnalyzerConfiguration, terms: [String], idf: [Float], documentFrequency: [Int32],
        displayForms: [String], documentCount: Int
    ) throws {
        try self.init(
            configuration: configuration, vocabulary: InMemoryVocabulary(terms: terms, displayForms: displayForms),
            idf: idf, documentFrequency: documentFrequency, documentCount: documentCount)
    }

    /// Rebuilds a model around any vocabulary (a model file's, read in place); the vocabulary
    /// vouches for its own order, the rest is checked here.
    public init(
        configuration: AnalyzerConfiguration, vocabulary: any TermVocabulary, idf: [Float],
        documentFrequency: [Int32], documentCount: Int
    ) throws {
        try self.init(
            analyzer: Analyzer(configuration: configuration), vocabulary: vocabulary, idf: idf,
            documentFrequency: documentFrequency, documentCount: documentCount)
    }

    init(
        analyzer: Analyzer, terms: [String], idf: [Float], documentFrequency: [Int32], displayForms: [String],
        documentCount: Int
    ) throws {
        try self.init(
            analyzer: analyzer, vocabulary: InMemoryVocabulary(terms: terms, displayForms: displayForms), idf: idf,
            documentFrequency: documentFrequency, documentCount: documentCount)
    }

    init(
        analyzer: Analyzer, vocabulary: any TermVocabulary, idf: [Float], documentFrequency: [Int32],
        documentCount: Int
    ) throws {
        func fail(_ message: String) -> TextError { TextError(.inconsistentModel, "TF-IDF model: " + message) }
        guard documentCount >= 1 else { throw fail("documentCount is \(documentCount); it must be at least 1") }
        for (name, count) in [("idf", idf.count), ("documentFrequency", documentFrequency.count)]
        where count != vocabulary.count {
            throw fail("\(vocabulary.count) terms but \(count) \(name) entries")
        }
        for id in 0..<vocabulary.count {
            guard (1...documentCount).contains(Int(documentFrequency[id])) else {
                throw fail("term \(id) '\(vocabulary.term(id))' has documentFrequency \(documentFrequency[id]), outside 1...\(documentCount)")
            }
            guard idf[id].isFinite && idf[id] > 0 else { throw fail("term \(id) '\(vocabulary.term(id))' has idf \(idf[id])") }
        }
        self.configuration = analyzer.configuration
        self.analyzer = analyzer
        self.vocabulary = vocabulary
        self.idf = idf
        self.documentFrequency = documentFrequency
        self.documentCount = documentCount
        self.rowBlocks = TFIDFWeighting.RowBlocks(
            configuration: analyzer.configuration, termCount: vocabulary.count, term: vocabulary.term)
    }

    /// Every term, in id order (decodes them all: for writing a model and for tests).
    public var terms: [String] { (0..<vocabulary.count).map(vocabulary.term) }

    /// Every readable form, in id order (decodes them all).
    public var displayForms: [String] { (0..<vocabulary.count).map(vocabulary.displayForm) }

    /// The readable form of term `id` (`experimentation` for `experi`).
    public func displayForm(_ id: Int) -> String { vocabulary.displayForm(id) }

    /// Whether term `id` is a character gram (`#<post`), which readable term lists leave out.
    public func isCharacterGram(_ id: Int) -> Bool { id < Int(rowBlocks?.gramTerms ?? 0) }

    /// The analysed term with id `id`.
    public func term(_ id: Int) -> String { vocabulary.term(id) }

    /// Vocabulary size (matrix columns).
    public var termCount: Int { vocabulary.count }

    /// The id of an analysed term (`"workflow"`, `"featur flag"`), or nil if out of vocabulary.
    public func termID(_ term: String) -> Int32? { vocabulary.id(of: term) }

    /// The in-vocabulary terms of `text` with their counts, sorted by term id.
    public func termCounts(_ text: String) -> [(term: Int32, count: Int32)] {
        termCounts(text, characterGrams: true)
    }

    private func termCounts(_ text: String, characterGrams: Bool) -> [(term: Int32, count: Int32)] {
        var counts: [Int32: Int32] = [:]
        for term in analyzer.terms(text, characterGrams: characterGrams) {
            if let id = vocabulary.id(of: term) { counts[id, default: 0] += 1 }
        }
        return counts.map { (term: $0.key, count: $0.value) }.sorted { $0.term < $1.term }
    }

    /// The TF-IDF vector of `text` (query fold-in): (term id, weight) sorted by term id,
    /// L2-normalised, out-of-vocabulary terms ignored; empty when no term is known. For a
    /// training document it equals that document's matrix row.
    public func transform(_ text: String) -> [(term: Int32, weight: Float)] {
        weighed(termCounts(text))
    }

    /// The TF-IDF vector of a free-text query (a search, a topic): `transform` without character
    /// grams. A short query's grams are pieces of a few words holding half its weight, and they
    /// matched episodes on fragments (`queue` in `requirements`) above whole words: with them the
    /// labelled feeds' search MRR fell 0.821 → 0.800 and the README's Postgres-vs-Kafka search lost
    /// its second Pete Hunt episode; without them both are as before, while an episode's own text
    /// (SIMILAR, a new episode folded in) keeps its grams, where they help.
    public func queryTransform(_ text: String) -> [(term: Int32, weight: Float)] {
        // Not made at all, rather than made, looked up and dropped: this is every SEARCH's path.
        weighed(termCounts(text, characterGrams: false))
    }

    /// Counted entries (sorted by term id) → L2-normalised TF-IDF weights, as the fit weighs rows.
    private func weighed(_ entries: [(term: Int32, count: Int32)]) -> [(term: Int32, weight: Float)] {
        let weights = TFIDFWeighting.normalizedWeights(entries, idf: idf, blocks: rowBlocks)
        return zip(entries, weights).map { (term: $0.term, weight: $1) }
    }

    public static func == (left: TFIDFModel, right: TFIDFModel) -> Bool {
        left.configuration == right.configuration && left.terms == right.terms && left.idf == right.idf
            && left.documentFrequency == right.documentFrequency && left.displayForms == right.displayForms
            && left.documentCount == right.documentCount
    }
}
