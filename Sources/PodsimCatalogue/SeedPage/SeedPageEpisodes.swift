import PodsimEpisodes

/// Turns a page's raw items into `Episode`s: ids, titles, cleaned descriptions, guests.
struct SeedPageEpisodes {
    let show: String
    let hosts: HostSet

    func episodes(from items: [SeedPageScan.Item]) -> [Episode] {
        let descriptions = BoilerplateFilter.clean(items.map(\.text))
        let extractor = GuestExtractor(hosts: hosts)
        var ids = EpisodeIDs(showSlug: Slug.make(show))
        return zip(items, descriptions).map { item, description in
            let title =
                item.title
                ?? EpisodeTitle.derived(number: item.number, text: description.isEmpty ? item.text : description)
            return Episode(
                id: ids.next(number: item.number, published: item.published),
                show: show,
                number: item.number,
                title: title,
                published: item.published,
                durationSeconds: item.durationSeconds,
                description: description,
                guests: extractor.guests(title: item.title, text: item.text))
        }
    }
}

/// Episode ids for one show: `<slug>-<number>` or `<slug>-<yyyy-mm-dd>`, with `-2`, `-3`, …
/// appended in page order when two items would get the same id (same date, repeated number).
struct EpisodeIDs {
    let showSlug: String
    private var used: [String: Int] = [:]

    init(showSlug: String) {
        self.showSlug = showSlug
    }

    mutating func next(number: Int?, published: String?) -> String {
        let base = [showSlug, number.map(String.init) ?? published ?? "undated"].joined(separator: "-")
        let count = (used[base] ?? 0) + 1
        used[base] = count
        return count == 1 ? base : "\(base)-\(count)"
    }
}
