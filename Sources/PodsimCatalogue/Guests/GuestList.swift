import PodsimEpisodes

/// The one place a list of guest names is cleaned, whatever found it: feed person tags,
/// JSON Lines `guests`, text extraction (seed pages and feeds), and the loader's pass that
/// removes each show's hosts across sources. So every path treats blanks, hosts and repeats alike.
enum GuestList {
    /// `names` in order without blank names (an empty `GuestName` key: white space only, or an
    /// honorific alone), without the show's `hosts` (by full name or a host's first name alone),
    /// and without a second spelling of one person (by key; the first spelling is kept).
    static func unique(_ names: [String], excluding hosts: HostSet = HostSet()) -> [GuestName] {
        var seen: Set<String> = []
        return names.map(GuestName.init).filter { name in
            !name.key.isEmpty && !GuestName.honorifics.contains(name.key) && !hosts.contains(name.display)
                && seen.insert(name.key).inserted
        }
    }
}
