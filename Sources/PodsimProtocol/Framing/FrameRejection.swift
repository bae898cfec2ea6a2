import NIOCore

/// What the frame decoder yields: a whole frame, or a rejection after which it yields nothing more.
public enum FrameDecoderOutput: Sendable, Hashable {
    /// A complete version-1 frame whose length was within the limit.
    case frame(Frame)
    /// A frame the connection cannot survive: answer `rejection.answer`, then close.
    case rejected(FrameRejection)
}

/// A frame that broke the framing rules: a bad length (status 5) or a version other than 1
/// (status 4). The connection is closed after `answer` is written.
public struct FrameRejection: Sendable, Hashable, CustomStringConvertible {
    /// Opcode to echo: the frame's opcode for a bad version, 0 for a bad length (no header was read).
    public var opcode: Opcode
    /// Request id to echo: the frame's id for a bad version, 0 for a bad length.
    public var requestID: UInt32
    /// The status (4 or 5) and a message naming the offending value and the limit.
    public var error: ProtocolError

    public init(opcode: Opcode, requestID: UInt32, error: ProtocolError) {
        self.opcode = opcode
        self.requestID = requestID
        self.error = error
    }

    /// The frame a server sends before closing: version 1, the echoed opcode and request id,
    /// the rejection's status and `str message`.
    public var answer: Frame {
        Frame.failure(error.status, message: error.message, opcode: opcode, requestID: requestID)
    }

    public var description: String { "\(error) (\(opcode), request id \(requestID))" }
}
