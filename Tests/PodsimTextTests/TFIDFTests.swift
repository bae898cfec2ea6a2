import Foundation
import PodsimLinearAlgebra
import Testing
@testable import PodsimText

/// Plain words, no stemming, no bigrams, no pruning: TF-IDF arithmetic only.
private let plain = AnalyzerConfiguration(
    stemming: false, bigrams: false, minDocumentFrequency: 1, maxDocumentFrequency: 1)

private func rowNorm(_ matrix: SparseMatrix, _ row: Int) -> Double {
    matrix.row(row).reduce(0) { $0 + Double($1.value) * Double($1.value) }.squareRoot()
}

@Suite struct TFIDFTests {
    @Test func weightsMatchHandComputation() throws {
        let fit = try TFIDFVectorizer(configuration: plain).fit([
            "apple banana apple", "banana cherry", "cherry cherry cherry date",
        ])
        #expect(fit.model.terms == ["apple", "banana", "cherry", "date"])
        #expect(fit.model.documentFrequency == [1, 2, 2, 1])
        // n = 3: idf(df=1) = ln(4/2) + 1, idf(df=2) = ln(4/3) + 1.
        #expect(abs(fit.model.idf[0] - 1.6931472) < 1e-6)
        #expect(abs(fit.model.idf[1] - 1.2876821) < 1e-6)
        // Row 0: apple tf 2 → (1 + ln 2)·1.6931, banana 1·1.2877, then L2-normalised.
        // Row 1: banana and cherry share an idf → 1/√2 each.
        // Row 2: cherry tf 3 → (1 + ln 3)·1.2877, date 1·1.6931.
        let expected: [[(column: Int, value: Float)]] = [
            [(0, 0.91220163), (1, 0.40974161)],
            [(1, 0.70710678), (2, 0.70710678)],
            [(2, 0.84740849), (3, 0.53094148)],
        ]
        #expect(fit.matrix.rows == 3 && fit.matrix.columns == 4)
        for (row, entries) in expected.enumerated() {
            let actual = fit.matrix.row(row)
            #expect(actual.map(\.column) == entries.map(\.column))
            for (a, e) in zip(actual, entries) { #expect(abs(a.value - e.value) < 1e-6) }
        }
    }

    @Test func documentFrequencyPruning() throws {
        // Out of 4 documents: `once` df 1, `twice` df 2, `thrice` df 3.
        let documents = ["once twice thrice", "twice thrice", "thrice extra", "extra"]
        let configuration = AnalyzerConfiguration(
            stemming: false, bigrams: false, minDocumentFrequency: 2, maxDocumentFrequency: 0.5)
        let fit = try TFIDFVectorizer(configuration: configuration).fit(documents)
        #expect(fit.model.terms == ["extra", "twice"])
        #expect(fit.model.documentFrequency == [2, 2])
    }

    @Test func maxFeaturesKeepsHighestDocumentFrequencyThenTermOrder() throws {
        let documents = ["alpha beta gamma delta", "alpha beta gamma", "alpha delta", "alpha"]
        var configuration = plain
        configuration.maxFeatures = 3
        // df: alpha 4, beta 2, gamma 2, delta 2 → alpha, then the tie broken by term: beta, delta.
        let fit = try TFIDFVectorizer(configuration: configuration).fit(documents)
        #expect(fit.model.terms == ["alpha", "beta", "delta"])
    }

    @Test func rowsAreUnitLengthAndEmptyRowsStayEmpty() throws {
        let fit = try TFIDFVectorizer(configuration: plain).fit([
            "kubernetes operators", "the and of", "kubernetes platform teams platform",
        ])
        #expect(abs(rowNorm(fit.matrix, 0) - 1) < 1e-6)
        #expect(fit.matrix.row(1).isEmpty)
        #expect(abs(rowNorm(fit.matrix, 2) - 1) < 1e-6)
    }

    @Test func transformOfTrainingDocumentEqualsItsRow() throws {
        let documents = seedLikeCorpus(count: 300, seed: 7)
        let fit = try TFIDFVectorizer().fit(documents)
        for (index, document) in documents.enumerated() {
            let folded = fit.model.transform(document)
            let row = fit.matrix.row(index)
            #expect(folded.map(\.term) == row.map { Int32($0.column) })
            #expect(folded.map(\.weight) == row.map(\.value))
        }
    }

    @Test func transformIgnoresUnknownTerms() throws {
        let fit = try TFIDFVectorizer(configuration: plain).fit(["apple banana", "banana cherry"])
        #expect(fit.model.transform("zucchini quince").isEmpty)
        #expect(fit.model.transform("").isEmpty)
        let mixed = fit.model.transform("apple zucchini")
        #expect(mixed.map(\.term) == [0])
        #expect(mixed.map(\.weight) == [1])
    }

    @Test func fittingIsDeterministic() throws {
        let documents = seedLikeCorpus(count: 500, seed: 11)
        let first = try TFIDFVectorizer().fit(documents)
        let second = try TFIDFVectorizer().fit(documents)
        #expect(first.model == second.model)
        #expect(first.matrix == second.matrix)
    }

    @Test func modelRoundTripsThroughStoredPieces() throws {
        let documents = seedLikeCorpus(count: 200, seed: 3)
        let fit = try TFIDFVectorizer().fit(documents)
        let model = fit.model
        let json = try model.configuration.jsonData()
        let rebuilt = try TFIDFModel(
            configuration: AnalyzerConfiguration(json: json), terms: model.terms, idf: model.idf,
            documentFrequency: model.documentFrequency, displayForms: model.displayForms,
            documentCount: model.documentCount)
        #expect(rebuilt == model)
        let query = documents[17] + " and some words never seen"
        #expect(rebuilt.transform(query).map(\.term) == model.transform(query).map(\.term))
        #expect(rebuilt.transform(query).map(\.weight) == model.transform(query).map(\.weight))
    }

    @Test func inconsistentStoredPiecesAreRejected() throws {
        let c = AnalyzerConfiguration()
        let cases: [(String, () throws -> TFIDFModel)] = [
            ("idf", { try TFIDFModel(configuration: c, terms: ["a", "b"], idf: [1], documentFrequency: [1, 1], displayForms: ["a", "b"], documentCount: 2) }),
            ("order", { try TFIDFModel(configuration: c, terms: ["b", "a"], idf: [1, 1], documentFrequency: [1, 1], displayForms: ["b", "a"], documentCount: 2) }),
            ("documentFrequency", { try TFIDFModel(configuration: c, terms: ["a"], idf: [1], documentFrequency: [3], displayForms: ["a"], documentCount: 2) }),
            ("idf", { try TFIDFModel(configuration: c, terms: ["a"], idf: [.nan], documentFrequency: [1], displayForms: ["a"], documentCount: 2) }),
            ("documentCount", { try TFIDFModel(configuration: c, terms: [], idf: [], documentFrequency: [], displayForms: [], documentCount: 0) }),
        ]
        for (field, make) in cases {
            let error = try #require(throws: TextError.self) { try make() }
            #expect(error.kind == .inconsistentModel)
            #expect(error.message.contains(field), "message should name \(field): \(error.message)")
        }
    }

    @Test func emptyCorpusAndEmptyVocabularyAreClearErrors() throws {
        let none = try #require(throws: TextError.self) { try TFIDFVectorizer().fit([]) }
        #expect(none.kind == .emptyVocabulary)
        // Two documents with nothing in common: every term has df 1 < minDocumentFrequency 2.
        let pruned = try #require(throws: TextError.self) { try TFIDFVectorizer().fit(["apples", "oranges"]) }
        #expect(pruned.kind == .emptyVocabulary)
        #expect(pruned.message.contains("minDocumentFrequency=2"))
    }

    @Test func displayFormsAreTheMostFrequentSurfaceWords() throws {
        let configuration = AnalyzerConfiguration(minDocumentFrequency: 1, maxDocumentFrequency: 1)
        let fit = try TFIDFVectorizer(configuration: configuration).fit([
            "feature flags and experiments", "feature flags again", "experiment", "experiments",
        ])
        let model = fit.model
        func display(_ term: String) throws -> String { model.displayForms[Int(try #require(model.termID(term)))] }
        #expect(try display("experi") == "experiments")
        #expect(try display("flag") == "flags")
        #expect(try display("featur flag") == "feature flags")
    }

    @Test func progressIsReported() throws {
        var messages: [String] = []
        _ = try TFIDFVectorizer(configuration: plain).fit(["apple", "banana"]) { messages.append($0) }
        #expect(messages.contains { $0.hasPrefix("analysed 2 of 2") })
        #expect(messages.contains { $0.hasPrefix("matrix: 2 × 2") })
    }
}
