import Foundation
import Testing

@testable import PodsimText

/// Languages: names and codes to Snowball algorithms, each language's stop words, and old
/// (version 1) configurations analysing as they always did.
@Suite struct AnalyzerLanguageTests {
    @Test func namesAndLanguageTagsMapToSnowballAlgorithms() {
        let cases: [(String, String?)] = [
            ("english", "english"), ("English", "english"), ("en", "english"), ("en-US", "english"),
            ("en_gb", "english"), ("eng", "english"), ("de", "german"), ("de-AT", "german"), ("deu", "german"),
            ("fr-CA", "french"), ("es-419", "spanish"), ("pt-BR", "portuguese"), ("it", "italian"),
            ("nl-BE", "dutch"), ("nb", "norwegian"), ("porter", "porter"), ("ja", nil), ("klingon", nil), ("", nil),
        ]
        for (name, expected) in cases {
            #expect(AnalyzerLanguage.snowballName(name) == expected, "\(name)")
        }
    }

    @Test(arguments: ["english", "german", "french", "spanish", "portuguese", "italian", "dutch"])
    func theSevenLanguagesHaveStopWordLists(language: String) throws {
        let list = StopwordLists.list(for: language)
        #expect(list.count > 90, "\(language): \(list.count) words")
        // Stored folded, as the analyzer compares them: no capitals, no accents.
        #expect(list.allSatisfy { $0 == TextFolding.fold(word: $0) })
        #expect(AnalyzerLanguage.withStopwords.contains(language))
    }

    @Test func eachLanguageDropsItsOwnStopWords() throws {
        let expectations: [(String, String, [String])] = [
            ("german", "Der Hund und die Katze über dem Dach", ["hund", "katz", "dach"]),
            ("french", "Le chat et le chien sont dans la maison", ["chat", "chien", "maison"]),
            ("spanish", "El perro y el gato están en la casa", ["perr", "gat", "cas"]),
            ("portuguese", "O cão e o gato estão na casa", ["cao", "gat", "cas"]),
            ("italian", "Il cane e il gatto sono nella casa", ["can", "gatt", "cas"]),
            ("dutch", "De hond en de kat zijn in het huis", ["hond", "kat", "huis"]),
        ]
        for (language, text, stems) in expectations {
            let analyzer = try Analyzer(configuration: AnalyzerConfiguration(language: language, bigrams: false))
            #expect(analyzer.terms(text) == stems, "\(language)")
        }
    }

    @Test func version1ConfigurationsKeepTheEnglishListWhateverTheLanguage() throws {
        var old = AnalyzerConfiguration(language: "german", bigrams: false)
        old.version = 1
        let decoded = try AnalyzerConfiguration(json: old.jsonData())
        #expect(decoded.version == 1)
        // `und` is German for `and`: only the version-2 German list drops it; `the` only the English one.
        #expect(try Analyzer(configuration: decoded).terms("the und") == ["und"])
        let current = AnalyzerConfiguration(language: "german", bigrams: false)
        #expect(try Analyzer(configuration: current).terms("the und") == ["the"])
    }

    @Test func aLanguageWithoutAListHasNoBuiltInStopWords() throws {
        #expect(StopwordLists.list(for: "indonesian").isEmpty)
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(language: "indonesian", bigrams: false))
        #expect(analyzer.terms("dan the") == ["dan", "the"])
    }
}
