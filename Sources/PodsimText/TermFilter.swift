/// Decides whether a folded word becomes a term: stop words, too-short words and (unless
/// configured) all-digit words are dropped. A pure function of the word, which is what lets the
/// corpus and the queries share cached answers.
struct TermFilter: Sendable {
    let stopwords: Set<String>
    let minTokenLength: Int
    let keepNumbers: Bool

    init(configuration: AnalyzerConfiguration) {
        var stopwords = StopwordLists.builtIn(for: configuration)
        for word in configuration.extraStopwords {
            stopwords.insert(TextFolding.fold(word: word))
        }
        self.stopwords = stopwords
        self.minTokenLength = configuration.minTokenLength
        self.keepNumbers = configuration.keepNumbers
    }

    func keeps(_ word: String) -> Bool {
        if stopwords.contains(word) { return false }
        if word.count < minTokenLength { return false }
        if !keepNumbers && word.unicodeScalars.allSatisfy(ScalarClass.isDigit) { return false }
        return true
    }
}
