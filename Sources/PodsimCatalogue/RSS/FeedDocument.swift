/// What the XML pass collects from a feed: the raw text of the channel and item fields podsim
/// reads, before any interpretation (dates, HTML, ids and guests come later, in `FeedEpisodes`).
struct FeedDocument: Sendable {
    /// One `<item>`'s fields; nil when absent. Only direct children of `<item>` are read, so a
    /// `<title>` inside some extension element does not replace the episode's title.
    struct Item: Sendable {
        /// 1-based position among the channel's items.
        var index: Int
        /// Line of the `<item>` start tag.
        var line: Int
        var title: String?
        /// `itunes:title`: the title without show-specific decoration, used when `title` is absent.
        var itunesTitle: String?
        var description: String?
        var contentEncoded: String?
        var summary: String?
        var guid: String?
        var pubDate: String?
        var duration: String?
        var itunesEpisode: String?
        var podcastEpisode: String?
        var enclosureURL: String?
        /// `podcast:person` tags of the item that name someone, in feed order.
        var persons: [FeedPerson] = []
        /// Why the item cannot become an episode (unreadable XML, a field over the size limit);
        /// nil for a readable item. Such an item is skipped with this reason.
        var problem: String?

        init(index: Int, line: Int) {
            self.index = index
            self.line = line
        }

        /// `item 3 (line 57)`, for skip reasons and notes.
        var location: String { "item \(index) (line \(line))" }
    }

    /// Whether a `<channel>` was found under `<rss>`.
    var hasChannel = false
    /// The channel's `<title>`.
    var title: String?
    /// The channel's `itunes:author` (often a company or an e-mail address, see `FeedHosts`).
    var author: String?
    /// The channel's `<language>` as written (`en-us`, `de`): its episodes' language.
    var language: String?
    /// The channel's `podcast:person` tags: the default cast of every item.
    var persons: [FeedPerson] = []
    var items: [Item] = []
}

extension FeedDocument.Item {
    /// The text field an item child element fills, or nil when podsim does not read it.
    static func field(_ name: FeedElementName) -> WritableKeyPath<FeedDocument.Item, String?>? {
        switch (name.namespace, name.local) {
        case (.rss, "title"): \.title
        case (.rss, "description"): \.description
        case (.rss, "guid"): \.guid
        case (.rss, "pubDate"): \.pubDate
        case (.content, "encoded"): \.contentEncoded
        case (.itunes, "summary"): \.summary
        case (.itunes, "title"): \.itunesTitle
        case (.itunes, "duration"): \.duration
        case (.itunes, "episode"): \.itunesEpisode
        case (.podcast, "episode"): \.podcastEpisode
        default: nil
        }
    }

    /// Stores `text` (trimmed; empty counts as absent) in `field`, keeping the first non-empty
    /// value when an element repeats.
    mutating func set(_ field: WritableKeyPath<FeedDocument.Item, String?>, text: String) {
        let value = text.trimmingSpaces
        if self[keyPath: field] == nil, !value.isEmpty { self[keyPath: field] = value }
    }
}
