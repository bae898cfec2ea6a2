import FuzzSupport
import NIOCore
import PodsimProtocol

/// The framing rules of docs/PROTOCOL.md §2, read straight off the stream's bytes, to check a
/// decoder run against: where each frame starts and ends, and which bytes make a rejection.
struct FrameStreamModel {
    let stream: [UInt8]
    let maxFrameBytes: Int

    /// Checks `run`'s outputs and left-over count against the stream.
    func check(_ run: FrameDecoderRun) {
        var offset = 0
        for (index, output) in run.outputs.enumerated() {
            guard let length = uint32(at: offset) else {
                FuzzCheck.fail("output \(index) (\(output)) at byte \(offset), where no length field is complete")
            }
            switch output {
            case .frame(let frame):
                checkFrame(frame, at: offset, length: length)
                offset += Frame.lengthFieldBytes + Int(length)
            case .rejected(let rejection):
                FuzzCheck.require(index == run.outputs.count - 1, "output after a rejection: \(run.outputs)")
                checkRejection(rejection, at: offset, length: length)
                FuzzCheck.require(run.unconsumed == 0, "a rejection must drop the rest; \(run.unconsumed) bytes kept")
                return
            }
        }
        checkIncompleteTail(from: offset, unconsumed: run.unconsumed)
    }

    private func checkFrame(_ frame: Frame, at offset: Int, length: UInt32) {
        FuzzCheck.require(
            (UInt32(Frame.headerBytes)...UInt32(maxFrameBytes)).contains(length),
            "frame accepted with length \(length) outside 8…\(maxFrameBytes) at byte \(offset)")
        FuzzCheck.require(frame.version == Frame.currentVersion, "frame accepted with version \(frame.version)")
        FuzzCheck.require(frame.length == Int(length), "frame length \(frame.length), length field \(length)")
        var encoded = ByteBuffer()
        frame.write(to: &encoded)
        let original = stream[offset..<(offset + Frame.lengthFieldBytes + Int(length))]
        FuzzCheck.require(
            Array(encoded.readableBytesView) == Array(original),
            "frame at byte \(offset) re-encodes to \(Array(encoded.readableBytesView)), not to its bytes \(Array(original))")
    }

    private func checkRejection(_ rejection: FrameRejection, at offset: Int, length: UInt32) {
        if length < UInt32(Frame.headerBytes) || Int(length) > maxFrameBytes {
            FuzzCheck.require(
                rejection.error.status == .frameTooLarge && rejection.opcode.rawValue == 0 && rejection.requestID == 0,
                "bad length \(length) rejected as \(rejection)")
        } else {
            let headerStart = offset + Frame.lengthFieldBytes
            guard let version = byte(at: headerStart), let opcode = byte(at: headerStart + 1),
                  let requestID = uint32(at: headerStart + 4)
            else { FuzzCheck.fail("rejection \(rejection) before the header at byte \(offset) was complete") }
            FuzzCheck.require(version != Frame.currentVersion, "version 1 frame rejected: \(rejection)")
            FuzzCheck.require(
                rejection.error.status == .unsupportedVersion && rejection.opcode.rawValue == opcode
                    && rejection.requestID == requestID,
                "version \(version) rejected as \(rejection)")
        }
        // The answer a server sends must itself be a well-formed failure response.
        let expected = PodsimResponse.failure(ErrorResponse(rejection.error))
        FuzzCheck.require(
            PodsimResponse.decode(rejection.answer) == .success(expected),
            "rejection answer \(rejection.answer) does not decode back to \(expected)")
    }

    /// Without a rejection, what is left must be a frame still waiting for bytes.
    private func checkIncompleteTail(from offset: Int, unconsumed: Int) {
        let left = stream.count - offset
        FuzzCheck.require(unconsumed == left, "\(left) bytes follow the last frame but \(unconsumed) are unconsumed")
        guard let length = uint32(at: offset) else { return }
        FuzzCheck.require(
            length >= UInt32(Frame.headerBytes) && Int(length) <= maxFrameBytes,
            "length \(length) at byte \(offset) outside 8…\(maxFrameBytes) was not rejected")
        if let version = byte(at: offset + Frame.lengthFieldBytes) {
            let headerComplete = left >= Frame.lengthFieldBytes + Frame.headerBytes
            FuzzCheck.require(
                !headerComplete || version == Frame.currentVersion,
                "version \(version) at byte \(offset) was not rejected")
        }
        FuzzCheck.require(
            left < Frame.lengthFieldBytes + Int(length),
            "a complete frame of length \(length) at byte \(offset) was not decoded")
    }

    private func byte(at offset: Int) -> UInt8? {
        offset < stream.count ? stream[offset] : nil
    }

    private func uint32(at offset: Int) -> UInt32? {
        guard offset + 4 <= stream.count else { return nil }
        return stream[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
