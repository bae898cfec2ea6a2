import Foundation
import PodsimLinearAlgebra
import Testing
@testable import PodsimText

/// Character grams as TF-IDF terms: which grams a stem gives, how they are counted and pruned,
/// and the two-block row normalisation, in the fit and in query fold-in alike.
@Suite struct CharacterGramsTests {
    private let grams = CharacterGrams()
    /// No stemming, no bigrams, no pruning, so each expected term can be written by hand.
    private var plain: AnalyzerConfiguration {
        AnalyzerConfiguration(
            stemming: false, bigrams: false, minDocumentFrequency: 1, maxDocumentFrequency: 1, characterGrams: grams)
    }

    @Test func gramsOfAStemAreMarkedAndOrderedByLengthThenPosition() {
        #expect(grams.grams(of: "redis") == [
            "#<red", "#redi", "#edis", "#dis>",
            "#<redi", "#redis", "#edis>",
            "#<redis", "#redis>",
        ])
        // Four characters is the shortest stem with grams; a bigram has none.
        #expect(grams.grams(of: "kafk").count == 3 + 2 + 1)
        #expect(grams.grams(of: "k8s").isEmpty)
        #expect(grams.grams(of: "redis cach").isEmpty)
        // Unicode scalars, not bytes: a folded non-Latin stem is cut between characters.
        #expect(CharacterGrams(shortest: 4, longest: 4).grams(of: "данных").first == "#<дан")
        #expect(CharacterGrams.isGram("#<red") && !CharacterGrams.isGram("redis") && !CharacterGrams.isGram("redis cach"))
    }

    @Test func theAnalyzerFollowsEachStemWithItsGrams() throws {
        var configuration = AnalyzerConfiguration(characterGrams: grams)
        let analyzer = try Analyzer(configuration: configuration)
        let terms = analyzer.terms("Redis caching")
        #expect(terms == ["redi"] + grams.grams(of: "redi") + ["cach"] + grams.grams(of: "cach") + ["redi cach"])
        configuration.characterGrams = nil
        #expect(try Analyzer(configuration: configuration).terms("Redis caching") == ["redi", "cach", "redi cach"])
    }

    @Test func aGramInOneDocumentIsNotKeptWhateverTheMinimum() throws {
        // "postgres" and "postgresql" share `#<pos`…, "postgresql" and "mysql" `#sql>`; grams
        // such as `#gresql` are in one document only.
        let fit = try TFIDFVectorizer(configuration: plain).fit(["postgres", "postgresql", "mysql"])
        let gramTerms = fit.model.terms.filter(CharacterGrams.isGram)
        let (postgres, postgresql, mysql) = (grams.grams(of: "postgres"), grams.grams(of: "postgresql"), grams.grams(of: "mysql"))
        let shared = Set(postgres).intersection(postgresql).union(Set(postgresql).intersection(mysql))
        #expect(Set(gramTerms) == shared && shared.contains("#sql>") && !gramTerms.contains("#gresql"))
        // Words found once stay (minDocumentFrequency 1), and the grams are the first ids.
        #expect(fit.model.terms.filter { !CharacterGrams.isGram($0) } == ["mysql", "postgres", "postgresql"])
        #expect(fit.model.terms.prefix(gramTerms.count).allSatisfy(CharacterGrams.isGram))
        #expect((0..<fit.model.termCount).filter(fit.model.isCharacterGram) == Array(0..<gramTerms.count))
    }

    @Test func gramsAndWordsHoldTheirShareOfEachRow() throws {
        for share in [0.5, 0.2] {
            var configuration = plain
            configuration.characterGrams = CharacterGrams(share: share)
            let documents = ["postgres failover", "postgresql replicas failover", "mysql orchestrator", "kafka"]
            let fit = try TFIDFVectorizer(configuration: configuration).fit(documents)
            var rowsWithGrams: [Int] = []
            for row in 0..<fit.matrix.rows {
                let entries = fit.matrix.row(row)
                let gram = entries.filter { fit.model.isCharacterGram($0.column) }
                    .reduce(0) { $0 + Double($1.value) * Double($1.value) }
                let word = entries.filter { !fit.model.isCharacterGram($0.column) }
                    .reduce(0) { $0 + Double($1.value) * Double($1.value) }
                if gram > 0 {
                    rowsWithGrams.append(row)
                    #expect(abs(gram - share) < 1e-6 && abs(word - (1 - share)) < 1e-6, "row \(row)")
                } else {
                    #expect(abs(word - 1) < 1e-6, "row \(row)")
                }
            }
            // `kafka` shares no gram with another row (its grams are pruned): words only, unit norm.
            // The others share `#<pos…` or `#sql>`.
            #expect(rowsWithGrams == [0, 1, 2])
            // Query fold-in weighs exactly as the fit: a training document's transform is its row.
            for (row, document) in documents.enumerated() {
                let folded = fit.model.transform(document)
                #expect(folded.map(\.term) == fit.matrix.row(row).map { Int32($0.column) })
                #expect(folded.map(\.weight) == fit.matrix.row(row).map(\.value))
            }
        }
    }

    @Test func freeTextQueriesLeaveTheGramsOut() throws {
        let documents = ["postgres failover", "postgresql replicas failover", "mysql orchestrator"]
        let fit = try TFIDFVectorizer(configuration: plain).fit(documents)
        let query = fit.model.queryTransform("postgresql failover")
        // Words only, weighed and normalised as a model without grams would.
        #expect(!query.isEmpty && !query.contains { fit.model.isCharacterGram(Int($0.term)) })
        #expect(query.map { fit.model.term(Int($0.term)) } == ["failover", "postgresql"])
        #expect(abs(query.reduce(0) { $0 + Double($1.weight) * Double($1.weight) } - 1) < 1e-6)
        // An episode's own text keeps them.
        #expect(fit.model.transform("postgresql failover").contains { fit.model.isCharacterGram(Int($0.term)) })
    }

    @Test func withoutGramsEveryRowIsWhatItWas() throws {
        // The block path must not touch a vocabulary without grams: the same bits as before.
        let documents = ["postgres failover", "postgresql replicas failover", "mysql orchestrator"]
        var configuration = plain
        configuration.characterGrams = nil
        let fit = try TFIDFVectorizer(configuration: configuration).fit(documents)
        for row in 0..<fit.matrix.rows {
            let entries = fit.matrix.row(row).map { (term: Int32($0.column), count: Int32(1)) }
            let whole = TFIDFWeighting.normalizedWeights(entries, idf: fit.model.idf)
            #expect(fit.matrix.row(row).map(\.value) == whole)
        }
        #expect(!fit.model.terms.contains(where: CharacterGrams.isGram))
    }

    @Test func theSplitIntoChunksChangesNoBit() throws {
        let documents = (0..<300).map { "episode \($0 % 17) about postgres\($0 % 5) replication and kafka\($0 % 3) streams" }
        let vectorizer = try TFIDFVectorizer(configuration: AnalyzerConfiguration(characterGrams: grams))
        let single = try vectorizer.fit(documents, chunksPerWave: 1)
        for chunks in [2, 3, 8] {
            let split = try vectorizer.fit(documents, chunksPerWave: chunks)
            #expect(split.model == single.model)
            #expect(split.matrix.values == single.matrix.values && split.matrix.columnIndices == single.matrix.columnIndices)
        }
        // A streaming build's rows (documentMatrix) are the fit's rows, grams and all.
        let rows = single.model.documentMatrix(documents, chunks: 3)
        #expect(rows.values == single.matrix.values && rows.columnIndices == single.matrix.columnIndices)
    }

    @Test func configurationRoundTripsAndRejectsBadRanges() throws {
        let configuration = AnalyzerConfiguration(characterGrams: CharacterGrams(shortest: 3, longest: 5, share: 0.3))
        #expect(try AnalyzerConfiguration(json: configuration.jsonData()) == configuration)
        // A version-2 configuration (before grams) reads as one without them.
        var object = try #require(
            try JSONSerialization.jsonObject(with: AnalyzerConfiguration().jsonData()) as? [String: Any])
        object["version"] = 2
        #expect(try AnalyzerConfiguration(json: JSONSerialization.data(withJSONObject: object)).characterGrams == nil)
        for (bad, field) in [
            (CharacterGrams(shortest: 1), "shortest"), (CharacterGrams(shortest: 5, longest: 4), "longest"),
            (CharacterGrams(share: 0), "share"), (CharacterGrams(share: 1), "share"),
        ] {
            let error = try #require(throws: TextError.self) {
                try AnalyzerConfiguration(characterGrams: bad).validate()
            }
            #expect(error.message.contains("characterGrams.\(field)"))
        }
    }
}
