import PodsimEpisodes

/// Everything podsim knows about one guest.
public struct GuestProfile: Sendable, Equatable, Codable {
    public var name: String
    /// Other spellings are folded into `name`; this is the key they share.
    public var key: String
    /// The shows the guest appeared on, newest first: ordered by the guest's newest episode on
    /// each (the order of `episodes`).
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

        public init(id: String, show: String, title: String, published: String) {
            self.id = id
            self.show = show
            self.title = title
            self.published = published
        }
    }

    /// A profile assembled elsewhere (the CLI builds one from a server's GUEST answer).
    public init(name: String, key: String, shows: [String], episodes: [EpisodeSummary], topTerms: [String]) {
        self.name = name
        self.key = key
        self.shows = shows
        self.episodes = episodes
        self.topTerms = topTerms
    }
}

extension Recommender {
    /// The profile of guest `name` (any spelling: case, diacritics, white space, honorifics):
    /// shows and episodes newest first, top terms. The GUEST opcode's answer.
    /// - Throws: `.unknownEpisode` for a name no guest has, suggesting a close one.
    public func guestProfile(_ name: String, terms: Int = 10) throws -> GuestProfile {
        let guest = try guestIndex(name)
        let table = model.episodes
        let rows = model.guests.episodeRows(of: guest)
        var weights: [Int32: Float] = [:]
        for row in rows {
            for (term, weight) in model.features.transform(indexedText(row)) { weights[term, default: 0] += weight }
        }
        // The guest's own name is in every one of their episodes and says nothing about the topics.
        let nameStems = Set(model.features.analyzer.terms(model.guests.names[guest], characterGrams: false).filter { !$0.contains(" ") })
        let top = weights.filter { term, _ in
            !model.features.isCharacterGram(Int(term)) && model.features.term(Int(term)).split(separator: " ").allSatisfy { !nameStems.contains(String($0)) }
        }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .prefix(terms).map { model.features.displayForm(Int($0.key)) }
        let episodes = rows.map { row in
            GuestProfile.EpisodeSummary(id: table.id(row), show: table.show(row), title: table.title(row), published: table.published(row))
        }.sorted { ($0.published, $1.id) > ($1.published, $0.id) }
        var shows: [String] = []
        for episode in episodes where !shows.contains(episode.show) { shows.append(episode.show) }
        return GuestProfile(
            name: model.guests.names[guest], key: GuestName.key(for: name),
            shows: shows, episodes: episodes, topTerms: top)
    }

    /// The guest index of `name` in any spelling, or `.unknownEpisode` with a suggestion.
    func guestIndex(_ name: String) throws -> Int {
        if let guest = model.guests.index(of: name) { return guest }
        let guests = model.guests
        var message = "unknown guest '\(name)'"
        if let suggestion = NameSuggestion.closest(
            to: name, among: (0..<guests.count).lazy.map { (key: guests.key($0), name: guests.names[$0]) }) {
            message += " (did you mean '\(suggestion)'?)"
        }
        throw PodsimError(.unknownEpisode, message)
    }
}
