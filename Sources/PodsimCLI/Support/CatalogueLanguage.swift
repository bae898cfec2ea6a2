import PodsimCatalogue
import PodsimCore
import PodsimText

/// The language a build analyses its catalogue in: `--language` when given; else the one
/// language the sources declare (a feed's `<language>`); else English. A catalogue whose
/// sources declare different languages is refused, naming them: one stemmer and stop word list
/// for all would analyse some of them wrongly, silently.
enum CatalogueLanguage {
    /// The Snowball algorithm name for `--language`, or a message naming the choices.
    static func requested(_ name: String) throws -> String {
        guard let language = AnalyzerLanguage.snowballName(name) else {
            throw PodsimError(
                .invalidArgument,
                "--language \(name) names no Snowball stemmer; use a language name or ISO 639 code: "
                    + AnalyzerLanguage.available.joined(separator: ", "))
        }
        return language
    }

    /// The language of `sources` (see the type's comment).
    static func choose(requested name: String?, sources: [SourceReport]) throws -> String {
        if let name { return try requested(name) }
        return try declared(by: sources) ?? "english"
    }

    /// The one Snowball language `sources` declare, nil when none declares one; throws when
    /// they declare several, or one no stemmer handles.
    static func declared(by sources: [SourceReport]) throws -> String? {
        var byLanguage: [String: [String]] = [:]
        for source in sources {
            guard let declared = source.language else { continue }
            let language = AnalyzerLanguage.snowballName(declared) ?? declared.lowercased()
            byLanguage[language, default: []].append(displayPath(source.path))
        }
        guard byLanguage.count <= 1 else {
            let mix = byLanguage.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value.joined(separator: ", ")))" }
            throw PodsimError(
                .invalidInput,
                "the catalogue mixes languages: \(mix.joined(separator: "; ")). Build one model per language, "
                    + "or pass --language NAME to analyse every source as one language")
        }
        guard let (language, paths) = byLanguage.first else { return nil }
        guard AnalyzerLanguage.snowballName(language) != nil else {
            throw PodsimError(
                .invalidInput,
                "\(paths.joined(separator: ", ")) declare language \(language), which no Snowball stemmer handles; "
                    + "pass --language NAME to analyse them as another language")
        }
        return language
    }
}
