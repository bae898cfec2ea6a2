import PodsimEpisodes

/// Episode ids for one feed, stable across rebuilds: they depend only on the show's title and
/// on each item's own fields, never on the order of the items or on the process.
///
/// - `<show-slug>-<number>` when the item has an episode number (`itunes:episode`, else
///   `podcast:episode`) that no other item of the feed has;
/// - otherwise `<show-slug>-<8 hex>`: FNV-1a 64 of the item's identity, folded to 32 bits. The
///   identity is the `guid`; without one, the enclosure URL; without that, the title (or the
///   description when there is no title) and the raw `pubDate`;
/// - in the rare case where two different identities fold to the same 8 hex digits (or 8 hex
///   digits happen to spell another item's number), those items use all 16 hex digits.
enum FeedEpisodeIDs {
    /// What an id is made from.
    struct Key: Sendable {
        var number: Int?
        var identity: String
    }

    /// One id per key, in order. Identities must be distinct (duplicates are skipped before).
    static func assign(showSlug: String, _ keys: [Key]) -> [String] {
        var numberCounts: [Int: Int] = [:]
        for number in keys.compactMap(\.number) { numberCounts[number, default: 0] += 1 }
        let usesNumber = keys.map { key in key.number.map { numberCounts[$0] == 1 } ?? false }
        let hashes = keys.map { StableHash.fnv1a64($0.identity) }
        let short = hashes.map { StableHash.hex(UInt32(truncatingIfNeeded: $0 >> 32 ^ $0), digits: 8) }
        var taken: [String: Int] = [:]
        for (i, key) in keys.enumerated() {
            let suffix = usesNumber[i] ? String(key.number ?? 0) : short[i]
            taken[suffix, default: 0] += 1
        }
        return keys.indices.map { i in
            if usesNumber[i], let number = keys[i].number { return "\(showSlug)-\(number)" }
            let suffix = taken[short[i]] == 1 ? short[i] : StableHash.hex(hashes[i], digits: 16)
            return "\(showSlug)-\(suffix)"
        }
    }
}
