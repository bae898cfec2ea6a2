import PodsimEpisodes

/// Everything podsim knows about one guest.
public struct GuestProfile: Sendable, Equatable, Codable {
    public var name: String
    /// Other spellings are folded into `name`; this is the key they share.
    public var key: String
    /// The shows the guest appeared on, sorted.
    public var shows: [String]
    /// The guest's episodes, newest first where dates are known, then by id.
    public var episodes: [EpisodeSummary]
    /// What the guest's episodes are about: the terms with the highest summed TF-IDF weight,
    /// leaving out the words of the guest's own name.
    public var topTerms: [String]

    public struct EpisodeSummary: Sendable, Equatable, Codable {
        public var id: String
        public var show: String
        public var title: String
        public var published: String
    }
}

extension Recommender {
    /// The profile of guest `name` (any spelling): shows, episodes and top terms.
    public func guestProfile(_ name: String, terms: Int = 10) throws -> GuestProfile {
        guard let guest = model.guests.index(of: name) else {
            throw PodsimError(.unknownEpisode, "unknown guest '\(name)'")
        }
        let table = model.episodes
        let rows = model.guests.episodeRows(of: guest)
        var weights: [Int32: Float] = [:]
        for row in rows {
            for (term, weight) in model.features.transform(indexedText(row)) { weights[term, default: 0] += weight }
        }
        // The guest's own name is in every one of their episodes and says nothing about the topics.
        let nameStems = Set(model.features.analyzer.terms(model.guests.names[guest]).filter { !$0.contains(" ") })
        let top = weights.filter { term, _ in
            model.features.term(Int(term)).split(separator: " ").allSatisfy { !nameStems.contains(String($0)) }
        }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .prefix(terms).map { model.features.displayForm(Int($0.key)) }
        let episodes = rows.map { row in
            GuestProfile.EpisodeSummary(id: table.id(row), show: table.show(row), title: table.title(row), published: table.published(row))
        }.sorted { ($0.published, $1.id) > ($1.published, $0.id) }
        return GuestProfile(
            name: model.guests.names[guest], key: GuestName.key(for: name),
            shows: Array(Set(episodes.map(\.show))).sorted(), episodes: episodes, topTerms: top)
    }
}
