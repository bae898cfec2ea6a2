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

    /// The longest name-like run starting at `tokens[start]`, stopping at punctuation, function
    /// words and possessives; nil when fewer than `minWords` words qualify.
    static func run(forwardFrom start: Int, in tokens: [WordToken], minWords: Int = 2) -> String? {
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

    /// The longest name-like run ending at `tokens[end]`, scanning backwards.
    static func run(backwardFrom end: Int, in tokens: [WordToken], minWords: Int = 2) -> String? {
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
