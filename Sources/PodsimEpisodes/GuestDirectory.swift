import PodsimParallel

/// Guests across a catalogue, one entry per person: episodes are grouped by `GuestName` key, so
/// `Sören Martius` on one show and `Soren Martius` on another are one guest.
public struct GuestDirectory: Sendable {
    /// One person and the episodes they appear on.
    public struct Entry: Sendable, Hashable {
        /// The normalization key (see `GuestName.key`).
        public var key: String
        /// The spelling to show: the most common; ties go to a spelling with diacritics, then
        /// the longer one, then the first seen.
        public var displayName: String
        /// Every distinct spelling, in first-seen order.
        public var spellings: [String]
        /// Ids of the episodes with this guest, in catalogue order.
        public var episodeIDs: [String]
    }

    /// Entries sorted by key.
    public let entries: [Entry]
    private let indexByKey: [String: Int]

    /// Groups the guests of `episodes` (visited in the given order, which decides "first seen").
    public init(episodes: [Episode]) {
        var order: [String] = []
        var spellingCounts: [String: [(spelling: String, count: Int)]] = [:]
        var episodeIDs: [String: [String]] = [:]
        // The names' keys (case and diacritic folding: most of the work) on every core, a chunk
        // of episodes per job; the grouping below stays in episode order.
        let names = concurrentMap(chunksOf: episodes) { $0.guests.map(GuestName.init) }
        for (episode, guests) in zip(episodes, names) {
            for guest in guests where !guest.key.isEmpty {
                // Mutated in place through the dictionary (a copy out and back was an array
                // allocation per guest of every episode).
                if spellingCounts[guest.key] == nil { order.append(guest.key) }
                if let i = spellingCounts[guest.key]?.firstIndex(where: { $0.spelling == guest.display }) {
                    spellingCounts[guest.key]![i].count += 1
                } else {
                    spellingCounts[guest.key, default: []].append((guest.display, 1))
                }
                if episodeIDs[guest.key]?.last != episode.id { episodeIDs[guest.key, default: []].append(episode.id) }
            }
        }
        entries = order.sorted().map { key in
            let counts = spellingCounts[key] ?? []
            return Entry(
                key: key, displayName: GuestDirectory.preferred(counts), spellings: counts.map(\.spelling),
                episodeIDs: episodeIDs[key] ?? [])
        }
        indexByKey = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($0.element.key, $0.offset) })
    }

    /// Number of distinct guests.
    public var count: Int { entries.count }

    /// The entry for `name` in any spelling, or nil.
    public func entry(for name: String) -> Entry? {
        indexByKey[GuestName.key(for: name)].map { entries[$0] }
    }

    /// The display name for `name` in any spelling, or nil when no episode has that guest.
    public func displayName(for name: String) -> String? {
        entry(for: name)?.displayName
    }

    /// Most common spelling; ties → with diacritics, → longer, → first seen (lower index).
    /// Public for the streaming build, which groups guests without holding every episode.
    public static func preferred(_ counts: [(spelling: String, count: Int)]) -> String {
        func rank(_ i: Int) -> (Int, Int, Int, Int) {
            let (spelling, count) = counts[i]
            return (count, GuestName(spelling).hasDiacritics ? 1 : 0, spelling.count, -i)
        }
        return counts.indices.max { rank($0) < rank($1) }.map { counts[$0].spelling } ?? ""
    }
}
