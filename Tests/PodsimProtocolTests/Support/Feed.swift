import NIOCore
import PodsimProtocol
import Testing
import PodsimTestSupport

/// Feeds bytes to a fresh `FrameDecoder` in chosen segments, as a connection would.
enum Feed {
    /// The decoder's outputs when `bytes` arrive in segments of the given sizes (the last segment
    /// takes whatever is left), plus the bytes it left unconsumed.
    static func decode(
        _ bytes: ByteBuffer, segments: [Int], maxFrameBytes: Int = ProtocolLimits().maxFrameBytes
    ) throws -> (outputs: [FrameDecoderOutput], unconsumed: Int) {
        let processor = NIOSingleStepByteToMessageProcessor(FrameDecoder(maxFrameBytes: maxFrameBytes))
        var outputs: [FrameDecoderOutput] = []
        var rest = bytes
        for size in segments where rest.readableBytes > 0 {
            let chunk = rest.readSlice(length: min(size, rest.readableBytes))!
            try processor.process(buffer: chunk) { outputs.append($0) }
        }
        if rest.readableBytes > 0 {
            try processor.process(buffer: rest) { outputs.append($0) }
        }
        try processor.finishProcessing(seenEOF: true) { outputs.append($0) }
        return (outputs, processor.unprocessedBytes)
    }

    /// Segmentations of `count` bytes: whole, one byte at a time, and `random` seeded random splits.
    static func segmentations(of count: Int, random: Int = 20, seed: UInt64 = 0x5EED) -> [[Int]] {
        var generator = SplitMix64(seed: seed &+ UInt64(count))
        var result: [[Int]] = [[count], Array(repeating: 1, count: count)]
        for _ in 0..<random {
            var sizes: [Int] = []
            var left = count
            while left > 0 {
                let size = Int.random(in: 1...max(1, min(left, 16)), using: &generator)
                sizes.append(size)
                left -= size
            }
            result.append(sizes)
        }
        return result
    }

    /// The outputs for `bytes`, after checking that every segmentation yields the same outputs.
    static func decodeEveryWay(
        _ bytes: ByteBuffer, maxFrameBytes: Int = ProtocolLimits().maxFrameBytes,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [FrameDecoderOutput] {
        let whole = try decode(bytes, segments: [bytes.readableBytes], maxFrameBytes: maxFrameBytes).outputs
        for sizes in segmentations(of: bytes.readableBytes).dropFirst() {
            let outputs = try decode(bytes, segments: sizes, maxFrameBytes: maxFrameBytes).outputs
            #expect(outputs == whole, "segments \(sizes) changed the outcome", sourceLocation: sourceLocation)
        }
        return whole
    }
}
