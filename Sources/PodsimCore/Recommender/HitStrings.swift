/// A small catalogue's episode ids and titles, decoded into Swift strings once, so the hits of an
/// answer share them instead of decoding (and allocating) two strings each per query.
///
/// Why: SIMILAR on the seed model made 20 of its ~40 heap allocations for the ten hits' ids and
/// titles, each also checked as UTF-8 again. Up to `maxEpisodes` episodes (the catalogues where
/// a query is cheap enough for these to matter) all of them take well under a megabyte; a large
/// model keeps decoding per hit, as it must not hold millions of strings.
struct HitStrings: Sendable {
    let ids: [String]
    let titles: [String]

    /// Catalogues up to this many episodes keep their strings (as `LexicalPairs`).
    static let maxEpisodes = LexicalPairs.maxEpisodes

    /// Nil above `maxEpisodes` episodes.
    init?(_ episodes: EpisodeTable, maxEpisodes: Int = HitStrings.maxEpisodes) {
        guard episodes.count <= maxEpisodes else { return nil }
        ids = (0..<episodes.count).map(episodes.id)
        titles = (0..<episodes.count).map(episodes.title)
    }
}
