/// The built-in stop words of an analyzer configuration, folded like text.
///
/// Version 2 configurations use the list of their `language`: English (Snowball's list and
/// contractions, `EnglishStopwords`) for `english` and `porter`, Snowball's list for the 14
/// other languages it has one for (`SnowballStopwords`), none for the rest. Version 1 models
/// were built when the English list was the only one, whatever the language: they keep it, so
/// an old model analyses queries exactly as it analysed its corpus.
enum StopwordLists {
    static func builtIn(for configuration: AnalyzerConfiguration) -> Set<String> {
        guard configuration.useBuiltInStopwords else { return [] }
        guard configuration.version >= 2 else { return EnglishStopwords.all }
        return list(for: configuration.language)
    }

    /// The folded list of a Snowball algorithm name; empty when Snowball has none.
    static func list(for language: String) -> Set<String> {
        switch language {
        case "english", "porter": return EnglishStopwords.all
        default: return folded[language] ?? []
        }
    }

    private static let folded: [String: Set<String>] = SnowballStopwords.lists.mapValues { text in
        Set(text.split(separator: "\n").map { TextFolding.fold(word: String($0)) }.filter { !$0.isEmpty })
    }
}
