/// Readable titles for sources that have none (DevOps Paradox items, JSON Lines without `title`):
/// the first sentence of the text, cut at a word boundary.
public enum EpisodeTitle {
    /// Longest derived sentence, in characters, before it is cut at a word boundary and
    /// ended with `…`. Default 80: fits a terminal line next to an id and a score.
    public static let maxSentenceCharacters = 80

    /// Abbreviations whose period does not end a sentence.
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "vs", "etc", "dr", "mr", "mrs", "ms", "st", "inc", "ltd", "no", "jr", "sr", "prof",
    ]

    /// `#341: Nobody's arguing about whether you need feature flags in 2026` for number 341,
    /// or just the sentence when `number` is nil.
    public static func derived(number: Int?, text: String) -> String {
        let sentence = shortened(firstSentence(of: text))
        guard let number else { return sentence }
        return sentence.isEmpty ? "#\(number)" : "#\(number): \(sentence)"
    }

    /// The first sentence of `text` (up to `.`, `!` or `?` followed by a space, or a line end),
    /// without a final period; `?` and `!` are kept because they change the meaning.
    static func firstSentence(of text: String) -> String {
        let trimmed = text.drop(while: { $0.isWhitespace })
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let ch = trimmed[index]
            let next = trimmed.index(after: index)
            if ch.isNewline { return String(trimmed[..<index]).trimmingSpaces }
            if ".!?".contains(ch), next == trimmed.endIndex || trimmed[next].isWhitespace,
                !endsWithAbbreviation(trimmed[..<index])
            {
                let end = ch == "." ? index : next
                return String(trimmed[..<end]).trimmingSpaces
            }
            index = next
        }
        return String(trimmed).trimmingSpaces
    }

    /// `sentence` cut to `maxSentenceCharacters` at a word boundary, with `…` when cut.
    static func shortened(_ sentence: String) -> String {
        guard sentence.count > maxSentenceCharacters else { return sentence }
        let limit = sentence.index(sentence.startIndex, offsetBy: maxSentenceCharacters)
        let head = sentence[..<limit]
        let cut = head.lastIndex(where: { $0.isWhitespace }).map { head[..<$0] } ?? head
        let clean = cut.trimmingSpaces.trimmingTrailing(from: ",;:-–—(")
        return clean + "…"
    }

    private static func endsWithAbbreviation(_ text: Substring) -> Bool {
        let word = text.split(whereSeparator: { $0.isWhitespace }).last ?? ""
        return word.count == 1 || abbreviations.contains(word.lowercased())
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    var trimmingSpaces: String {
        let start = firstIndex(where: { !$0.isWhitespace }) ?? endIndex
        let end = lastIndex(where: { !$0.isWhitespace }).map { index(after: $0) } ?? start
        return String(self[start..<Swift.max(start, end)])
    }

    /// The text without trailing characters from `set` (and whitespace).
    func trimmingTrailing(from set: String) -> String {
        var result = Substring(self)
        while let last = result.last, set.contains(last) || last.isWhitespace { result = result.dropLast() }
        return String(result)
    }
}
