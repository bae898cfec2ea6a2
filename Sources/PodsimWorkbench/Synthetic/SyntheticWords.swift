import PodsimCore

/// Made-up words and names for synthetic catalogues: deterministic, unique per index, and shaped
/// to pass podsim's analyzer unchanged.
///
/// Words are three or more consonant–vowel syllables from 12 consonants and the vowels a, o, u
/// (`bakotu`, `remaguzo`). That shape avoids everything that would make two indices one term:
/// no English stop word has it, and no Snowball English suffix rule fires on it (those rules need
/// an e, i, y, s or l, or a word ending in a consonant). Index i is written in base 36 (one
/// syllable per digit, least significant last), padded to 3 syllables, so distinct indices give
/// distinct words. Indices below 36³ are first scrambled by a bijection (multiplication by a
/// number coprime to 36³), so that a topic's consecutive word indices do not all share their
/// leading syllables.
enum SyntheticWords {
    static let consonants: [Character] = ["b", "d", "f", "g", "k", "m", "n", "p", "r", "t", "v", "z"]
    static let vowels: [Character] = ["a", "o", "u"]
    static var syllableCount: Int { consonants.count * vowels.count }

    /// The word for `index` (≥ 0).
    static func word(_ index: Int) -> String {
        precondition(index >= 0, "word index must not be negative")
        let threeSyllables = 36 * 36 * 36
        var digits: [Int] = []
        var rest = index < threeSyllables ? index * 7_919 % threeSyllables : index
        repeat {
            digits.append(rest % syllableCount)
            rest /= syllableCount
        } while rest > 0
        while digits.count < 3 { digits.append(0) }
        var word = ""
        for digit in digits.reversed() {
            word.append(consonants[digit / vowels.count])
            word.append(vowels[digit % vowels.count])
        }
        return word
    }

    /// `word(index)` with a capital first letter (names, titles, sentence starts).
    static func capitalized(_ index: Int) -> String {
        let word = word(index)
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    /// A person's name, "Given Family", unique per index. Given names and family names come
    /// from separate ranges of the word space so a name never repeats a topic word.
    static func personName(_ index: Int) -> String {
        let given = index % 997
        let family = index / 997
        return capitalized(nameBase + given) + " " + capitalized(nameBase + 1_000 + family)
    }

    /// Show names: "<Word> Radio", "<Word> Hour", …, unique per index.
    static func showName(_ index: Int) -> String {
        let kinds = ["Radio", "Hour", "Podcast", "Weekly", "Talk", "Show"]
        return capitalized(showBase + index) + " " + kinds[index % kinds.count]
    }

    /// First word index of person names; vocabularies stay below it.
    static let nameBase = 36 * 36 * 36 * 20  // 933,120: far above any vocabulary used
    /// First word index of show names.
    static let showBase = nameBase + 400_000
}
