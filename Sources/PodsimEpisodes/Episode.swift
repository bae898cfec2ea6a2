/// One podcast episode as podsim knows it, whatever the source (seed page, JSON Lines, RSS).
public struct Episode: Sendable, Hashable, Codable {
    /// Stable public handle used by the CLI and the wire protocol,
    /// e.g. `devops-paradox-341` or `platform-engineering-podcast-2025-07-30`.
    public var id: String
    /// The show's display name, e.g. `DevOps Paradox`.
    public var show: String
    /// Episode number when the source gives one (DevOps Paradox `#341`).
    public var number: Int?
    /// A readable title (derived from the first sentence when the source has none).
    public var title: String
    /// ISO-8601 date (`2025-07-30`) or nil when unknown.
    public var published: String?
    /// Duration in seconds when the source gives one.
    public var durationSeconds: Int?
    /// The episode text with boilerplate (contact lines, URLs, repeated sentences) removed.
    public var description: String
    /// Guests' display names, hosts excluded, in order of first appearance.
    public var guests: [String]

    public init(
        id: String, show: String, number: Int? = nil, title: String, published: String? = nil,
        durationSeconds: Int? = nil, description: String, guests: [String] = []
    ) {
        self.id = id
        self.show = show
        self.number = number
        self.title = title
        self.published = published
        self.durationSeconds = durationSeconds
        self.description = description
        self.guests = guests
    }

    /// The text the feature extractor sees: title and description.
    public var indexedText: String { Self.indexedText(title: title, description: description) }

    /// The text an episode is analysed from, at build time and whenever it is analysed again
    /// (`explain`, guest profiles).
    public static func indexedText(title: String, description: String) -> String { title + "\n" + description }
}
