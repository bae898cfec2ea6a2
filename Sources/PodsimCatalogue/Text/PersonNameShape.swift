import PodsimEpisodes

/// Heuristics for "does this run of words look like a person's name", shared by the guest
/// and host detectors. Deliberately conservative: a missed guest costs less than a product
/// name or a title fragment shown as a person.
enum PersonNameShape {
    /// Lower-case name particles allowed inside a name (`Ludwig van Beethoven`).
    static let particles: Set<String> = [
        "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "ibn",
        "al", "dos", "das", "ter", "zu",
    ]
    /// English function words that title case capitalizes but that never start or continue a name.
    static let functionWords: Set<String> = [
        "a", "an", "and", "the", "or", "of", "in", "on", "to", "for", "from", "with", "at", "by",
        "is", "are", "was", "how", "why", "what", "when", "who", "your", "our", "my", "its", "this",
        "that", "vs", "via", "into", "about", "part", "episode", "guest", "guests", "host", "hosts",
    ]
    /// Most words allowed in a detected name (given names, particles, family names).
    static let maxWords = 4

    /// True for a word that can be part of a name: `Pete`, `O'Daniel`, `Jean-Luc`, `Sören`.
    /// All-caps words (`TV`, `CEO`), words with digits and single letters are not names (so an
    /// initial such as `J.` ends a name run: a missed middle initial beats a false guest).
    static func isNameWord(_ word: Substring) -> Bool {
        guard let first = word.first, first.isUppercase, first.isLetter else { return false }
        guard word.count >= 2, !functionWords.contains(word.lowercased()) else { return false }
        var hasLower = false
        for ch in word.dropFirst() {
            if ch.isLowercase {
                hasLower = true
            } else if !(ch.isLetter || ch == "-" || Apostrophe.all.contains(ch)) {
                return false
            }
        }
        return hasLower && WordToken.possessiveStem(word) == nil
    }

    /// True when `words` (already split) look like a full name: 2…`maxWords` words, name words
    /// at both ends, only name words or particles between.
    static func isFullName(_ words: [Substring]) -> Bool {
        guard (2...maxWords).contains(words.count), let first = words.first, let last = words.last else { return false }
        guard isNameWord(first), isNameWord(last) else { return false }
        return words.dropFirst().dropLast().allSatisfy { isNameWord($0) || particles.contains(String($0)) }
    }

    /// Words that title case capitalizes and that begin no one's name (`All Hands`, `Every
    /// Day`, `Big Ideas`): a name guessed from a title must have none of them, since title
    /// case makes any run of words look like a name. Given names that are also words (`Will`,
    /// `May`, `Grant`) are deliberately not here.
    static let titleWords: Set<String> = [
        "all", "any", "both", "each", "every", "few", "more", "most", "much", "many", "no", "not", "only",
        "other", "same", "some", "such", "very", "just", "new", "next", "last", "first", "big", "best", "top",
        "deep", "off", "out", "up", "down", "over", "under", "again", "here", "there", "then", "once", "now",
        "where", "which", "these", "those", "than", "too", "can", "should", "would", "could", "must",
        "do", "does", "did", "have", "has", "had", "be", "been", "it", "we", "you", "they", "he", "she", "i",
        "me", "us", "them", "their", "his", "her", "let", "lets", "get", "make", "inside", "beyond", "behind",
        "live", "ask", "meet", "welcome", "special", "bonus", "season", "trailer", "introducing", "interview",
        "hands", "deck", "things", "lessons", "ideas", "tips", "news", "update", "updates", "recap", "q",
    ]

    /// True when a guessed name has a word no name has (`titleWords`).
    static func hasTitleWord(_ name: String) -> Bool {
        name.split(separator: " ").contains { titleWords.contains($0.lowercased()) }
    }

    /// A token that is an honorific (`Dr.`, `Prof`, `Professor`, see `GuestName.honorifics`),
    /// written plainly or with a period, that may begin a name it is not part of.
    static func honorific(_ token: WordToken) -> String? {
        guard token.leading.isEmpty, token.trailing.isEmpty || token.trailing == "." else { return nil }
        return GuestName.honorifics.contains(token.core.lowercased()) ? String(token.core) + token.trailing : nil
    }

    /// The longest name-like run starting at `tokens[start]`, stopping at punctuation, function
    /// words and possessives; nil when fewer than `minWords` words qualify. A leading honorific
    /// (`Dr. Greg Jackson`) is kept in the spelling but is not one of the words.
    static func run(forwardFrom start: Int, in tokens: [WordToken], minWords: Int = 2) -> String? {
        if start + 1 < tokens.count, let title = honorific(tokens[start]), !tokens[start + 1].startsPhrase,
            let name = plainRun(forwardFrom: start + 1, in: tokens, minWords: minWords)
        {
            return title + " " + name
        }
        return plainRun(forwardFrom: start, in: tokens, minWords: minWords)
    }

    /// The longest name-like run ending at `tokens[end]`, scanning backwards, with the
    /// honorific before it if there is one.
    static func run(backwardFrom end: Int, in tokens: [WordToken], minWords: Int = 2) -> String? {
        guard let name = plainRun(backwardFrom: end, in: tokens, minWords: minWords) else { return nil }
        let first = end - name.split(separator: " ").count + 1
        if first >= 1, !tokens[first].startsPhrase, let title = honorific(tokens[first - 1]) {
            return title + " " + name
        }
        return name
    }

    private static func plainRun(forwardFrom start: Int, in tokens: [WordToken], minWords: Int) -> String? {
        var words: [Substring] = []
        var i = start
        while i < tokens.count, words.count < maxWords {
            let token = tokens[i]
            if !words.isEmpty, token.startsPhrase { break }
            let core = token.core
            let isParticle = !words.isEmpty && particles.contains(String(core))
            guard (isNameWord(core) && !token.isPossessive) || isParticle else { break }
            words.append(core)
            if token.endsPhrase { break }
            i += 1
        }
        while let last = words.last, particles.contains(String(last)) { words.removeLast() }
        return accept(words, minWords: minWords)
    }

    private static func plainRun(backwardFrom end: Int, in tokens: [WordToken], minWords: Int) -> String? {
        var words: [Substring] = []
        var i = end
        while i >= 0, words.count < maxWords {
            let token = tokens[i]
            if token.endsPhrase { break }
            let core = token.core
            let isParticle = !words.isEmpty && particles.contains(String(core))
            guard (isNameWord(core) && !token.isPossessive) || isParticle else { break }
            words.insert(core, at: 0)
            if token.startsPhrase { break }
            i -= 1
        }
        while let first = words.first, particles.contains(String(first)) { words.removeFirst() }
        return accept(words, minWords: minWords)
    }

    private static func accept(_ words: [Substring], minWords: Int) -> String? {
        guard words.count >= minWords else { return nil }
        if words.count >= 2 && !isFullName(words) { return nil }
        return words.joined(separator: " ")
    }
}
