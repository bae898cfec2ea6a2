import NIOCore
import PodsimProtocol
import Testing

/// Hostile request bodies: each gets the exact status the contract names, and a message naming
/// the problem. None of these close the connection (their statuses leave it open).
@Suite("Request bodies: hostile bytes")
struct RequestDecodingTests {
    /// Decodes `frame` as a request, expecting a failure with `status`; returns the message.
    @discardableResult
    static func failure(
        _ frame: Frame, _ status: Status = .badRequest, limits: ProtocolLimits = ProtocolLimits(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        switch PodsimRequest.decode(frame, limits: limits) {
        case .success(let request):
            Issue.record("decoded \(request); expected \(status)", sourceLocation: sourceLocation)
            return ""
        case .failure(let error):
            #expect(error.status == status, "\(error)", sourceLocation: sourceLocation)
            #expect(error.status.connectionFate == .open, sourceLocation: sourceLocation)
            return error.message
        }
    }

    @Test("an unknown opcode is status 3 and the connection stays open", arguments: [UInt8(0x00), 0x03, 0x19, 0x2F, 0x3E, 0xF0, 0xFF])
    func unknownOpcode(raw: UInt8) {
        let message = Self.failure(Frame.raw(Opcode(rawValue: raw), bodyHex: "00"), .unknownOpcode)
        #expect(message == "opcode 0x\(raw < 16 ? "0" : "")\(String(raw, radix: 16, uppercase: true)) is not known to this server")
    }

    @Test("a request whose status field is not 0 is status 1")
    func nonZeroStatus() {
        let message = Self.failure(Frame.raw(.ping, status: .notFound, bodyHex: ""))
        #expect(message == "PING: the status field of a request must be 0, got 2")
    }

    @Test("every truncation of a request body is status 1, naming the field it ends in",
          arguments: GoldenExample.all.filter { $0.isRequest && !$0.name.contains("options") && $0.frame.body.readableBytes > 0 })
    func truncatedBody(_ example: GoldenExample) {
        let frame = example.frame
        for cut in 0..<frame.body.readableBytes {
            var short = frame
            short.body = frame.body.getSlice(at: frame.body.readerIndex, length: cut)!
            let message = Self.failure(short)
            #expect(message.contains("body ends inside") || message.contains("only"), "\(cut) bytes: \(message)")
        }
    }

    @Test("bytes left over after the last field are status 1",
          arguments: GoldenExample.all.filter { $0.isRequest && ![Opcode.similar, .search, .recommend, .guests, .guestsLike].contains($0.opcode) })
    func trailingBytes(_ example: GoldenExample) {
        var frame = example.frame
        frame.body.writeBytes([0x00, 0x00])
        let name = example.opcode.name!
        #expect(Self.failure(frame) == "\(name): 2 bytes left over after the last field (at byte \(frame.body.readableBytes - 2) of the body)")
    }

    @Test("a trailing byte after a SIMILAR's flags is read as an option tag, and refused")
    func trailingByteAfterFlags() {
        let message = Self.failure(Frame.raw(.similar, bodyHex: "00000001 61 000a 00 ff"))
        #expect(message == "SIMILAR: option tag 0xFF is not a known option (0x01…0x09) (at byte 8 of the body)")
    }

    @Test("invalid UTF-8 in a string is status 1", arguments: ["ff", "c328", "e28228", "eda080", "c0af"])
    func invalidUTF8(bytesHex: String) {
        let count = bytesHex.count / 2
        let message = Self.failure(Frame.raw(.episode, bodyHex: "0000000\(count) \(bytesHex)"))
        #expect(message == "EPISODE: episode_id is not valid UTF-8 (at byte 0 of the body)")
    }

    @Test("k = 0 and k above the max are status 1; 1 and the max are accepted")
    func kRange() {
        #expect(Self.failure(Frame.raw(.similar, bodyHex: "00000001 61 0000 00")) == "SIMILAR: k must be 1…1000, got 0")
        #expect(Self.failure(Frame.raw(.guests, bodyHex: "00000001 61 03e9")) == "GUESTS: k must be 1…1000, got 1001")
        #expect(Self.failure(Frame.raw(.explain, bodyHex: "00000001 61 00000001 62 ffff")) == "EXPLAIN: k must be 1…1000, got 65535")
        #expect(PodsimRequest.decode(Frame.raw(.guestsLike, bodyHex: "00000001 61 0001")) ==
                .success(.guestsLike(GuestsLikeRequest(guestName: "a", k: 1))))
        #expect(PodsimRequest.decode(Frame.raw(.search, bodyHex: "00000001 61 03e8 00")) ==
                .success(.search(SearchRequest(text: "a", k: 1000))))
        let limits = ProtocolLimits(maxK: 5)
        #expect(Self.failure(Frame.raw(.search, bodyHex: "00000001 61 0006 00"), limits: limits) == "SEARCH: k must be 1…5, got 6")
    }

    @Test("unknown flag bits are status 1; SEARCH's reserved bit 0 is accepted")
    func flags() {
        #expect(Self.failure(Frame.raw(.similar, bodyHex: "00000001 61 000a 06")) == "SIMILAR: unknown flag bits 0x06 in flags 0x06")
        #expect(Self.failure(Frame.raw(.search, bodyHex: "00000001 61 000a 81")) == "SEARCH: unknown flag bits 0x80 in flags 0x81")
        #expect(PodsimRequest.decode(Frame.raw(.search, bodyHex: "00000001 61 000a 01")) ==
                .success(.search(SearchRequest(text: "a", k: 10, flags: .excludeSameShow))))
    }

    @Test("a string over the max text length is status 1 before its bytes are read")
    func textTooLong() {
        let text = String(repeating: "a", count: 70_000)
        let frame = PodsimRequest.search(SearchRequest(text: text, k: 10)).frame(requestID: 1)
        #expect(Self.failure(frame) == "SEARCH: text is 70000 bytes; the limit is 65536 (max text length) (at byte 0 of the body)")
        // Only the announced count is needed to refuse: the bytes themselves need not be there.
        #expect(Self.failure(Frame.raw(.episode, bodyHex: "00010001")).contains("is 65537 bytes; the limit is 65536"))
        let exact = String(repeating: "b", count: 65_536)
        #expect(PodsimRequest.decode(PodsimRequest.episode(id: exact).frame(requestID: 1)) == .success(.episode(id: exact)))
    }

    @Test("ADD's jsonl is bounded by the frame, not the text limit")
    func addAllowsLongJSONLines() {
        let jsonl = String(repeating: "{\"id\":\"x\"}\n", count: 10_000)
        #expect(PodsimRequest.decode(PodsimRequest.add(jsonl: jsonl).frame(requestID: 1)) == .success(.add(jsonl: jsonl)))
    }

    @Test("UPSERT's jsonl is bounded by the frame like ADD's; DELETE's ids by the text limit")
    func upsertAndDeleteLimits() {
        let jsonl = String(repeating: "{\"id\":\"x\"}\n", count: 10_000)
        #expect(PodsimRequest.decode(PodsimRequest.upsert(jsonl: jsonl).frame(requestID: 1)) == .success(.upsert(jsonl: jsonl)))
        #expect(PodsimRequest.decode(PodsimRequest.delete(episodeIDs: []).frame(requestID: 1)) == .success(.delete(episodeIDs: [])))
        let long = String(repeating: "a", count: 65_537)
        #expect(Self.failure(PodsimRequest.delete(episodeIDs: ["ok", long]).frame(requestID: 1))
            == "DELETE: episode_id is 65537 bytes; the limit is 65536 (max text length) (at byte 10 of the body)")
        // A count of ids the body cannot hold is refused before anything is reserved.
        #expect(Self.failure(Frame.raw(.delete, bodyHex: "ffffffff")).contains("announces 4294967295 elements"))
    }

    @Test("a string count larger than the bytes left is status 1, nothing allocated",
          arguments: ["ffffffff", "7fffffff 61", "00000005 61 62"])
    func stringCountBeyondBody(bodyHex: String) {
        let message = Self.failure(Frame.raw(.auth, bodyHex: bodyHex), limits: ProtocolLimits(maxTextBytes: Int(UInt32.max)))
        #expect(message.hasPrefix("AUTH: token announces"), "\(message)")
    }
}
