/// Which corpus terms enter the vocabulary, and their ids: document-frequency pruning
/// (`minDocumentFrequency ≤ df ≤ maxDocumentFrequency · n`; a character gram needs at least 2
/// episodes whatever the minimum, `CharacterGrams`), then the optional `maxFeatures`
/// cap keeping the highest df (ties: the smaller term in UTF-8 order), then ids assigned in
/// UTF-8 byte order of the term text so the same corpus always yields the same ids.
struct VocabularySelection {
    /// Vocabulary id → corpus term id.
    let corpusTerms: [Int]
    /// Vocabulary id → term text.
    let texts: [String]
    /// Corpus term id → vocabulary id, or -1 when pruned.
    let finalID: [Int32]

    init(corpus: CorpusAccumulator, configuration: AnalyzerConfiguration) throws {
        let documents = corpus.documentCount
        let maxDocuments = configuration.maxDocumentFrequency * Double(documents)
        let table = corpus.terms
        var kept: [(term: Int, text: String, df: Int32)] = []
        let gramMinimum = max(configuration.minDocumentFrequency, CharacterGrams.minimumDocumentFrequency)
        for term in 0..<table.termCount {
            let df = table.documentFrequency[term]
            guard Int(df) >= configuration.minDocumentFrequency && Double(df) <= maxDocuments else { continue }
            let text = table.text(ofTerm: term)
            if Int(df) < gramMinimum && CharacterGrams.isGram(text) { continue }
            kept.append((term, text, df))
        }
        guard !kept.isEmpty else {
            throw TextError(
                .emptyVocabulary,
                "no term survived pruning: \(table.termCount) distinct terms in \(documents) documents, "
                    + "none in at least minDocumentFrequency=\(configuration.minDocumentFrequency) and at most "
                    + "maxDocumentFrequency=\(configuration.maxDocumentFrequency) of the documents; "
                    + "add documents or relax those limits")
        }
        if let cap = configuration.maxFeatures, kept.count > cap {
            kept.sort { $0.df != $1.df ? $0.df > $1.df : Self.precedes($0.text, $1.text) }
            kept.removeLast(kept.count - cap)
        }
        kept.sort { Self.precedes($0.text, $1.text) }
        var finalID = [Int32](repeating: -1, count: table.termCount)
        for (id, entry) in kept.enumerated() { finalID[entry.term] = Int32(id) }
        self.corpusTerms = kept.map(\.term)
        self.texts = kept.map(\.text)
        self.finalID = finalID
    }

    /// UTF-8 byte order (not Swift's `<`, which compares by Unicode canonical equivalence).
    static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}
