import NIOCore

/// The EPISODE answer: `str id, str show, str title, str published, list<str> guests,
/// str description`.
public struct EpisodeDetails: Sendable, Hashable, WireElement {
    /// The episode's id.
    public var id: String
    /// The show it belongs to.
    public var show: String
    /// Its title.
    public var title: String
    /// ISO-8601 date (`2025-07-30`), or empty when unknown.
    public var published: String
    /// Its guests (people, hosts left out).
    public var guests: [String]
    /// Its description as the catalogue holds it.
    public var description: String

    public init(id: String, show: String, title: String, published: String, guests: [String], description: String) {
        self.id = id
        self.show = show
        self.title = title
        self.published = published
        self.guests = guests
        self.description = description
    }

    static let minimumWireBytes = 6 * 4

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        id = try reader.readString("id")
        show = try reader.readString("show")
        title = try reader.readString("title")
        published = try reader.readString("published")
        guests = try reader.readStrings("guests")
        description = try reader.readString("description")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(id)
        buffer.writeWireString(show)
        buffer.writeWireString(title)
        buffer.writeWireString(published)
        buffer.writeWireStrings(guests)
        buffer.writeWireString(description)
    }
}
