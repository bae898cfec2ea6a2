import PodsimEpisodes

/// Everything the catalogue sources yielded, ready for feature extraction.
public struct LoadedCatalogue: Sendable {
    /// All episodes, sorted by id; guests exclude the show's hosts and use the directory's
    /// display spelling.
    public var episodes: [Episode]
    /// Hosts per show name (from seed page headers, recurring first-name pairs and feed person tags).
    public var hosts: [String: [String]]
    /// One report per file considered, in load order.
    public var sources: [SourceReport]
    /// Guests across all shows, one entry per person, built on each call: a build makes its own
    /// in row order when it writes the model, and making one at load time too cost ~3 s of loading
    /// 1M episodes for nothing.
    public func guestDirectory() -> GuestDirectory { GuestDirectory(episodes: episodes) }

    public init(episodes: [Episode], hosts: [String: [String]], sources: [SourceReport]) {
        self.episodes = episodes
        self.hosts = hosts
        self.sources = sources
    }
}
