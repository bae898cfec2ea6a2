import PodsimEpisodes

/// A whitespace-delimited word with its surrounding punctuation split off, used to scan for
/// runs of capitalized words (person names) without regular expressions.
struct WordToken: Sendable {
    /// The whole token as it stands in the text, e.g. `(Kim),`.
    let raw: Substring
    /// The token without leading/trailing punctuation, e.g. `Kim`.
    let core: Substring
    /// Punctuation before the core, e.g. `(` or `"`.
    let leading: Substring
    /// Punctuation after the core, e.g. `),` or `':`.
    let trailing: Substring

    init(_ raw: Substring) {
        self.raw = raw
        let start = raw.firstIndex(where: { $0.isLetter || $0.isNumber }) ?? raw.endIndex
        let end = raw.lastIndex(where: { $0.isLetter || $0.isNumber }).map { raw.index(after: $0) } ?? start
        let coreEnd = max(start, end)
        self.leading = raw[raw.startIndex..<start]
        self.core = raw[start..<coreEnd]
        self.trailing = raw[coreEnd..<raw.endIndex]
    }

    /// True when punctuation after the word ends a phrase (`,` `:` `;` `.` `)` `!` `?` or a dash),
    /// so a name cannot continue into the next word.
    var endsPhrase: Bool { !trailing.isEmpty }
    /// True when punctuation before the word starts a new phrase (a quote, a bracket, a dash).
    var startsPhrase: Bool { !leading.isEmpty }

    /// True for a possessive such as `Snyk’s` or `Mathias'`; `core` then excludes the `'s`.
    var isPossessive: Bool { WordToken.possessiveStem(raw) != nil }

    /// The owner in a possessive token (`Trevor's` → `Trevor`, `Mathias'` → `Mathias`), or nil.
    static func possessiveStem(_ raw: Substring) -> Substring? {
        var word = raw
        while let last = word.last, !last.isLetter, !Apostrophe.all.contains(last) { word = word.dropLast() }
        for suffix in ["'s", "’s", "'S", "’S"] where word.hasSuffix(suffix) {
            let stem = word.dropLast(2)
            return stem.isEmpty ? nil : stem
        }
        if let last = word.last, Apostrophe.all.contains(last), word.dropLast().last == "s" {
            return word.dropLast()
        }
        return nil
    }

    /// Splits `text` into tokens at whitespace.
    static func tokens(in text: Substring) -> [WordToken] {
        text.split(whereSeparator: { $0.isWhitespace }).map(WordToken.init)
    }
}
