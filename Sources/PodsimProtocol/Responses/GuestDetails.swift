import NIOCore

/// GUEST's answer, the contract's `GuestProfile`: `str name, list<str> shows,
/// list<str> episode_ids, list<str> top_terms`.
public struct GuestDetails: Sendable, Hashable {
    /// The guest's display name (the most common spelling in the catalogue).
    public var name: String
    /// Shows the guest appeared on, the one with their newest episode first.
    public var shows: [String]
    /// The guest's episodes, newest first (unknown dates last, then by id).
    public var episodeIDs: [String]
    /// Up to 10 terms that say what the guest's episodes are about, strongest first.
    public var topTerms: [String]

    public init(name: String, shows: [String], episodeIDs: [String], topTerms: [String]) {
        self.name = name
        self.shows = shows
        self.episodeIDs = episodeIDs
        self.topTerms = topTerms
    }

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        name = try reader.readString("name")
        shows = try reader.readStrings("shows")
        episodeIDs = try reader.readStrings("episode_ids")
        topTerms = try reader.readStrings("top_terms")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(name)
        buffer.writeWireStrings(shows)
        buffer.writeWireStrings(episodeIDs)
        buffer.writeWireStrings(topTerms)
    }
}
