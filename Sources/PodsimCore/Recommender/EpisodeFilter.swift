/// Restricts which episodes may appear in an answer (CLI `--show`, `--from`, `--to`; the
/// protocol's optional SIMILAR/SEARCH fields).
public struct EpisodeFilter: Sendable, Equatable {
    /// Only episodes of these shows (exact names); nil = all shows.
    public var shows: Set<String>?
    /// Only episodes published on or after this ISO date (`2025-01-31`); episodes with an
    /// unknown date never pass a date bound.
    public var publishedFrom: String?
    /// Only episodes published on or before this ISO date.
    public var publishedTo: String?

    public init(shows: Set<String>? = nil, publishedFrom: String? = nil, publishedTo: String? = nil) {
        self.shows = shows
        self.publishedFrom = publishedFrom
        self.publishedTo = publishedTo
    }

    public static let none = EpisodeFilter()

    public var isEmpty: Bool { shows == nil && publishedFrom == nil && publishedTo == nil }

    /// A per-row predicate for `model`, with the show names resolved to show numbers once.
    func predicate(for model: PodsimModel) -> RowFilter? {
        guard !isEmpty else { return nil }
        let table = model.episodes
        let allowedShows = shows.map { wanted in Set(table.shows.indices.filter { wanted.contains(table.shows[$0]) }) }
        let from = publishedFrom
        let to = publishedTo
        return { row in
            if let allowedShows, !allowedShows.contains(table.showNumber(row)) { return false }
            if from != nil || to != nil {
                // ISO dates compare correctly as strings.
                let date = table.published(row)
                if date.isEmpty { return false }
                if let from, date < from { return false }
                if let to, date > to { return false }
            }
            return true
        }
    }
}
