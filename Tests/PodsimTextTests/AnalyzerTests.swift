import Testing
@testable import PodsimText

@Suite struct AnalyzerTests {
    @Test func stopwordsAreRemoved() throws {
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(bigrams: false))
        #expect(analyzer.terms("The history of the Kubernetes project") == ["histori", "kubernet", "project"])
        // Every built-in stop word is dropped on its own.
        for word in EnglishStopwords.all {
            #expect(analyzer.terms(word).isEmpty, "stop word '\(word)' was kept")
        }
    }

    @Test func extraStopwordsAreFoldedLikeText() throws {
        let configuration = AnalyzerConfiguration(extraStopwords: ["Podcast", "Épisode"], bigrams: false)
        let analyzer = try Analyzer(configuration: configuration)
        #expect(analyzer.terms("PODCAST episode about platforms") == ["platform"])
    }

    @Test func builtInStopwordsCanBeTurnedOff() throws {
        let configuration = AnalyzerConfiguration(useBuiltInStopwords: false, stemming: false, bigrams: false)
        #expect(try Analyzer(configuration: configuration).terms("the cloud") == ["the", "cloud"])
    }

    @Test func snowballStemming() throws {
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(bigrams: false))
        #expect(analyzer.terms("running runs") == ["run", "run"])
        #expect(analyzer.terms("experiments experimenting") == ["experi", "experi"])
        let unstemmed = try Analyzer(configuration: AnalyzerConfiguration(stemming: false, bigrams: false))
        #expect(unstemmed.terms("running") == ["running"])
    }

    @Test func tokensCarrySurfaceAndStem() throws {
        let tokens = try Analyzer().tokens("Running pipelines")
        #expect(tokens.map(\.surface) == ["running", "pipelines"])
        #expect(tokens.map(\.stem) == ["run", "pipelin"])
        #expect(tokens.map(\.continuesPhrase) == [false, true])
    }

    @Test func minimumTokenLength() throws {
        let configuration = AnalyzerConfiguration(stemming: false, minTokenLength: 4, bigrams: false)
        #expect(try Analyzer(configuration: configuration).terms("big data lakes ai") == ["data", "lakes"])
    }

    @Test func bigramsJoinAdjacentStems() throws {
        #expect(try Analyzer().terms("feature flags") == ["featur", "flag", "featur flag"])
        let noBigrams = try Analyzer(configuration: AnalyzerConfiguration(bigrams: false))
        #expect(noBigrams.terms("feature flags") == ["featur", "flag"])
    }

    @Test(arguments: [
        ("feature of flags", "stop word"),
        ("feature. Flags", "sentence end"),
        ("feature!flags", "sentence end without space"),
        ("feature: flags", "colon"),
        ("feature\nflags", "line break"),
        ("feature 2026 flags", "dropped number"),
        ("feature x flags", "dropped short word"),
        ("feature https://example.com/x flags", "URL"),
    ])
    func noBigramAcrossBoundary(text: String, boundary: String) throws {
        let terms = try Analyzer().terms(text)
        #expect(terms == ["featur", "flag"], "bigram formed across \(boundary)")
    }

    @Test func splitWordsBigramAtTheirEdgesOnly() throws {
        let terms = try Analyzer().terms("DevOps Paradox")
        // `ops paradox` from the last piece; no `dev op` inside the split; the compound
        // `devop` is a unigram only.
        #expect(terms == ["dev", "op", "devop", "paradox", "op paradox"])
    }

    @Test func unknownLanguageIsAClearError() throws {
        let error = try #require(throws: TextError.self) {
            try Analyzer(configuration: AnalyzerConfiguration(language: "klingon"))
        }
        #expect(error.kind == .unknownLanguage)
        #expect(error.message.contains("klingon"))
        #expect(error.message.contains("english"))
        // Another Snowball language is accepted.
        #expect(try Analyzer(configuration: AnalyzerConfiguration(language: "french")).terms("maisons") == ["maison"])
    }

    @Test(arguments: [
        (AnalyzerConfiguration(minTokenLength: 0), "minTokenLength"),
        (AnalyzerConfiguration(minDocumentFrequency: 0), "minDocumentFrequency"),
        (AnalyzerConfiguration(maxDocumentFrequency: 0), "maxDocumentFrequency"),
        (AnalyzerConfiguration(maxDocumentFrequency: 1.5), "maxDocumentFrequency"),
        (AnalyzerConfiguration(maxFeatures: 0), "maxFeatures"),
    ])
    func fieldsOutOfRangeAreRejected(configuration: AnalyzerConfiguration, field: String) throws {
        let error = try #require(throws: TextError.self) { try Analyzer(configuration: configuration) }
        #expect(error.kind == .invalidConfiguration)
        #expect(error.message.contains(field))
    }

    @Test func concurrentAnalysisMatchesSequential() async throws {
        let analyzer = try Analyzer()
        let texts = (0..<200).map { index in
            "Episode \(index): Sören's team runs DevOps pipelines in k8s; feature flags and experimentation"
                + " with OpenTofu modules number \(index % 7) and running workflowsThe challenges"
        }
        let sequential = texts.map(analyzer.terms)
        let concurrent = await withTaskGroup(of: (Int, [String]).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, analyzer.terms(text)) }
            }
            var results = [[String]](repeating: [], count: texts.count)
            for await (index, terms) in group { results[index] = terms }
            return results
        }
        #expect(concurrent == sequential)
    }
}
