import NIOCore

/// The RELOAD answer (addition): `str model_id, u32 episodes` of the model now serving.
public struct ReloadResult: Sendable, Hashable, WireElement {
    /// The id of the newly loaded model.
    public var modelID: String
    /// Episodes in it.
    public var episodes: UInt32

    public init(modelID: String, episodes: UInt32) {
        self.modelID = modelID
        self.episodes = episodes
    }

    static let minimumWireBytes = 4 + 4

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        modelID = try reader.readString("model_id")
        episodes = try reader.readInteger("episodes")
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireString(modelID)
        buffer.writeInteger(episodes)
    }
}
