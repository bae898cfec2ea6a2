import NIOCore
import PodsimProtocol
import Testing

@Suite("Golden bytes: every message, both directions")
struct GoldenBytesTests {
    @Test("the contract's PING example, byte for byte, as request and as response")
    func contractPingExample() throws {
        let bytes = try #require(ByteBuffer.fromHex("00 00 00 08 01 01 00 00 00 00 00 07"))
        #expect(PodsimRequest.ping.frame(requestID: 7).wireBytes == bytes)
        #expect(PodsimResponse.pong.frame(opcode: .ping, requestID: 7).wireBytes == bytes)

        let frame = try Self.onlyFrame(in: bytes)
        #expect(frame.requestID == 7)
        #expect(PodsimRequest.decode(frame) == .success(.ping))
        #expect(PodsimResponse.decode(frame) == .success(.pong))
    }

    @Test("the codec encodes each message to its golden bytes", arguments: GoldenExample.all)
    func encodesToGoldenBytes(_ example: GoldenExample) {
        #expect(example.frame.wireBytes.hex == example.bytes.hex)
    }

    @Test("the golden bytes decode to each message", arguments: GoldenExample.all)
    func decodesGoldenBytes(_ example: GoldenExample) throws {
        let frame = try Self.onlyFrame(in: example.bytes)
        #expect(frame.opcode == example.opcode)
        #expect(frame.requestID == example.requestID)
        switch example.message {
        case .request(let request):
            #expect(frame.status == .ok)
            #expect(PodsimRequest.decode(frame) == .success(request))
        case .response(let response):
            #expect(PodsimResponse.decode(frame) == .success(response))
        }
    }

    @Test("every known opcode has a golden request and a status-0 response; every error status an answer")
    func examplesCoverTheProtocol() {
        for opcode in Opcode.known {
            #expect(GoldenExample.all.contains { $0.opcode == opcode && $0.isRequest }, "no request example for \(opcode)")
            #expect(GoldenExample.all.contains { $0.opcode == opcode && !$0.isRequest && $0.frame.status == .ok },
                    "no response example for \(opcode)")
        }
        let errorStatuses: [Status] = [.badRequest, .notFound, .unknownOpcode, .unsupportedVersion, .frameTooLarge,
                                       .busy, .unauthorized, .internal, .modelRejected]
        for status in errorStatuses {
            #expect(GoldenExample.all.contains { $0.frame.status == status }, "no answer example for \(status)")
        }
    }

    /// The single frame `bytes` decode to, however they are segmented.
    static func onlyFrame(in bytes: ByteBuffer, sourceLocation: SourceLocation = #_sourceLocation) throws -> Frame {
        let outputs = try Feed.decodeEveryWay(bytes, sourceLocation: sourceLocation)
        try #require(outputs.count == 1, "expected one frame, got \(outputs)", sourceLocation: sourceLocation)
        guard case .frame(let frame) = outputs[0] else {
            Issue.record("expected a frame, got \(outputs[0])", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return frame
    }
}

extension GoldenExample {
    var isRequest: Bool {
        if case .request = message { true } else { false }
    }
}
