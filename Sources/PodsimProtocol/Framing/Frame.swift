import NIOCore

/// One protocol frame: a 4-byte length, an 8-byte header and an opcode-specific body.
///
/// Layout (big-endian): `u32 length` (8 + body bytes), `u8 version`, `u8 opcode`, `u16 status`,
/// `u32 request_id`, body. The length field itself is not counted in `length`.
public struct Frame: Sendable, Hashable {
    /// The only protocol version: 1.
    public static let currentVersion: UInt8 = 1
    /// Bytes of the length field that precedes every frame: 4.
    public static let lengthFieldBytes = 4
    /// Bytes of the header after the length field (version, opcode, status, request id): 8.
    public static let headerBytes = 8

    /// Protocol version; 1 for every frame this codec writes or passes on.
    public var version: UInt8
    /// What is asked; a response carries its request's opcode.
    public var opcode: Opcode
    /// 0 in a request; the answer's status in a response.
    public var status: Status
    /// Chosen by the client, echoed by the server.
    public var requestID: UInt32
    /// The opcode-specific body (for a non-zero status: `str message`).
    public var body: ByteBuffer

    public init(
        version: UInt8 = Frame.currentVersion, opcode: Opcode, status: Status = .ok,
        requestID: UInt32, body: ByteBuffer = ByteBuffer()
    ) {
        self.version = version
        self.opcode = opcode
        self.status = status
        self.requestID = requestID
        self.body = body
    }

    /// The value of the length field: 8 + body bytes.
    public var length: Int { Frame.headerBytes + body.readableBytes }

    /// Writes the whole frame (length field included) to `buffer`.
    ///
    /// The body must fit a u32 length; a caller that may build larger bodies checks `length` first.
    public func write(to buffer: inout ByteBuffer) {
        precondition(length <= Int(UInt32.max), "a frame body of \(body.readableBytes) bytes cannot be framed")
        buffer.reserveCapacity(minimumWritableBytes: Frame.lengthFieldBytes + length)
        buffer.writeInteger(UInt32(length))
        buffer.writeInteger(version)
        buffer.writeInteger(opcode.rawValue)
        buffer.writeInteger(status.rawValue)
        buffer.writeInteger(requestID)
        buffer.writeImmutableBuffer(body)
    }

    /// The frame answering a request with a non-zero `status`: same opcode and request id,
    /// body `str message`.
    public static func failure(
        _ status: Status, message: String, opcode: Opcode, requestID: UInt32
    ) -> Frame {
        precondition(status != .ok, "a failure answer needs a non-zero status")
        var body = ByteBuffer()
        body.writeWireString(message)
        return Frame(opcode: opcode, status: status, requestID: requestID, body: body)
    }

    /// The frame answering `request` with `error`'s status and message.
    public static func failure(_ error: ProtocolError, answering request: Frame) -> Frame {
        failure(error.status, message: error.message, opcode: request.opcode, requestID: request.requestID)
    }
}
