import FuzzSupport
import NIOCore
import PodsimProtocol

/// libFuzzer target: a byte stream through `FrameDecoder`, as a connection delivers it.
///
/// Input: `u8 split pattern` (see `Segmentation`), `u8 max frame size choice`, then the stream.
/// Properties checked on every input:
/// - the outputs (and the bytes left unconsumed) are the same for the chosen split as for the
///   whole stream at once;
/// - the outputs agree with `FrameStreamModel`, an independent reading of the framing rules:
///   each frame re-encodes to exactly the bytes it came from, a rejection is the last output
///   and names the right status, opcode and request id, and no complete frame is left unread.
@_cdecl("LLVMFuzzerTestOneInput")
public func frameDecoderFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let split = Segmentation(controlByte: input.takeByte())
    let sizes = FrameDecoderRun.maxFrameSizes
    let maxFrameBytes = sizes[Int(input.takeByte()) % sizes.count]
    let stream = input.restArray

    let reference = FrameDecoderRun(stream, split: .whole, maxFrameBytes: maxFrameBytes)
    let actual = FrameDecoderRun(stream, split: split, maxFrameBytes: maxFrameBytes)
    FuzzCheck.require(
        actual.outputs == reference.outputs && actual.unconsumed == reference.unconsumed,
        "split \(split) changed the outcome: \(actual.outputs) (\(actual.unconsumed) left) vs whole \(reference.outputs) (\(reference.unconsumed) left)")
    FrameStreamModel(stream: stream, maxFrameBytes: maxFrameBytes).check(reference)
    return 0
}

/// One pass of a fresh decoder over a stream, through NIO's single-step processor as a channel
/// handler would drive it, EOF included.
struct FrameDecoderRun {
    /// Max frame sizes a control byte chooses from, in bytes: the default (1 MiB), the smallest
    /// allowed (8) and small sizes that random length fields often satisfy.
    static let maxFrameSizes = [1 << 20, 8, 12, 13, 20, 64, 256]

    var outputs: [FrameDecoderOutput] = []
    /// Bytes the processor still holds after EOF.
    var unconsumed = 0

    init(_ stream: [UInt8], split: Segmentation, maxFrameBytes: Int) {
        let processor = NIOSingleStepByteToMessageProcessor(FrameDecoder(maxFrameBytes: maxFrameBytes))
        var rest = ByteBuffer(bytes: stream)
        var collected: [FrameDecoderOutput] = []
        do {
            for chunkSize in split.chunkSizes(total: stream.count) {
                try processor.process(buffer: rest.readSlice(length: chunkSize)!) { collected.append($0) }
            }
            try processor.finishProcessing(seenEOF: true) { collected.append($0) }
        } catch {
            FuzzCheck.fail("FrameDecoder threw \(error); it must answer bad input with a rejection")
        }
        outputs = collected
        unconsumed = processor.unprocessedBytes
    }
}
