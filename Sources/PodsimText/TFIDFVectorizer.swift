import Foundation
import PodsimLinearAlgebra
import PodsimParallel

/// A fitted TF-IDF model and the document-term matrix of its training documents.
public struct TFIDFFit: Sendable {
    public let model: TFIDFModel
    /// Rows = documents in input order, columns = term ids; rows L2-normalised (a document with
    /// no vocabulary term stays an all-zero row).
    public let matrix: SparseMatrix
}

/// Fits TF-IDF on a corpus: analyse (in parallel), count, prune, weigh.
public struct TFIDFVectorizer: Sendable {
    /// Documents analysed between progress reports and merges; default 8,192. Bounds the memory
    /// of unmerged chunk-local tables.
    public static let documentsPerWave = 8_192

    public let analyzer: Analyzer

    /// - Throws: `TextError` for an unknown language or a field out of range.
    public init(configuration: AnalyzerConfiguration = AnalyzerConfiguration()) throws {
        analyzer = try Analyzer(configuration: configuration)
    }

    public init(analyzer: Analyzer) {
        self.analyzer = analyzer
    }

    /// Fits the vocabulary and weights on `documents` and returns the model with the matrix.
    ///
    /// Memory grows with the non-zeros (distinct terms per document), not documents × terms:
    /// each wave of documents is analysed in parallel chunks with chunk-local ids, then merged.
    /// - Parameter progress: called on the calling thread with one-line status messages.
    /// - Throws: `TextError(.emptyVocabulary)` for no documents, or when pruning keeps no term.
    public func fit(_ documents: [String], progress: ((String) -> Void)? = nil) throws -> TFIDFFit {
        try fit(documents, chunksPerWave: 2 * ProcessInfo.processInfo.activeProcessorCount, progress: progress)
    }

    /// `fit(_:progress:)` with the number of parallel chunks per wave as a parameter (normally two
    /// per core), so tests can check that the split — and so the thread count — changes no bit.
    func fit(_ documents: [String], chunksPerWave: Int, progress: ((String) -> Void)? = nil) throws -> TFIDFFit {
        guard !documents.isEmpty else {
            throw TextError(.emptyVocabulary, "cannot fit TF-IDF on zero documents")
        }
        let configuration = analyzer.configuration
        var corpus = CorpusAccumulator()
        var waveStart = 0
        while waveStart < documents.count {
            let waveEnd = min(documents.count, waveStart + Self.documentsPerWave)
            let chunkSize = max(1, (waveEnd - waveStart + chunksPerWave - 1) / chunksPerWave)
            let ranges = stride(from: waveStart, to: waveEnd, by: chunkSize).map { $0..<min(waveEnd, $0 + chunkSize) }
            let analyzer = self.analyzer
            let chunks = concurrentMap(ranges.count) { CorpusChunk(documents: documents, range: ranges[$0], analyzer: analyzer) }
            for chunk in chunks { corpus.absorb(chunk) }
            waveStart = waveEnd
            progress?("analysed \(waveEnd) of \(documents.count) documents (\(corpus.terms.termCount) distinct terms)")
        }

        let vocabulary = try VocabularySelection(corpus: corpus, configuration: configuration)
        let documentFrequency = vocabulary.corpusTerms.map { corpus.terms.documentFrequency[$0] }
        let idf = documentFrequency.map {
            TFIDFWeighting.inverseDocumentFrequency(documentFrequency: Int($0), documentCount: documents.count)
        }
        progress?("vocabulary: kept \(vocabulary.texts.count) of \(corpus.terms.termCount) terms")
        let model = try TFIDFModel(
            analyzer: analyzer, terms: vocabulary.texts, idf: idf, documentFrequency: documentFrequency,
            displayForms: corpus.displayForms(of: vocabulary.corpusTerms), documentCount: documents.count)
        let matrix = TFIDFWeighting.documentTermMatrix(
            corpus: corpus, finalID: vocabulary.finalID, idf: idf, rowBlocks: model.rowBlocks)
            .matrix(columns: vocabulary.texts.count)
        progress?("matrix: \(matrix.rows) × \(matrix.columns), \(matrix.nonZeroCount) non-zeros")
        return TFIDFFit(model: model, matrix: matrix)
    }
}
