import Foundation
import PodsimLinearAlgebra
import PodsimParallel

/// The TF-IDF formulas, in one place so that the fitted matrix and query fold-in (`transform`)
/// compute bit-identical weights for the same counts.
public enum TFIDFWeighting {
    /// Smoothed inverse document frequency, `ln((1 + n) / (1 + df)) + 1`, as scikit-learn's
    /// `smooth_idf`: never zero, so a term in every document still counts a little.
    public static func inverseDocumentFrequency(documentFrequency: Int, documentCount: Int) -> Float {
        Float(log(Double(1 + documentCount) / Double(1 + documentFrequency)) + 1)
    }

    /// L2-normalised weights `(1 + ln tf) · idf` of one document's (term, count) entries, which
    /// must be sorted by term id; accumulated in Double so the order of summation is fixed.
    /// An empty entry list gives an empty row (a document with no known term stays all-zero).
    ///
    /// With character grams (`blocks`), the grams (ids below `blocks.gramTerms`) and the words
    /// are normalised apart, to norms √share and √(1 − share); a row with only one of the two is
    /// normalised as a whole, as without grams.
    static func normalizedWeights(
        _ entries: [(term: Int32, count: Int32)], idf: [Float], blocks: RowBlocks? = nil
    ) -> [Float] {
        idf.withUnsafeBufferPointer { idf in
            let raw = entries.map { (1 + log(Double($0.count))) * Double(idf[Int($0.term)]) }
            func norm(_ values: ArraySlice<Double>) -> Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
            if let blocks, let split = entries.firstIndex(where: { $0.term >= blocks.gramTerms }), split > 0 {
                let (gramNorm, wordNorm) = (norm(raw[..<split]), norm(raw[split...]))
                let (gramScale, wordScale) = (blocks.share.squareRoot(), (1 - blocks.share).squareRoot())
                return raw.indices.map { index in
                    Float(index < split ? raw[index] / gramNorm * gramScale : raw[index] / wordNorm * wordScale)
                }
            }
            let whole = norm(raw[...])
            guard whole > 0 else { return raw.map { _ in 0 } }
            return raw.map { Float($0 / whole) }
        }
    }

    /// The two blocks of a row when the vocabulary has character grams: they are its first
    /// `gramTerms` ids (`#` sorts before every word), and hold `share` of the squared norm.
    struct RowBlocks: Sendable, Equatable {
        let gramTerms: Int32
        let share: Double

        /// The blocks of a vocabulary sorted by UTF-8 bytes, or nil without grams.
        init?(configuration: AnalyzerConfiguration, termCount: Int, term: (Int) -> String) {
            guard let grams = configuration.characterGrams else { return nil }
            // The grams are a prefix of the sorted vocabulary: find its end by bisection.
            var (low, high) = (0, termCount)
            while low < high {
                let middle = (low + high) / 2
                if CharacterGrams.isGram(term(middle)) { low = middle + 1 } else { high = middle }
            }
            gramTerms = Int32(low)
            share = grams.share
        }
    }

    /// The document-term matrix: row d holds document d's weighted terms, remapped through
    /// `finalID` (corpus term → vocabulary id, -1 when pruned). Rows are built in parallel in
    /// blocks and concatenated, so memory stays proportional to the non-zeros.
    static func documentTermMatrix(
        corpus: CorpusAccumulator, finalID: [Int32], idf: [Float], rowBlocks: RowBlocks?
    ) -> SparseMatrixParts {
        let documents = corpus.documentCount
        // A few blocks per core, so one slow block does not leave a core idle.
        let blockCount = 4 * ProcessInfo.processInfo.activeProcessorCount
        let blockSize = Swift.max(1, (documents + blockCount - 1) / blockCount)
        let blocks = (documents + blockSize - 1) / blockSize
        let (rowStart, rowTerm, rowCount) = (corpus.rowStart, corpus.rowTerm, corpus.rowCount)
        let parts = concurrentMap(blocks) { block in
            var part = SparseMatrixParts()
            for document in (block * blockSize)..<Swift.min(documents, (block + 1) * blockSize) {
                var entries: [(term: Int32, count: Int32)] = []
                for entry in rowStart[document]..<rowStart[document + 1] {
                    let id = finalID[Int(rowTerm[entry])]
                    if id >= 0 { entries.append((id, rowCount[entry])) }
                }
                part.appendRow(&entries, idf: idf, blocks: rowBlocks)
            }
            return part
        }
        return SparseMatrixParts(concatenating: parts)
    }
}

/// CSR arrays under construction: per-row lengths rather than offsets, so blocks built apart
/// concatenate without fixing up offsets.
struct SparseMatrixParts: Sendable {
    var rowLengths: [Int] = []
    var columnIndices: [Int32] = []
    var values: [Float] = []

    init() {}

    /// The rows of `parts`, one after another.
    init(concatenating parts: [SparseMatrixParts]) {
        for part in parts {
            columnIndices.append(contentsOf: part.columnIndices)
            values.append(contentsOf: part.values)
            rowLengths.append(contentsOf: part.rowLengths)
        }
    }

    /// Appends one document's row from its (vocabulary id, count) entries, which it sorts by
    /// term id: the weights of `TFIDFWeighting.normalizedWeights`.
    mutating func appendRow(
        _ entries: inout [(term: Int32, count: Int32)], idf: [Float], blocks: TFIDFWeighting.RowBlocks?
    ) {
        entries.sort { $0.term < $1.term }
        columnIndices.append(contentsOf: entries.lazy.map(\.term))
        values.append(contentsOf: TFIDFWeighting.normalizedWeights(entries, idf: idf, blocks: blocks))
        rowLengths.append(entries.count)
    }

    func matrix(columns: Int) -> SparseMatrix {
        var rowStart = [0]
        rowStart.reserveCapacity(rowLengths.count + 1)
        for length in rowLengths { rowStart.append(rowStart[rowStart.count - 1] + length) }
        return SparseMatrix(
            rows: rowLengths.count, columns: columns, rowStart: rowStart,
            columnIndices: columnIndices, values: values)
    }
}
