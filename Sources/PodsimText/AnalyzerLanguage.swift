import Foundation

/// Language names as catalogues write them (`en-US` in an RSS `<language>`, `de`, `German`)
/// mapped to the Snowball algorithm that stems them (`english`, `german`).
public enum AnalyzerLanguage {
    /// ISO 639-1 and 639-2 codes of each Snowball algorithm libstemmer ships (libstemmer
    /// accepts most of them itself; the table makes `en` and `english` one language when
    /// catalogues are compared).
    static let codes: [String: String] = {
        let table: [String: [String]] = [
            "arabic": ["ar", "ara"], "armenian": ["hy", "arm", "hye"], "basque": ["eu", "baq", "eus"],
            "catalan": ["ca", "cat"], "danish": ["da", "dan"], "dutch": ["nl", "dut", "nld"],
            "english": ["en", "eng"], "finnish": ["fi", "fin"], "french": ["fr", "fre", "fra"],
            "german": ["de", "ger", "deu"], "greek": ["el", "gre", "ell"], "hindi": ["hi", "hin"],
            "hungarian": ["hu", "hun"], "indonesian": ["id", "ind"], "irish": ["ga", "gle"],
            "italian": ["it", "ita"], "lithuanian": ["lt", "lit"], "nepali": ["ne", "nep"],
            "norwegian": ["no", "nor", "nb", "nob", "nn", "nno"], "portuguese": ["pt", "por"],
            "romanian": ["ro", "rum", "ron"], "russian": ["ru", "rus"], "serbian": ["sr", "srp"],
            "spanish": ["es", "spa"], "swedish": ["sv", "swe"], "tamil": ["ta", "tam"],
            "turkish": ["tr", "tur"], "yiddish": ["yi", "yid"],
        ]
        var codes: [String: String] = [:]
        for (language, aliases) in table {
            for alias in aliases { codes[alias] = language }
        }
        return codes
    }()

    /// The Snowball algorithm for `name`: a libstemmer algorithm name in any case (`German`,
    /// `porter`), or a language tag whose primary subtag is an ISO 639 code (`de`, `de-AT`,
    /// `pt_BR`, `eng`). Nil when libstemmer has nothing for it (`ja`, `klingon`).
    public static func snowballName(_ name: String) -> String? {
        let lowered = name.trimmingCharacters(in: .whitespaces).lowercased()
        if SnowballStemmer.availableLanguages.contains(lowered) { return lowered }
        let primary = String(lowered.prefix { $0 != "-" && $0 != "_" })
        guard let language = codes[primary], SnowballStemmer.availableLanguages.contains(language) else { return nil }
        return language
    }

    /// The libstemmer algorithms, for messages (`english, french, german, …`).
    public static var available: [String] { SnowballStemmer.availableLanguages.sorted() }

    /// Algorithms with a built-in stop word list (see `StopwordLists`).
    public static var withStopwords: [String] { (["english", "porter"] + SnowballStopwords.lists.keys).sorted() }
}
