import NIOCore

/// The INFO answer: `str server_version, str model_id, u32 episodes, u32 guests, u32 terms,
/// u16 dimensions`.
public struct ServerInfo: Sendable, Hashable, WireElement {
    /// The server's software version, e.g. `"podsim 0.1.0"`.
    public var serverVersion: String
    /// The id of the model being served (changes on RELOAD).
    public var modelID: String
    /// Episodes in the model.
    public var episodes: UInt32
    /// Distinct guests (people) in the model.
    public var guests: UInt32
    /// Terms in the model's vocabulary.
    public var terms: UInt32
    /// Dimensions of the latent space.
    public var dimensions: UInt16

    public init(serverVersion: String, modelID: String, episodes: UInt32, guests: UInt32, terms: UInt32, dimensions: UInt16) {
        self.serverVersion = serverVersion
        self.modelID = modelID
        self.episodes = episodes
        self.guests = guests
        self.terms = terms
        self.dimensions = dimensions
    }

    static let minimumWireBytes = 4 + 4 + 4 + 4 + 4 + 2

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        serverVersion = try reader.readString("server_version")
        modelID = try reader.readString("model_id")
        episodes = try reader.readInteger("episodes")
        guests = try reader.readInteger("guests")
        terms = try reader.readInteger("terms")
        dimensions = try reader.readInteger("dimensions")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(serverVersion)
        buffer.writeWireString(modelID)
        buffer.writeInteger(episodes)
        buffer.writeInteger(guests)
        buffer.writeInteger(terms)
        buffer.writeInteger(dimensions)
    }
}
