import NIOCore
import PodsimProtocol
import Testing
import PodsimTestSupport

/// Random and mutated bytes: decoding must never trap, every refusal must carry a status the
/// contract allows for it, and whatever decodes must survive an encode/decode round trip.
@Suite("Random bytes never trap")
struct FuzzTests {
    static let rounds = 3_000

    @Test("random streams through the frame decoder and both body decoders")
    func randomStreams() throws {
        var generator = SplitMix64(seed: 0xF00D)
        for _ in 0..<Self.rounds {
            var bytes = ByteBuffer()
            for _ in 0..<Int.random(in: 0...64, using: &generator) {
                bytes.writeInteger(UInt8.random(in: 0...255, using: &generator))
            }
            // A small max frame size so random lengths are sometimes accepted.
            let outputs = try Feed.decode(bytes, segments: [Int.random(in: 1...8, using: &generator)], maxFrameBytes: 48).outputs
            for output in outputs {
                switch output {
                case .frame(let frame): Self.checkBothDecoders(frame)
                case .rejected(let rejection):
                    #expect([Status.frameTooLarge, .unsupportedVersion].contains(rejection.error.status))
                }
            }
        }
    }

    @Test("random bodies under every known opcode", arguments: Opcode.known)
    func randomBodies(opcode: Opcode) {
        var generator = SplitMix64(seed: UInt64(opcode.rawValue))
        for _ in 0..<Self.rounds {
            var body = ByteBuffer()
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                // Small bytes make plausible counts and lengths, so decoding gets deep.
                body.writeInteger(UInt8.random(in: 0...(Bool.random(using: &generator) ? 255 : 6), using: &generator))
            }
            Self.checkBothDecoders(Frame(opcode: opcode, requestID: 1, body: body))
        }
    }

    @Test("golden messages with bytes flipped, dropped or inserted", arguments: GoldenExample.all)
    func mutatedGoldenMessages(_ example: GoldenExample) {
        var generator = SplitMix64(seed: UInt64(example.hex.count))
        let original = Array(example.frame.body.readableBytesView)
        for _ in 0..<200 {
            var bytes = original
            switch Int.random(in: 0..<3, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            case 1 where !bytes.isEmpty:
                bytes.remove(at: Int.random(in: 0..<bytes.count, using: &generator))
            default:
                bytes.insert(UInt8.random(in: 0...255, using: &generator), at: Int.random(in: 0...bytes.count, using: &generator))
            }
            var frame = example.frame
            frame.body = ByteBuffer(bytes: bytes)
            Self.checkBothDecoders(frame)
        }
    }

    /// Decodes `frame` as a request and as a response; refusals must be status 1 or 3, and what
    /// decodes must come back the same from its own encoding.
    static func checkBothDecoders(_ frame: Frame) {
        switch PodsimRequest.decode(frame) {
        case .success(let request):
            #expect(PodsimRequest.decode(request.frame(requestID: frame.requestID)) == .success(request))
        case .failure(let error):
            #expect([Status.badRequest, .unknownOpcode].contains(error.status), "\(error)")
        }
        switch PodsimResponse.decode(frame) {
        case .success(let response):
            // Responses have one encoding (no options to reorder): the bytes must come back exactly.
            var body = ByteBuffer()
            response.write(to: &body)
            #expect(body == frame.body, "\(response)")
        case .failure(let error):
            #expect([Status.badRequest, .unknownOpcode].contains(error.status), "\(error)")
        }
    }
}
