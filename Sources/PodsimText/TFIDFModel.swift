/// A fitted TF-IDF vocabulary: what the model file stores to analyse and weigh queries exactly
/// as the corpus was. Term ids are indices into `terms`, which is sorted by UTF-8 bytes.
public struct TFIDFModel: Sendable, Equatable {
    public let configuration: AnalyzerConfiguration
    /// Term texts (`"workflow"`, `"featur flag"`), strictly increasing in UTF-8 byte order.
    public let terms: [String]
    /// Smoothed idf per term, `ln((1 + n) / (1 + df)) + 1`.
    public let idf: [Float]
    /// Documents of the training corpus each term occurs in.
    public let documentFrequency: [Int32]
    /// Readable form per term: the most frequent surface word (`experimentation` for `experi`),
    /// two words for a bigram.
    public let displayForms: [String]
    /// Documents the model was fitted on (`n` in the idf).
    public let documentCount: Int
    /// The analyzer built from `configuration`, used by `transform`.
    public let analyzer: Analyzer
    private let termIDs: [String: Int32]

    /// Rebuilds a model from its stored pieces, checking that they fit together.
    /// - Throws: `TextError(.inconsistentModel)` naming the first disagreement (array lengths,
    ///   term order, a df outside 1…documentCount, a non-positive idf); analyzer errors for a
    ///   bad configuration.
    public init(
        configuration: AnalyzerConfiguration, terms: [String], idf: [Float], documentFrequency: [Int32],
        displayForms: [String], documentCount: Int
    ) throws {
        try self.init(
            analyzer: Analyzer(configuration: configuration), terms: terms, idf: idf,
            documentFrequency: documentFrequency, displayForms: displayForms, documentCount: documentCount)
    }

    init(
        analyzer: Analyzer, terms: [String], idf: [Float], documentFrequency: [Int32], displayForms: [String],
        documentCount: Int
    ) throws {
        func fail(_ message: String) -> TextError { TextError(.inconsistentModel, "TF-IDF model: " + message) }
        guard documentCount >= 1 else { throw fail("documentCount is \(documentCount); it must be at least 1") }
        for (name, count) in [("idf", idf.count), ("documentFrequency", documentFrequency.count),
            ("displayForms", displayForms.count)] where count != terms.count {
            throw fail("\(terms.count) terms but \(count) \(name) entries")
        }
        var termIDs: [String: Int32] = [:]
        termIDs.reserveCapacity(terms.count)
        for (id, term) in terms.enumerated() {
            if id > 0 && !VocabularySelection.precedes(terms[id - 1], term) {
                throw fail("term \(id) '\(term)' does not follow '\(terms[id - 1])' in UTF-8 order")
            }
            guard !term.isEmpty else { throw fail("term \(id) is empty") }
            guard (1...documentCount).contains(Int(documentFrequency[id])) else {
                throw fail("term \(id) '\(term)' has documentFrequency \(documentFrequency[id]), outside 1...\(documentCount)")
            }
            guard idf[id].isFinite && idf[id] > 0 else { throw fail("term \(id) '\(term)' has idf \(idf[id])") }
            termIDs[term] = Int32(id)
        }
        self.configuration = analyzer.configuration
        self.analyzer = analyzer
        self.terms = terms
        self.idf = idf
        self.documentFrequency = documentFrequency
        self.displayForms = displayForms
        self.documentCount = documentCount
        self.termIDs = termIDs
    }

    /// Vocabulary size (matrix columns).
    public var termCount: Int { terms.count }

    /// The id of an analysed term (`"workflow"`, `"featur flag"`), or nil if out of vocabulary.
    public func termID(_ term: String) -> Int32? { termIDs[term] }

    /// The in-vocabulary terms of `text` with their counts, sorted by term id.
    public func termCounts(_ text: String) -> [(term: Int32, count: Int32)] {
        var counts: [Int32: Int32] = [:]
        for term in analyzer.terms(text) {
            if let id = termIDs[term] { counts[id, default: 0] += 1 }
        }
        return counts.map { (term: $0.key, count: $0.value) }.sorted { $0.term < $1.term }
    }

    /// The TF-IDF vector of `text` (query fold-in): (term id, weight) sorted by term id,
    /// L2-normalised, out-of-vocabulary terms ignored; empty when no term is known. For a
    /// training document it equals that document's matrix row.
    public func transform(_ text: String) -> [(term: Int32, weight: Float)] {
        let entries = termCounts(text)
        let weights = TFIDFWeighting.normalizedWeights(entries, idf: idf)
        return zip(entries, weights).map { (term: $0.term, weight: $1) }
    }

    public static func == (left: TFIDFModel, right: TFIDFModel) -> Bool {
        left.configuration == right.configuration && left.terms == right.terms && left.idf == right.idf
            && left.documentFrequency == right.documentFrequency && left.displayForms == right.displayForms
            && left.documentCount == right.documentCount
    }
}
