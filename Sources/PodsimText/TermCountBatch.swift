/// The analysis of a batch of documents as plain text terms and counts, for analysis done
/// outside this process (`podsim analyze` on Spark executors): the same walk as a local fit
/// (`CorpusChunk`), so a term counted there is the term a local fit would count.
public struct TermCountBatch: Sendable {
    private let chunk: CorpusChunk

    /// Analyses `documents` in order with `analyzer`.
    public init(documents: [String], analyzer: Analyzer) {
        chunk = CorpusChunk(documents: documents, range: documents.indices, analyzer: analyzer)
    }

    /// Documents in the batch.
    public var documentCount: Int { chunk.rowStart.count - 1 }

    /// Document `index`'s distinct terms (a stem, or two stems joined by a space for a bigram)
    /// with their occurrence counts, in first-occurrence order.
    public func terms(ofDocument index: Int) -> [(term: String, count: Int32)] {
        (chunk.rowStart[index]..<chunk.rowStart[index + 1]).map { entry in
            let term = Int(chunk.rowTerm[entry])
            return (chunk.terms.text(ofTerm: term), chunk.rowCount[entry])
        }
    }

    /// Every kept surface word of the batch with its stem and occurrences: what a fit needs to
    /// choose each stem's display form (its most frequent surface word).
    public var surfaces: [(stem: String, surface: String, count: Int)] {
        chunk.surfaces.indices.map { index in
            (chunk.terms.stems[Int(chunk.surfaceStem[index])], chunk.surfaces[index], chunk.surfaceCount[index])
        }
    }
}
