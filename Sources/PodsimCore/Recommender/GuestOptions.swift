import PodsimEpisodes

/// Restrictions of a guest query (GUESTS and GUESTS_LIKE; CLI `--show`, `--from`, `--to`,
/// `--not-on`, `--exclude-guest`; the protocol's GUESTS options 0x01–0x03, 0x10, 0x11).
public struct GuestOptions: Sendable, Equatable {
    /// Which episodes count as evidence: a guest is scored on, and lists, only their episodes
    /// that pass (shows, publication dates). `.none`: all of them.
    public var evidence: EpisodeFilter
    /// Only guests who never appeared on any of these shows (exact show names, as `--show`),
    /// whatever `evidence` says: "whom should we invite next". A show the model does not know
    /// leaves everyone in (nobody has been on it). Empty: no restriction.
    public var notOnShows: [String]
    /// Leave out these people, matched like every guest name (`GuestName.key`: case,
    /// diacritics, white space and honorifics do not matter). Names of no guest are ignored.
    public var excludeGuests: [String]

    public init(evidence: EpisodeFilter = .none, notOnShows: [String] = [], excludeGuests: [String] = []) {
        self.evidence = evidence
        self.notOnShows = notOnShows
        self.excludeGuests = excludeGuests
    }

    public static let none = GuestOptions()

    /// The guests these options leave out of `model`'s answers, plus `also` (GUESTS_LIKE's own
    /// guest); nil when nobody is left out. Costs the named shows' guests and a binary search
    /// per excluded name.
    func excludedGuests(in model: PodsimModel, also: Int? = nil) -> BitSet? {
        guard !notOnShows.isEmpty || !excludeGuests.isEmpty || also != nil else { return nil }
        var excluded = BitSet(count: model.guests.count)
        if let also { excluded.insert(also) }
        let wanted = Set(notOnShows)
        for (show, name) in model.episodes.shows.enumerated() where wanted.contains(name) {
            for guest in model.guestIndex.guests(ofShow: show) { excluded.insert(Int(guest)) }
        }
        for name in excludeGuests {
            if let guest = model.guests.index(of: name) { excluded.insert(guest) }
        }
        return excluded
    }
}
