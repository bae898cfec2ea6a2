/// Sub-word features: the character n-grams of each stem, fastText-style (Bojanowski et al., 2017,
/// "Enriching Word Vectors with Subword Information"), as extra TF-IDF terms. Related names that
/// share no stem often share pieces (`postgres`/`postgresql`, `kubernet`/`kubectl`,
/// `observ`/`observabl`), and in a small catalogue — where the SVD has too few episodes to learn
/// which words go together — those pieces are what lets two episodes about one subject meet.
/// Measured on the labelled sets (README "How good is it"): similar-episode MRR on the seeds
/// 0.796 → 0.868 and on the feeds 0.664 → 0.736, search and guests unchanged (free-text queries
/// use words only: `TFIDFModel.queryTransform`).
///
/// A stem of at least `shortest` characters, marked `<stem>`, gives every n-gram of `shortest`
/// through `longest` Unicode scalars, each counted as a term `#<n-gram>`; `#` sorts before every
/// letter and digit and starts no word, so the grams are the vocabulary's first ids. Bigrams get no
/// grams (their words already have theirs).
///
/// The grams are a **block of their own in each TF-IDF row**: the word terms are L2-normalised
/// among themselves to a norm of √(1 − share), the grams to √share, so the row keeps unit norm and
/// the many grams of a long word cannot drown the words (in the Python twin on 2,000 Debian
/// packages, one normalisation over both lost 3.7 points of same-section agreement and the
/// block 1.8: Benchmarks/relevance-variants.md; `TFIDFWeighting` does the arithmetic). A gram found in a single episode matches nothing and is not kept, whatever
/// `minDocumentFrequency` says.
public struct CharacterGrams: Codable, Sendable, Equatable {
    /// Fewest Unicode scalars in a gram (and in a stem that gets grams); default 4.
    public var shortest: Int
    /// Most Unicode scalars in a gram; default 6.
    public var longest: Int
    /// The grams' share of each row's squared norm, in (0, 1); default 0.5.
    public var share: Double

    public init(shortest: Int = 4, longest: Int = 6, share: Double = 0.5) {
        self.shortest = shortest
        self.longest = longest
        self.share = share
    }

    /// What every gram term starts with.
    public static let termPrefix: Character = "#"

    /// Whether an analysed term is a character gram (`#<post`), not a word or bigram.
    public static func isGram(_ term: String) -> Bool { term.utf8.first == termPrefix.asciiValue }

    /// Fewest episodes a gram must be found in to be kept.
    static let minimumDocumentFrequency = 2

    /// The gram terms of one stem, shortest first, left to right within a length; none for a
    /// stem shorter than `shortest` or a bigram.
    public func grams(of stem: String) -> [String] {
        let scalars = Array(stem.unicodeScalars)
        guard scalars.count >= shortest, !scalars.contains(" ") else { return [] }
        let marked: [Unicode.Scalar] = ["<"] + scalars + [">"]
        var grams: [String] = []
        for length in shortest...min(longest, marked.count) {
            for start in 0...(marked.count - length) {
                var gram = String(Self.termPrefix)
                gram.unicodeScalars.append(contentsOf: marked[start..<(start + length)])
                grams.append(gram)
            }
        }
        return grams
    }

    /// Checks the fields against their ranges.
    func validate() throws {
        func reject(_ field: String, _ value: Any, _ allowed: String) -> TextError {
            TextError(.invalidConfiguration, "characterGrams.\(field) is \(value); it must be \(allowed)")
        }
        guard (2...16).contains(shortest) else { throw reject("shortest", shortest, "2...16 characters") }
        guard (shortest...16).contains(longest) else {
            throw reject("longest", longest, "\(shortest)...16 characters (at least shortest)")
        }
        guard share > 0, share < 1 else { throw reject("share", share, "a fraction in (0, 1)") }
    }
}
