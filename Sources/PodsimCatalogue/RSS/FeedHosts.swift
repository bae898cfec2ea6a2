import PodsimEpisodes

/// Who hosts a feed's show, so hosts are never reported as guests.
///
/// - `podcast:person` tags with a host role in the cast group, on the channel or on any item,
///   are the hosts — except a person the feed also tags as a guest somewhere: explicit guest
///   tags win for the episodes that carry them, and a show-wide host list would remove them.
/// - `itunes:author` is not a host list: it is as often a company (`NPR`), a network or an
///   e-mail address (`john@example.com (John Doe)`) as the hosts' names. It is used only when
///   the feed tags no hosts and some episodes need text extraction, and then read the way a
///   seed page's `Author:` line is (names that look like a person's; see `HostDetector`).
/// - For those episodes, first-name pairs recurring across descriptions (`Darin and Viktor
///   explore …`) count too, as on seed pages.
enum FeedHosts {
    /// The show's hosts. `fallbackTexts` are the descriptions of episodes without person tags.
    static func hosts(of document: FeedDocument, fallbackTexts: [String]) -> HostSet {
        let persons = document.persons + document.items.flatMap(\.persons)
        let guestKeys = Set(persons.filter(\.isGuest).map { GuestName.key(for: $0.name) })
        var hosts = HostSet(
            persons.filter { $0.isHost && !guestKeys.contains(GuestName.key(for: $0.name)) }.map(\.name))
        guard !fallbackTexts.isEmpty else { return hosts }
        if hosts.names.isEmpty, let author = document.author {
            for name in HostDetector.headerHosts(["Author: " + HTMLText.inline(author)]) { hosts.insert(name) }
        }
        for name in HostDetector.recurringPairs(in: fallbackTexts, headerHosts: hosts) { hosts.insert(name) }
        return hosts
    }
}
