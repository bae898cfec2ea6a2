import NIOCore
import PodsimProtocol
import Testing

/// The TLV options after GUESTS' (and GUESTS_LIKE's) `k`: each malformed option is status 1
/// naming it.
@Suite("GUESTS options (TLV)")
struct GuestsOptionsTests {
    /// A GUESTS body for topic "a", k 10, then `optionsHex`.
    static func guests(_ optionsHex: String) -> Frame {
        Frame.raw(.guests, bodyHex: "00000001 61 000a " + optionsHex)
    }

    static func decoded(_ optionsHex: String) -> GuestsOptions? {
        guard case .success(.guests(let request)) = PodsimRequest.decode(guests(optionsHex)) else { return nil }
        return request.options
    }

    /// `list<str>` as hex: count, then each string.
    static func strings(_ values: [String]) -> String {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(values.count))
        for value in values {
            buffer.writeInteger(UInt32(value.utf8.count))
            buffer.writeString(value)
        }
        return buffer.hex
    }

    /// One option entry as hex.
    static func option(_ tag: UInt8, _ valueHex: String) -> String {
        let value = ByteBuffer.fromHex(valueHex)!
        var buffer = ByteBuffer()
        buffer.writeInteger(tag)
        buffer.writeInteger(UInt32(value.readableBytes))
        return buffer.hex + valueHex
    }

    @Test("every option decodes, in any order, and re-encodes in tag order")
    func roundTrip() {
        let options = Self.decoded(
            Self.option(0x11, Self.strings(["Dr. Ada"])) + Self.option(0x10, Self.strings(["Show A", "Show B"]))
                + Self.option(0x03, "0000000a 323032352d31322d3331".replacingOccurrences(of: " ", with: ""))
                + Self.option(0x01, Self.strings(["Show C"])) + Self.option(0x02, "0000000a323032342d30312d3031"))
        let expected = GuestsOptions(
            shows: ["Show C"], publishedFrom: PublishedDate("2024-01-01"), publishedTo: PublishedDate("2025-12-31"),
            notOnShows: ["Show A", "Show B"], excludeGuests: ["Dr. Ada"])
        #expect(options == expected)
        let body = PodsimRequest.guests(GuestsRequest(topic: "a", k: 10, options: expected)).frame(requestID: 1).body.hex
        #expect(body == "0000000161000a"
            + Self.option(0x01, Self.strings(["Show C"])) + Self.option(0x02, "0000000a323032342d30312d3031")
            + Self.option(0x03, "0000000a323032352d31322d3331") + Self.option(0x10, Self.strings(["Show A", "Show B"]))
            + Self.option(0x11, Self.strings(["Dr. Ada"])))
    }

    @Test("a v1 request (no options) has no bytes after k")
    func coreLayoutUnchanged() {
        #expect(PodsimRequest.guests(GuestsRequest(topic: "a", k: 10)).frame(requestID: 1).body.hex == "0000000161000a")
        #expect(PodsimRequest.guestsLike(GuestsLikeRequest(guestName: "a", k: 10)).frame(requestID: 1).body.hex == "0000000161000a")
    }

    @Test("an unknown tag is status 1, diversity included (it ranks episodes, not guests)", arguments: ["00", "04", "05", "12", "7f"])
    func unknownTag(tag: String) {
        let message = RequestDecodingTests.failure(Self.guests("\(tag) 00000000"))
        #expect(message == "GUESTS: option tag 0x\(tag.uppercased()) is not a known option (0x01…0x03, 0x10, 0x11) (at byte 7 of the body)")
    }

    @Test("a repeated option is status 1 naming it", arguments: [
        (UInt8(0x10), "not_on_shows"), (UInt8(0x11), "exclude_guests"), (UInt8(0x01), "shows"),
    ])
    func twice(tag: UInt8, name: String) {
        let entry = Self.option(tag, Self.strings(["x"]))
        let message = RequestDecodingTests.failure(Self.guests(entry + entry))
        #expect(message == "GUESTS: option tag \(String(format: "0x%02X", tag)) (\(name)) appears twice (at byte 21 of the body)")
    }

    @Test("an empty list is status 1 naming the option", arguments: [
        (UInt8(0x10), "GUESTS option not_on_shows: not_on_shows lists no show; leave the option out instead"),
        (UInt8(0x11), "GUESTS option exclude_guests: exclude_guests lists no guest; leave the option out instead"),
        (UInt8(0x01), "GUESTS option shows: shows lists no show; leave the option out instead"),
    ])
    func emptyList(tag: UInt8, expected: String) {
        #expect(RequestDecodingTests.failure(Self.guests(Self.option(tag, "00000000"))) == expected)
    }

    @Test("a length the value does not fill exactly, or that runs past the body, is status 1", arguments: [
        ("10 0000000a 00000001 00000001 61 00", "GUESTS option not_on_shows: 1 bytes left over after the last field (at byte 21 of the body)"),
        ("11 00000008 00000001 00000001", "GUESTS option exclude_guests: guest announces 1 bytes but only 0 are left (at byte 16 of the body)"),
        ("10 00000010 00000001", "GUESTS: option not_on_shows announces 16 bytes but only 4 are left (at byte 8 of the body)"),
        ("11 0000", "GUESTS: body ends inside option exclude_guests length at byte 8 (needs 4 bytes, 2 left)"),
        ("10 00000008 ffffffff 00000000", "GUESTS option not_on_shows: not_on_shows announces 4294967295 elements of at least 4 bytes but only 4 bytes are left (at byte 12 of the body)"),
    ])
    func badLength(optionsHex: String, expected: String) {
        #expect(RequestDecodingTests.failure(Self.guests(optionsHex)) == expected)
    }

    @Test("a name longer than max text length is status 1")
    func longName() {
        let limits = ProtocolLimits(maxTextBytes: 4)
        let message = RequestDecodingTests.failure(Self.guests(Self.option(0x11, Self.strings(["Alexandra"]))), limits: limits)
        #expect(message == "GUESTS option exclude_guests: guest is 9 bytes; the limit is 4 (max text length) (at byte 16 of the body)")
    }

    @Test("bad dates and dates in the wrong order are status 1 naming the option")
    func badDates() {
        #expect(RequestDecodingTests.failure(Self.guests(Self.option(0x02, "0000000a323032342d30322d3330")))
                == "GUESTS option published_from: published_from \"2024-02-30\" is not a date of the form yyyy-mm-dd")
        #expect(RequestDecodingTests.failure(Self.guests(
            Self.option(0x02, "0000000a323032352d30322d3031") + Self.option(0x03, "0000000a323032352d30312d3031")))
                == "GUESTS: published_from 2025-02-01 is after published_to 2025-01-01")
    }

    @Test("GUESTS_LIKE takes the same options under its own name")
    func guestsLike() {
        let frame = Frame.raw(.guestsLike, bodyHex: "00000001 61 000a " + Self.option(0x10, "00000000"))
        #expect(RequestDecodingTests.failure(frame) == "GUESTS_LIKE option not_on_shows: not_on_shows lists no show; leave the option out instead")
        let good = Frame.raw(.guestsLike, bodyHex: "00000001 61 000a " + Self.option(0x11, Self.strings(["Bo"])))
        guard case .success(.guestsLike(let request)) = PodsimRequest.decode(good) else {
            Issue.record("GUESTS_LIKE with exclude_guests did not decode")
            return
        }
        #expect(request.options == GuestsOptions(excludeGuests: ["Bo"]))
    }
}
