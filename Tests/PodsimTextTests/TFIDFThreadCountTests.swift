import PodsimLinearAlgebra
import Testing
@testable import PodsimText

/// The analysis runs in parallel chunks, two per core: however the documents are split — and so
/// whatever the machine's core count — the vocabulary, weights and matrix are the same bits.
@Suite struct TFIDFThreadCountTests {
    @Test func everyChunkSplitGivesTheSameFit() throws {
        let documents = seedLikeCorpus(count: 600, seed: 2026)
        let vectorizer = try TFIDFVectorizer(configuration: AnalyzerConfiguration(minDocumentFrequency: 2))
        let single = try vectorizer.fit(documents, chunksPerWave: 1)
        #expect(single.matrix.rows == 600 && single.matrix.nonZeroCount > 0)
        for chunks in [2, 3, 7, 64, 600] {
            let split = try vectorizer.fit(documents, chunksPerWave: chunks)
            #expect(split.model == single.model, "\(chunks) chunks")
            #expect(split.model.displayForms == single.model.displayForms, "\(chunks) chunks")
            #expect(split.matrix.rowStart == single.matrix.rowStart, "\(chunks) chunks")
            #expect(split.matrix.columnIndices == single.matrix.columnIndices, "\(chunks) chunks")
            #expect(split.matrix.values.map(\.bitPattern) == single.matrix.values.map(\.bitPattern), "\(chunks) chunks")
        }
    }
}
