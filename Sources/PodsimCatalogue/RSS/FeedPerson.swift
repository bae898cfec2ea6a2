/// One `<podcast:person>` tag. Per the Podcasting 2.0 spec the element's text is the name,
/// `role` defaults to `host` and `group` to `cast`, both compared case-insensitively. Feeds
/// written against the first draft of the spec put the name in a `name=` attribute instead
/// (`<podcast:person role="guest" name="Dave Jones"/>`); both forms are read, the text first.
struct FeedPerson: Sendable, Hashable {
    /// Roles in the cast group that make a person a host of the show. A "guest host" fills in
    /// for one episode: not a guest, and not a host of the show either.
    static let hostRoles: Set<String> = ["host", "co-host", "cohost"]

    /// The name, whitespace collapsed.
    var name: String
    /// Lowercased role, `host` when the tag has none.
    var role: String
    /// Lowercased group, `cast` when the tag has none.
    var group: String

    /// Nil when the tag names nobody (empty text and no `name=` attribute).
    init?(text: String, attributes: [String: String]) {
        let fromText = HTMLText.inline(text)
        let name = fromText.isEmpty ? HTMLText.inline(attributes["name"] ?? "") : fromText
        guard !name.isEmpty else { return nil }
        self.name = name
        self.role = FeedPerson.value(attributes["role"], default: "host")
        self.group = FeedPerson.value(attributes["group"], default: "cast")
    }

    /// A guest of the episode: role `guest` in the cast group. A guest in another group
    /// (`visuals`, `writing`) contributed to the episode but was not on it.
    var isGuest: Bool { role == "guest" && group == "cast" }

    /// A host of the show: a host role in the cast group.
    var isHost: Bool { group == "cast" && FeedPerson.hostRoles.contains(role) }

    private static func value(_ raw: String?, default fallback: String) -> String {
        let value = (raw ?? "").trimmingSpaces.lowercased()
        return value.isEmpty ? fallback : value
    }
}
