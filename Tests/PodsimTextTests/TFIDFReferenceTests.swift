import Foundation
import PodsimLinearAlgebra
import Testing
@testable import PodsimText

/// Checks the parallel, id-based fit against a direct string-keyed computation of the same
/// definitions, on a corpus big enough for several waves and chunks.
@Suite struct TFIDFReferenceTests {
    @Test func parallelFitMatchesDirectComputation() throws {
        let documents = seedLikeCorpus(count: TFIDFVectorizer.documentsPerWave + 1_500, seed: 42)
        let configuration = AnalyzerConfiguration(minDocumentFrequency: 3, maxDocumentFrequency: 0.3)
        let fit = try TFIDFVectorizer(configuration: configuration).fit(documents)
        let analyzer = fit.model.analyzer

        // Direct: terms per document by string, df by string, prune, sort by UTF-8 bytes.
        let counts = documents.map { Dictionary(analyzer.terms($0).map { ($0, 1) }, uniquingKeysWith: +) }
        var documentFrequency: [String: Int] = [:]
        for document in counts { for term in document.keys { documentFrequency[term, default: 0] += 1 } }
        let limit = 0.3 * Double(documents.count)
        let vocabulary = documentFrequency.filter { $0.value >= 3 && Double($0.value) <= limit }.keys
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(fit.model.terms == vocabulary)
        #expect(fit.model.documentFrequency.map(Int.init) == vocabulary.map { documentFrequency[$0]! })

        let id = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let n = Double(documents.count)
        var worst = 0.0
        for (row, document) in counts.enumerated() {
            let entries = document.compactMap { term, count in id[term].map { ($0, count) } }.sorted { $0.0 < $1.0 }
            let raw = entries.map { (1 + log(Double($1))) * (log((1 + n) / Double(1 + documentFrequency[vocabulary[$0]]!)) + 1) }
            let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let actual = fit.matrix.row(row)
            #expect(actual.map(\.column) == entries.map(\.0), "row \(row) columns")
            for (value, expected) in zip(actual.map(\.value), raw) {
                worst = max(worst, abs(Double(value) - expected / norm))
            }
        }
        #expect(worst < 1e-5)
    }
}
