import Foundation

/// How text becomes terms, and which terms the TF-IDF vocabulary keeps.
///
/// It is stored in the model file as JSON so that queries are analysed exactly like the corpus
/// was. Decoding therefore requires every field (a default that changed between releases must
/// not silently change how an old model analyses queries) and refuses a `version` newer than
/// `currentVersion`. Lowercasing and diacritic folding are always on and so have no field.
public struct AnalyzerConfiguration: Codable, Sendable, Equatable {
    /// The newest configuration format this build reads and writes. Version 2: the built-in
    /// stop words are those of `language` (version 1 used the English list for every language;
    /// such configurations still do, see `StopwordLists`). Version 3: `characterGrams` (absent in
    /// older versions, which had none).
    public static let currentVersion = 3

    /// Format version of this configuration; default `currentVersion` (2).
    public var version: Int
    /// Snowball algorithm name given to libstemmer (`english`, `porter`, `french`, …);
    /// default `"english"`. An unknown name is rejected when an `Analyzer` is made.
    /// `AnalyzerLanguage.snowballName` turns `de-AT` or `German` into one.
    public var language: String
    /// Whether the built-in stop word list of `language` is applied (Snowball's list; for
    /// English plus common contractions; see `StopwordLists`); default `true`.
    public var useBuiltInStopwords: Bool
    /// Further stop words, folded like text (case, diacritics, curly apostrophes); default `[]`.
    public var extraStopwords: [String]
    /// Whether tokens are reduced to their Snowball stem; default `true`.
    public var stemming: Bool
    /// Shortest token kept, in characters after folding; default 2.
    public var minTokenLength: Int
    /// Whether all-digit tokens (`2026`) are kept; default `false`. Tokens mixing letters and
    /// digits (`k8s`, `f1`, `2fa`) are always kept.
    public var keepNumbers: Bool
    /// Whether adjacent-token bigrams (`"featur flag"`) are added to the unigrams; default `true`.
    public var bigrams: Bool
    /// Fewest documents a term must occur in to enter the vocabulary, absolute; default 2.
    public var minDocumentFrequency: Int
    /// Largest share of documents a term may occur in, as a fraction in (0, 1]; default 0.5.
    public var maxDocumentFrequency: Double
    /// Cap on vocabulary size in terms, keeping the highest document frequencies (ties by term);
    /// default `nil` (no cap).
    public var maxFeatures: Int?
    /// Character n-grams of the stems as extra terms (`CharacterGrams`); default `nil` (none).
    /// `BuildOptions.defaults` turns them on for small catalogues.
    public var characterGrams: CharacterGrams?

    public init(
        language: String = "english",
        useBuiltInStopwords: Bool = true,
        extraStopwords: [String] = [],
        stemming: Bool = true,
        minTokenLength: Int = 2,
        keepNumbers: Bool = false,
        bigrams: Bool = true,
        minDocumentFrequency: Int = 2,
        maxDocumentFrequency: Double = 0.5,
        maxFeatures: Int? = nil,
        characterGrams: CharacterGrams? = nil
    ) {
        self.version = Self.currentVersion
        self.language = language
        self.useBuiltInStopwords = useBuiltInStopwords
        self.extraStopwords = extraStopwords
        self.stemming = stemming
        self.minTokenLength = minTokenLength
        self.keepNumbers = keepNumbers
        self.bigrams = bigrams
        self.minDocumentFrequency = minDocumentFrequency
        self.maxDocumentFrequency = maxDocumentFrequency
        self.maxFeatures = maxFeatures
        self.characterGrams = characterGrams
    }

    private enum CodingKeys: String, CodingKey {
        case version, language, useBuiltInStopwords, extraStopwords, stemming, minTokenLength
        case keepNumbers, bigrams, minDocumentFrequency, maxDocumentFrequency, maxFeatures, characterGrams
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        guard (1...Self.currentVersion).contains(version) else {
            throw TextError(
                .unsupportedVersion,
                "analyzer configuration version \(version) is not supported (this build reads "
                    + "1...\(Self.currentVersion)); rebuild the model with this podsim")
        }
        language = try container.decode(String.self, forKey: .language)
        useBuiltInStopwords = try container.decode(Bool.self, forKey: .useBuiltInStopwords)
        extraStopwords = try container.decode([String].self, forKey: .extraStopwords)
        stemming = try container.decode(Bool.self, forKey: .stemming)
        minTokenLength = try container.decode(Int.self, forKey: .minTokenLength)
        keepNumbers = try container.decode(Bool.self, forKey: .keepNumbers)
        bigrams = try container.decode(Bool.self, forKey: .bigrams)
        minDocumentFrequency = try container.decode(Int.self, forKey: .minDocumentFrequency)
        maxDocumentFrequency = try container.decode(Double.self, forKey: .maxDocumentFrequency)
        maxFeatures = try container.decodeIfPresent(Int.self, forKey: .maxFeatures)
        characterGrams = try container.decodeIfPresent(CharacterGrams.self, forKey: .characterGrams)
    }

    /// The configuration as canonical JSON (sorted keys), as stored in the model file.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Reads a configuration stored by `jsonData()`, validating it.
    /// - Throws: `TextError` naming the missing or malformed field, or the unsupported version.
    public init(json: Data) throws {
        do {
            self = try JSONDecoder().decode(Self.self, from: json)
        } catch let error as TextError {
            throw error
        } catch let DecodingError.keyNotFound(key, _) {
            throw TextError(
                .invalidConfiguration, "analyzer configuration JSON lacks field '\(key.stringValue)'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw TextError(
                .invalidConfiguration,
                "analyzer configuration JSON field '\(field)' has the wrong type: \(context.debugDescription)")
        } catch {
            throw TextError(
                .invalidConfiguration, "analyzer configuration is not valid JSON: \(error.localizedDescription)")
        }
        try validate()
    }

    /// Checks every field against its allowed range.
    /// - Throws: `TextError(.invalidConfiguration)` naming the field, its value and the range.
    public func validate() throws {
        guard (1...Self.currentVersion).contains(version) else {
            throw TextError(
                .unsupportedVersion,
                "analyzer configuration version \(version) is not supported (1...\(Self.currentVersion))")
        }
        func reject(_ field: String, _ value: Any, _ allowed: String) -> TextError {
            TextError(.invalidConfiguration, "\(field) is \(value); it must be \(allowed)")
        }
        guard minTokenLength >= 1 else { throw reject("minTokenLength", minTokenLength, "at least 1") }
        guard minDocumentFrequency >= 1 else {
            throw reject("minDocumentFrequency", minDocumentFrequency, "at least 1 document")
        }
        guard maxDocumentFrequency > 0, maxDocumentFrequency <= 1 else {
            throw reject("maxDocumentFrequency", maxDocumentFrequency, "a fraction of documents in (0, 1]")
        }
        if let maxFeatures, maxFeatures < 1 {
            throw reject("maxFeatures", maxFeatures, "at least 1 term, or absent for no cap")
        }
        try characterGrams?.validate()
    }
}
