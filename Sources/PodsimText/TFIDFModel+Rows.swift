import Foundation
import PodsimLinearAlgebra
import PodsimParallel

extension TFIDFModel {
    /// The TF-IDF rows of `documents` under this fitted model, in order: the same analysis walk
    /// (`CorpusChunk`), counts, vocabulary filter and weights (`TFIDFWeighting`) as a fit's own
    /// matrix, so for a training document the row is bit-identical to the fit's. A streaming
    /// build projects every episode of a catalogue with it after fitting on a sample.
    ///
    /// Documents are analysed in `chunks` parallel chunks (chunk-local term ids, each distinct
    /// term looked up in the vocabulary once per chunk); rows do not depend on the split.
    public func documentMatrix(_ documents: [String], chunks: Int = 2 * ProcessInfo.processInfo.activeProcessorCount)
        -> SparseMatrix
    {
        let count = documents.count
        let chunkSize = max(1, (count + max(1, chunks) - 1) / max(1, chunks))
        let ranges = stride(from: 0, to: count, by: chunkSize).map { $0..<min(count, $0 + chunkSize) }
        let (analyzer, vocabulary, idf, blocks) = (self.analyzer, self.vocabulary, self.idf, self.rowBlocks)
        let parts = concurrentMap(ranges.count) { index in
            let chunk = CorpusChunk(documents: documents, range: ranges[index], analyzer: analyzer)
            let vocabularyID = (0..<chunk.terms.termCount).map { vocabulary.id(of: chunk.terms.text(ofTerm: $0)) ?? -1 }
            var part = SparseMatrixParts()
            for document in 0..<(chunk.rowStart.count - 1) {
                var entries: [(term: Int32, count: Int32)] = []
                for entry in chunk.rowStart[document]..<chunk.rowStart[document + 1] {
                    let id = vocabularyID[Int(chunk.rowTerm[entry])]
                    if id >= 0 { entries.append((id, chunk.rowCount[entry])) }
                }
                part.appendRow(&entries, idf: idf, blocks: blocks)
            }
            return part
        }
        return SparseMatrixParts(concatenating: parts).matrix(columns: termCount)
    }
}
