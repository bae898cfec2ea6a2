import PodsimCore

/// The shape of a synthetic catalogue. The same configuration gives the same catalogue, byte
/// for byte, on every machine (integer-only randomness: xoshiro256** seeded per episode).
public struct SyntheticConfiguration: Sendable, Equatable {
    /// Episodes to generate. Required.
    public var episodes: Int
    /// Seed of every random choice. Default 1.
    public var seed: UInt64
    /// Latent topics; each episode mixes one to three. Default 64.
    public var topics: Int
    /// Words of each topic's own vocabulary (drawn Zipfian within the topic). Default 400.
    public var wordsPerTopic: Int
    /// Background words shared by all topics (drawn Zipfian, exponent 1.07). Default 20,000.
    public var backgroundWords: Int
    /// Share of an episode's words drawn from the background rather than its topics. Default 0.35.
    public var backgroundShare: Double
    /// Shows; episode i belongs to show i mod shows. Default: one per 500 episodes, at least 4.
    public var shows: Int
    /// Distinct guests; each has a home topic and recurs Zipfian among its episodes. Default:
    /// one per 8 episodes, at least 16.
    public var guests: Int
    /// Shortest and longest description, in words (stop-word connectors not counted). Default
    /// 60...160.
    public var wordsPerEpisode: ClosedRange<Int>

    public init(
        episodes: Int, seed: UInt64 = 1, topics: Int = 64, wordsPerTopic: Int = 400, backgroundWords: Int = 20_000,
        backgroundShare: Double = 0.35, shows: Int? = nil, guests: Int? = nil, wordsPerEpisode: ClosedRange<Int> = 60...160
    ) {
        self.episodes = episodes
        self.seed = seed
        self.topics = topics
        self.wordsPerTopic = wordsPerTopic
        self.backgroundWords = backgroundWords
        self.backgroundShare = backgroundShare
        self.shows = shows ?? max(4, episodes / 500)
        self.guests = guests ?? max(16, episodes / 8)
        self.wordsPerEpisode = wordsPerEpisode
    }

    /// Throws `.invalidArgument` naming the first field out of range.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws {
            guard ok else { throw PodsimError(.invalidArgument, "synthetic catalogue: \(message)") }
        }
        try check(episodes >= 1, "episodes must be at least 1, got \(episodes)")
        try check(topics >= 1, "topics must be at least 1, got \(topics)")
        try check(wordsPerTopic >= 10, "words per topic must be at least 10, got \(wordsPerTopic)")
        try check(backgroundWords >= 1, "background words must be at least 1, got \(backgroundWords)")
        try check(
            backgroundWords + topics * wordsPerTopic < SyntheticWords.nameBase,
            "background words + topics × words per topic must stay below \(SyntheticWords.nameBase)")
        try check((0...0.9).contains(backgroundShare), "background share must be within 0…0.9, got \(backgroundShare)")
        try check(shows >= 1 && shows <= 100_000, "shows must be within 1…100,000, got \(shows)")
        try check(guests >= 1 && guests <= 99_000_000, "guests must be within 1…99,000,000, got \(guests)")
        try check(wordsPerEpisode.lowerBound >= 5, "episodes need at least 5 words, got \(wordsPerEpisode.lowerBound)")
    }
}
