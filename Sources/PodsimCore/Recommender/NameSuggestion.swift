import PodsimEpisodes

/// "Did you mean …?" for a show or guest name the model does not hold: the known name whose
/// folded form (`GuestName.key`: case, diacritics, white space, honorifics) is nearest in edit
/// distance, when it is near enough to help.
enum NameSuggestion {
    /// `candidates` give each known name with its folded key.
    static func closest(to name: String, among candidates: some Sequence<(key: String, name: String)>) -> String? {
        let wanted = Array(GuestName.key(for: name).unicodeScalars)
        guard !wanted.isEmpty else { return nil }
        var best: (distance: Int, name: String)?
        for candidate in candidates {
            let distance = IDSuggestion.editDistance(wanted, Array(candidate.key.unicodeScalars))
            if best == nil || distance < best!.distance { best = (distance, candidate.name) }
        }
        // Up to a third of the name may differ: a typo or two (case and accents are folded away).
        guard let best, best.distance <= max(2, wanted.count / 3) else { return nil }
        return best.name
    }

    /// Among show names (few: folded on the spot).
    static func closest(to name: String, among names: [String]) -> String? {
        closest(to: name, among: names.lazy.map { (key: GuestName.key(for: $0), name: $0) })
    }
}
