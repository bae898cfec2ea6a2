import NIOCore
import NIOTestUtils
import PodsimProtocol
import Testing

@Suite("Frame decoder and encoder")
struct FrameDecoderTests {
    @Test("NIO's decoder verifier: every golden frame fed whole, byte by byte, shuffled and back to back")
    func verifier() throws {
        let pairs = GoldenExample.all.map { ($0.bytes, [FrameDecoderOutput.frame($0.frame)]) }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) { FrameDecoder() }
    }

    @Test("a partial frame asks for more data and consumes nothing, whatever the reader index")
    func partialFrameConsumesNothing() throws {
        let frame = GoldenExample.all.first { $0.name == "SIMILAR request with options" }!.bytes
        for cut in 0..<frame.readableBytes {
            var buffer = ByteBuffer(string: "JUNK")
            buffer.writeImmutableBuffer(frame.getSlice(at: frame.readerIndex, length: cut)!)
            buffer.moveReaderIndex(forwardBy: 4)
            var decoder = FrameDecoder()
            #expect(try decoder.decode(buffer: &buffer) == nil)
            #expect(buffer.readerIndex == 4, "\(cut) bytes: the reader index moved")
        }
    }

    @Test("a frame is read from the reader index, not from index 0")
    func frameAfterOtherBytes() throws {
        let example = GoldenExample.all.first { $0.name == "GUESTS request" }!
        var buffer = ByteBuffer(string: "\u{0}\u{0}\u{0}\u{8}SKIP")
        buffer.moveReaderIndex(forwardBy: 8)
        buffer.writeImmutableBuffer(example.bytes)
        var decoder = FrameDecoder()
        #expect(try decoder.decode(buffer: &buffer) == .frame(example.frame))
        #expect(buffer.readableBytes == 0)
    }

    @Test("back-to-back frames come out in order, each body exactly its own")
    func pipelinedFrames() throws {
        var stream = ByteBuffer()
        for example in GoldenExample.all { stream.writeImmutableBuffer(example.bytes) }
        let outputs = try Feed.decodeEveryWay(stream)
        #expect(outputs == GoldenExample.all.map { .frame($0.frame) })
    }

    @Test("the encoder writes length, header and body; the pipeline encoder agrees with Frame.write")
    func encoder() throws {
        let frame = Frame.raw(.search, status: .notFound, requestID: 0x0102_0304, bodyHex: "aa bb cc")
        var out = ByteBuffer()
        try FrameEncoder().encode(data: frame, out: &out)
        #expect(out.hex == "0000000b" + "01" + "11" + "0002" + "01020304" + "aabbcc")
        #expect(out == frame.wireBytes)
    }

    @Test("a frame of exactly the max frame size is accepted", arguments: [8, 64, 1 << 20])
    func frameAtTheLimit(maxFrameBytes: Int) throws {
        let body = ByteBuffer(repeating: 0x61, count: maxFrameBytes - Frame.headerBytes)
        let frame = Frame(opcode: .add, requestID: 3, body: body)
        let outputs = try Feed.decode(frame.wireBytes, segments: [frame.wireBytes.readableBytes],
                                      maxFrameBytes: maxFrameBytes).outputs
        #expect(outputs == [.frame(frame)])
    }
}
