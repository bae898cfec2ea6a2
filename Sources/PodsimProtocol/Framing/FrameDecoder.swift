import NIOCore

/// Splits a byte stream into frames. Used by both sides: a server decodes requests with it, a
/// client decodes responses.
///
/// It never allocates from the announced length before checking it against `maxFrameBytes`, peeks
/// at the reader index rather than index 0, and returns "need more data" without consuming. Its
/// output does not depend on how the bytes were segmented:
/// - a length below 8 or above the limit is rejected with status 5 as soon as the 4 length bytes
///   are in, echoing opcode 0 and request id 0 (the header may never come);
/// - a version other than 1 is rejected with status 4 as soon as the 12 bytes of length and header
///   are in, echoing the frame's opcode and request id (the body is not waited for).
/// After a rejection the decoder yields nothing more and drops whatever bytes follow, unread,
/// so a peer cannot make a closing connection buffer data.
public struct FrameDecoder: NIOSingleStepByteToMessageDecoder, Sendable {
    public typealias InboundOut = FrameDecoderOutput

    /// Largest accepted `length` field, in bytes. Default 1 MiB (`ProtocolLimits().maxFrameBytes`).
    public let maxFrameBytes: Int
    private var rejected = false

    public init(maxFrameBytes: Int = ProtocolLimits().maxFrameBytes) {
        precondition(maxFrameBytes >= Frame.headerBytes, "maxFrameBytes must be at least 8, got \(maxFrameBytes)")
        self.maxFrameBytes = maxFrameBytes
    }

    public init(limits: ProtocolLimits) {
        self.init(maxFrameBytes: limits.maxFrameBytes)
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> FrameDecoderOutput? {
        guard !rejected else {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return nil
        }
        let start = buffer.readerIndex
        guard let length = buffer.getInteger(at: start, as: UInt32.self) else { return nil }
        // The first bytes are copied out only for the message about a bad length (an allocation
        // every frame would pay otherwise).
        if !Self.isAcceptable(length, max: maxFrameBytes),
           let error = Self.checkLength(length, max: maxFrameBytes, firstBytes: buffer.getBytes(at: start, length: 4)) {
            return reject(FrameRejection(opcode: Opcode(rawValue: 0), requestID: 0, error: error), in: &buffer)
        }
        let headerStart = start + Frame.lengthFieldBytes
        guard let version = buffer.getInteger(at: headerStart, as: UInt8.self),
              let opcode = buffer.getInteger(at: headerStart + 1, as: UInt8.self),
              let status = buffer.getInteger(at: headerStart + 2, as: UInt16.self),
              let requestID = buffer.getInteger(at: headerStart + 4, as: UInt32.self)
        else { return nil }
        if version != Frame.currentVersion {
            let error = ProtocolError(
                .unsupportedVersion,
                "protocol version \(version) is not supported; podsim speaks version \(Frame.currentVersion)")
            return reject(FrameRejection(opcode: Opcode(rawValue: opcode), requestID: requestID, error: error), in: &buffer)
        }
        // Safe to use now: 8 ≤ length ≤ maxFrameBytes.
        let bodyBytes = Int(length) - Frame.headerBytes
        guard buffer.readableBytes >= Frame.lengthFieldBytes + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: Frame.lengthFieldBytes + Frame.headerBytes)
        let body = buffer.readSlice(length: bodyBytes)!
        return .frame(Frame(
            version: version, opcode: Opcode(rawValue: opcode), status: Status(rawValue: status),
            requestID: requestID, body: body))
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> FrameDecoderOutput? {
        // A partial frame at EOF stays in the buffer: the channel reports it as left-over data.
        try decode(buffer: &buffer)
    }

    private mutating func reject(_ rejection: FrameRejection, in buffer: inout ByteBuffer) -> FrameDecoderOutput {
        rejected = true
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .rejected(rejection)
    }

    /// Whether `length` lies in 8…max (what `checkLength` accepts).
    static func isAcceptable(_ length: UInt32, max: Int) -> Bool {
        length >= UInt32(Frame.headerBytes) && UInt64(length) <= UInt64(max)
    }

    /// Status 5 for a length outside 8…max, nil when it is fine. `firstBytes` lets the message
    /// recognise a plain-text protocol (HTTP) sent to the binary port.
    static func checkLength(_ length: UInt32, max: Int, firstBytes: [UInt8]?) -> ProtocolError? {
        if length < UInt32(Frame.headerBytes) {
            return ProtocolError(
                .frameTooLarge,
                "frame length \(length) is below the minimum of \(Frame.headerBytes) (the header alone is \(Frame.headerBytes) bytes)")
        }
        guard UInt64(length) > UInt64(max) else { return nil }
        var message = "frame length \(length) is above the limit of \(max) bytes (max frame size)"
        if let firstBytes, firstBytes.allSatisfy({ (0x20...0x7E).contains($0) }) {
            let text = String(decoding: firstBytes, as: UTF8.self)
            message += "; the stream starts with the text \"\(text)\": is this HTTP or another text protocol? podsim speaks a binary protocol"
        } else if let firstBytes, firstBytes.count >= 2, (0x14...0x17).contains(firstBytes[0]), firstBytes[1] == 0x03 {
            // A TLS record: content type 20–23, then protocol version 3.x.
            message += "; the stream starts like a TLS record: TLS is on at one end only (both sides need it, or neither)"
        }
        return ProtocolError(.frameTooLarge, message)
    }
}
