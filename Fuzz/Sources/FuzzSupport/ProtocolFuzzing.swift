import NIOCore
import PodsimProtocol

/// Choices shared by the body-decoder targets, taken from control bytes.
public enum ProtocolFuzzing {
    /// Limits a control byte chooses from (index = byte % count): the contract's defaults, then
    /// tight ones so that the limit checks (k, text length, ADD's frame-size bound) are reached
    /// by short inputs.
    public static let limitPresets: [ProtocolLimits] = [
        ProtocolLimits(),
        ProtocolLimits(maxFrameBytes: 64, maxK: 1, maxTextBytes: 0),
        ProtocolLimits(maxFrameBytes: 16, maxK: 65_535, maxTextBytes: 8),
        ProtocolLimits(maxFrameBytes: 1 << 20, maxK: 10, maxTextBytes: 3),
    ]

    /// Longest error message a decoder may produce, in UTF-8 bytes: messages travel back to the
    /// peer as `str message` and must stay short whatever the peer sent (ProtocolError's contract).
    public static let maxMessageBytes = 1024

    /// The bytes of a body.
    public static func bytes(of buffer: ByteBuffer) -> [UInt8] {
        Array(buffer.readableBytesView)
    }

    /// Checks what every refusal must satisfy: an allowed status and a short, non-empty message.
    public static func checkRefusal(_ error: ProtocolError, allowed: [Status], for frame: Frame) {
        FuzzCheck.require(allowed.contains(error.status), "\(frame.opcode) refused with \(error); allowed \(allowed)")
        let size = error.message.utf8.count
        FuzzCheck.require(size > 0 && size <= maxMessageBytes, "message of \(size) bytes: \(error.message.prefix(200))")
    }
}
