import NIOCore

/// Writes frames to the wire: a server encodes its responses with it, a client its requests.
public struct FrameEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = Frame

    public init() {}

    public func encode(data: Frame, out: inout ByteBuffer) throws {
        guard data.length <= Int(UInt32.max) else {
            throw ProtocolError(.frameTooLarge, "a frame body of \(data.body.readableBytes) bytes cannot be framed (u32 length)")
        }
        data.write(to: &out)
    }
}
