import Testing
@testable import PodsimText

/// Surface words of the kept tokens, with stemming off so the tokenizer's output shows as is.
private func surfaces(_ text: String, _ configuration: AnalyzerConfiguration = AnalyzerConfiguration(stemming: false))
    throws -> [String]
{
    try Analyzer(configuration: configuration).tokens(text).map(\.surface)
}

@Suite struct TokenizationTests {
    @Test func foldsCaseAndDiacritics() throws {
        #expect(try surfaces("Sören NAÏVE Café") == ["soren", "naive", "cafe"])
        // Decomposed input (o + U+0308) folds like the precomposed form.
        #expect(try surfaces("So\u{308}ren") == ["soren"])
        // Ligatures and letters without a decomposition.
        #expect(try surfaces("ﬁle Øresund Łódź straße") == ["file", "oresund", "lodz", "strasse"])
    }

    @Test func keepsWordsOfOtherScripts() throws {
        #expect(try surfaces("Привет, мир! Ελληνικά 東京") == ["привет", "мир", "ελληνικα", "東京"])
        // Indic vowel signs are spelling, not accents: they stay.
        #expect(try surfaces("हिन्दी") == ["हिन्दी"])
    }

    @Test func apostrophes() throws {
        // Possessive 's is dropped, straight or curly; contractions are stop words.
        #expect(try surfaces("Trevor's Trevor’s team's") == ["trevor", "trevor", "team"])
        #expect(try surfaces("don't Don’t it's DOESN'T can’t") == [])
        // Quotes around a word and a trailing plural possessive are not part of the word.
        #expect(try surfaces("'startup' teams' ‘agile’") == ["startup", "teams", "agile"])
        // An inner apostrophe that is neither possessive nor a stop word stays, folded to '.
        #expect(try surfaces("O’Daniel") == ["o'daniel"])
    }

    @Test func hyphensAndSlashesSplitWords() throws {
        #expect(try surfaces("six-lane highway Terraform/Pulumi") == ["six", "lane", "highway", "terraform", "pulumi"])
    }

    @Test func gluedSentencesSplitAtCaseTransition() throws {
        let analyzer = try Analyzer()
        let terms = analyzer.terms("managing workflowsThe challenges")
        #expect(terms.contains("workflow"))
        #expect(terms.contains("challeng"))
        #expect(!terms.contains("workflowsthe challeng"))
        let tokens = analyzer.tokens("DagsterPete is here")
        #expect(tokens.map(\.surface) == ["dagster", "pete", "dagsterpete"])
        // Pieces of a split word never pair up: a glued sentence looks like a product name.
        #expect(!analyzer.terms("DagsterPete").contains("dagster pete"))
    }

    @Test func splitWordsAlsoKeepTheirWhole() throws {
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(stemming: false))
        let devOps = analyzer.tokens("DevOps")
        #expect(devOps.map(\.surface) == ["dev", "ops", "devops"])
        #expect(devOps.map(\.kind) == [.part, .part, .compound])
        #expect(try surfaces("OpenTofu") == ["open", "tofu", "opentofu"])
        #expect(try surfaces("GitHub's") == ["git", "hub", "github"])
    }

    @Test(arguments: ["eBPF", "GraphQL", "vCluster", "iPhone", "InfluxDB", "PostgreSQL", "macOS"])
    func mixedCaseNamesThatStayWhole(name: String) throws {
        let tokens = try Analyzer(configuration: AnalyzerConfiguration(stemming: false)).tokens(name)
        #expect(tokens.map(\.surface) == [name.lowercased()])
        #expect(tokens.map(\.kind) == [.word])
    }

    @Test func numbers() throws {
        #expect(try surfaces("k8s f1 2fa in 2026 with 10,199 plays v1.2") == ["k8s", "f1", "2fa", "plays", "v1"])
        let keep = AnalyzerConfiguration(stemming: false, keepNumbers: true)
        #expect(try surfaces("k8s in 2026", keep) == ["k8s", "2026"])
    }

    @Test func urlsAreSkipped() throws {
        let text = "LinkedIn: https://www.linkedin.com/in/trevorbstuart/ and www.devopsparadox.com/slack slack"
        // `In` (from `LinkedIn`) is a stop word; the whole `linkedin` stays.
        #expect(try surfaces(text) == ["linked", "linkedin", "slack"])
    }

    @Test func sentenceIndices() throws {
        let tokens = try Analyzer().tokens("Kubernetes clusters. Platform teams!\n\nGolden paths; Split.io flags")
        #expect(tokens.map(\.sentence) == [0, 0, 1, 1, 2, 2, 3, 3, 3])
        // `Split.io`: a period inside a word followed by lowercase is no sentence end.
        #expect(tokens.last?.continuesPhrase == true)
    }

    @Test func gluePointsRule() {
        func points(_ word: String) -> Int { WordScanner.gluePoints(ArraySlice(Array(word.unicodeScalars))).count }
        #expect(points("workflowsThe") == 1)
        #expect(points("DevOpsDays") == 2)
        #expect(points("305Played") == 1)
        #expect(points("3Com") == 0)
        #expect(points("aTest") == 0)
        #expect(points("AWSLambda") == 0)
    }
}
