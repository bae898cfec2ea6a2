import NIOCore
import PodsimProtocol
import Testing

/// The client's side: a response that breaks the layout is refused with a clear error; a status
/// the client does not know is still an answer carrying a message.
@Suite("Response bodies: what a client accepts and refuses")
struct ResponseDecodingTests {
    static func failure(_ frame: Frame, sourceLocation: SourceLocation = #_sourceLocation) -> ProtocolError? {
        switch PodsimResponse.decode(frame) {
        case .success(let response):
            Issue.record("decoded \(response); expected an error", sourceLocation: sourceLocation)
            return nil
        case .failure(let error):
            return error
        }
    }

    @Test("an unknown status is a failure carrying the server's message")
    func unknownStatus() {
        let frame = Frame.failure(Status(rawValue: 42), message: "new kind of trouble", opcode: .search, requestID: 5)
        #expect(PodsimResponse.decode(frame) == .success(.failure(ErrorResponse(status: Status(rawValue: 42), message: "new kind of trouble"))))
        #expect(Status(rawValue: 42).connectionFate == .open)
        #expect(Status(rawValue: 42).description == "status 42")
    }

    @Test("a failure answer to an opcode the client does not know still decodes")
    func failureForUnknownOpcode() {
        let frame = Frame.failure(.unknownOpcode, message: "no", opcode: Opcode(rawValue: 0xF3), requestID: 1)
        #expect(PodsimResponse.decode(frame) == .success(.failure(ErrorResponse(status: .unknownOpcode, message: "no"))))
    }

    @Test("a failure answer without its message, or with bytes after it, is refused")
    func malformedFailure() {
        let empty = Frame.raw(.info, status: .internal, bodyHex: "")
        #expect(Self.failure(empty)?.message == "INFO response: body ends inside message length at byte 0 (needs 4 bytes, 0 left)")
        let trailing = Frame.raw(.info, status: .internal, bodyHex: "00000001 78 00")
        #expect(Self.failure(trailing)?.message == "INFO response: 1 bytes left over after the last field (at byte 5 of the body)")
    }

    @Test("a status-0 answer with an opcode the client has no layout for is status 3")
    func successForUnknownOpcode() {
        let error = Self.failure(Frame.raw(Opcode(rawValue: 0xF0), bodyHex: ""))
        #expect(error == ProtocolError(.unknownOpcode, "opcode 0xF0 has no response layout this client knows"))
    }

    @Test("every truncation of a response body is refused",
          arguments: GoldenExample.all.filter { !$0.isRequest && $0.frame.body.readableBytes > 0 })
    func truncated(_ example: GoldenExample) {
        let frame = example.frame
        for cut in 0..<frame.body.readableBytes {
            var short = frame
            short.body = frame.body.getSlice(at: frame.body.readerIndex, length: cut)!
            #expect(Self.failure(short)?.status == .badRequest, "\(example.name) cut at \(cut)")
        }
    }

    @Test("bytes after the last field of a response are refused",
          arguments: GoldenExample.all.filter { !$0.isRequest })
    func trailing(_ example: GoldenExample) {
        var frame = example.frame
        frame.body.writeInteger(UInt8(0))
        #expect(Self.failure(frame)?.message.hasSuffix("1 bytes left over after the last field (at byte \(frame.body.readableBytes - 1) of the body)") == true)
    }

    @Test("a list count larger than the bytes left is refused before anything is allocated")
    func hugeListCount() {
        let hits = Frame.raw(.similar, bodyHex: "7fffffff 00000001 61")
        #expect(Self.failure(hits)?.message ==
                "SIMILAR response: hits announces 2147483647 elements of at least 16 bytes but only 5 bytes are left (at byte 0 of the body)")
        let guests = Frame.raw(.guests, bodyHex: "00000001 00000001 61 3f000000 ffffffff")
        #expect(Self.failure(guests)?.message ==
                "GUESTS response: episode_ids announces 4294967295 elements of at least 4 bytes but only 0 bytes are left (at byte 13 of the body)")
    }

    @Test("invalid UTF-8 in a response string is refused")
    func invalidUTF8() {
        let frame = Frame.raw(.reload, bodyHex: "00000002 c328 00000001")
        #expect(Self.failure(frame)?.message == "RELOAD response: model_id is not valid UTF-8 (at byte 0 of the body)")
    }

    @Test("ADD's refit_due must be 0 or 1")
    func refitDueFlag() {
        let frame = Frame.raw(.add, bodyHex: "00000001 00000002 00000000 02")
        #expect(Self.failure(frame)?.message == "ADD response: refit_due must be 0 or 1, got 2")
    }

    @Test("a response answers the opcode it was asked for: frame(answering:) echoes opcode and id")
    func answeringEchoes() {
        let request = PodsimRequest.explain(ExplainRequest(episodeA: "a", episodeB: "b", k: 2)).frame(requestID: 99)
        let answer = PodsimResponse.explain([]).frame(answering: request)
        #expect(answer.opcode == .explain && answer.requestID == 99 && answer.status == .ok)
        let error = Frame.failure(ProtocolError(.notFound, "no episode a"), answering: request)
        #expect(PodsimResponse.decode(error) == .success(.failure(ErrorResponse(status: .notFound, message: "no episode a"))))
        #expect(error.opcode == .explain && error.requestID == 99)
    }
}
