import PodsimEpisodes

/// Turns a feed's items into `Episode`s: validation and skips, text, dates, ids and guests.
///
/// Decisions (each has a test):
/// - an item with neither a title nor a description is skipped; a second item with the same
///   identity (guid, else enclosure URL, else title and date) is skipped as a duplicate;
/// - an unreadable `pubDate`, `itunes:duration` or `itunes:episode` does not cost the episode:
///   it is kept without that field and the report gets a note;
/// - the description is `content:encoded` when its text is longer than `description` (or
///   `itunes:summary` when there is no description), as show notes often are; then the module's
///   boilerplate filter runs over the whole feed, as over one seed page;
/// - guests come from `podcast:person` tags (the item's, or the channel's when the item has
///   none); an episode with no tags at all falls back to text extraction (`Guest:` labels,
///   title patterns), because many feeds added person tags only to recent episodes.
struct FeedEpisodes {
    /// An item that will become an episode, with its fields interpreted.
    private struct Entry {
        var title: String
        var text: String
        var identity: String
        var number: Int?
        var published: String?
        var durationSeconds: Int?
        /// Effective person tags; nil when neither the item nor the channel has any.
        var persons: [FeedPerson]?
    }

    private(set) var episodes: [Episode] = []
    private(set) var hosts: [String] = []
    private(set) var skipped: [SkippedItem] = []
    private(set) var notes: [SkippedItem] = []

    init(_ document: FeedDocument, show: String) {
        var entries: [Entry] = []
        var firstItemOfIdentity: [String: Int] = [:]
        for item in document.items {
            let title = HTMLText.inline(item.title ?? item.itunesTitle ?? "")
            let text = FeedEpisodes.text(of: item)
            guard !title.isEmpty || !text.isEmpty else {
                skipped.append(SkippedItem(location: item.location, reason: "no title and no description"))
                continue
            }
            let (identity, kind) = FeedEpisodes.identity(of: item, title: title, text: text)
            if let first = firstItemOfIdentity[identity] {
                let reason = "duplicate \(kind) \(JSONText.quoted(identity)) (first used by item \(first))"
                skipped.append(SkippedItem(location: item.location, reason: reason))
                continue
            }
            firstItemOfIdentity[identity] = item.index
            entries.append(
                Entry(
                    title: title, text: text, identity: identity, number: number(of: item),
                    published: published(of: item), durationSeconds: duration(of: item),
                    persons: item.persons.isEmpty ? (document.persons.isEmpty ? nil : document.persons) : item.persons))
        }
        let fallbackTexts = entries.filter { $0.persons == nil }.map(\.text)
        let hostSet = FeedHosts.hosts(of: document, fallbackTexts: fallbackTexts)
        let extractor = GuestExtractor(hosts: hostSet)
        let descriptions = BoilerplateFilter.clean(entries.map(\.text))
        let ids = FeedEpisodeIDs.assign(
            showSlug: Slug.make(show), entries.map { FeedEpisodeIDs.Key(number: $0.number, identity: $0.identity) })
        hosts = hostSet.names
        episodes = entries.indices.map { i in
            let entry = entries[i]
            let description = descriptions[i]
            let title =
                entry.title.isEmpty
                ? EpisodeTitle.derived(number: entry.number, text: description.isEmpty ? entry.text : description)
                : entry.title
            let guests =
                entry.persons.map(FeedEpisodes.guests(in:))
                ?? extractor.guests(title: entry.title.isEmpty ? nil : entry.title, text: entry.text)
            return Episode(
                id: ids[i], show: show, number: entry.number, title: title, published: entry.published,
                durationSeconds: entry.durationSeconds, description: description, guests: guests)
        }
    }

    /// The longer of `content:encoded` and `description` (else `itunes:summary`), as plain text.
    private static func text(of item: FeedDocument.Item) -> String {
        let encoded = HTMLText.paragraphs(item.contentEncoded ?? "")
        let plain = HTMLText.paragraphs(item.description ?? item.summary ?? "")
        return encoded.count > plain.count ? encoded : plain
    }

    /// What makes an item the same episode as another, and what that is called in a skip reason.
    private static func identity(of item: FeedDocument.Item, title: String, text: String) -> (String, String) {
        if let guid = item.guid { return (guid, "guid") }
        if let url = item.enclosureURL { return (url, "enclosure URL") }
        return ((title.isEmpty ? text : title) + "\n" + (item.pubDate ?? ""), "title and date")
    }

    /// Guests named by person tags, deduplicated by `GuestName` key, in tag order.
    private static func guests(in persons: [FeedPerson]) -> [String] {
        var seen: Set<String> = []
        return persons.filter(\.isGuest).map { GuestName($0.name) }
            .filter { seen.insert($0.key).inserted }
            .map(\.display)
    }

    /// `itunes:episode`, else `podcast:episode`, as a whole number (the latter may be `2.5`,
    /// which is not one: then the episode has no number).
    private mutating func number(of item: FeedDocument.Item) -> Int? {
        if let raw = item.itunesEpisode {
            if let number = FeedEpisodes.wholeNumber(raw) { return number }
            note(item, "itunes:episode \(JSONText.quoted(raw)) is not a whole number; ignored")
        }
        return item.podcastEpisode.flatMap(FeedEpisodes.wholeNumber)
    }

    private mutating func published(of item: FeedDocument.Item) -> String? {
        guard let raw = item.pubDate else { return nil }
        if let iso = RFC822Date.iso(raw) { return iso }
        note(item, "pubDate \(JSONText.quoted(raw)) is not an RFC 822 date; kept without a date")
        return nil
    }

    private mutating func duration(of item: FeedDocument.Item) -> Int? {
        guard let raw = item.duration else { return nil }
        if let seconds = FeedDuration.seconds(raw) { return seconds }
        note(item, "itunes:duration \(JSONText.quoted(raw)) is not a duration; kept without one")
        return nil
    }

    private mutating func note(_ item: FeedDocument.Item, _ reason: String) {
        notes.append(SkippedItem(location: item.location, reason: reason))
    }

    /// `42` → 42; at most 9 digits, so any value fits an `Int` and reads as an episode number.
    private static func wholeNumber(_ text: String) -> Int? {
        guard (1...9).contains(text.count), text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }
}
