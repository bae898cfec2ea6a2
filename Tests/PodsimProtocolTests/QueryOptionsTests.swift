import NIOCore
import PodsimProtocol
import Testing

/// The TLV options after SIMILAR's and SEARCH's flags: each kind of bad option is status 1.
@Suite("Query options (TLV)")
struct QueryOptionsTests {
    /// A SIMILAR body for episode "a", k 10, flags 0, then `optionsHex`.
    static func similar(_ optionsHex: String) -> Frame {
        Frame.raw(.similar, bodyHex: "00000001 61 000a 00 " + optionsHex)
    }

    static func decoded(_ optionsHex: String) -> QueryOptions? {
        guard case .success(.similar(let request)) = PodsimRequest.decode(similar(optionsHex)) else { return nil }
        return request.options
    }

    @Test("options decode in any order and re-encode in tag order")
    func anyOrder() {
        let options = Self.decoded("04 00000004 3e800000  02 0000000e 0000000a 323032352d30322d3238")
        #expect(options == QueryOptions(publishedFrom: PublishedDate("2025-02-28"), diversity: 0.25))
        let request = PodsimRequest.similar(SimilarRequest(episodeID: "a", k: 10, options: options!))
        #expect(request.frame(requestID: 1).body.hex == "0000000161000a00" + "020000000e0000000a323032352d30322d3238" + "04000000043e800000")
    }

    @Test("a core request (no options) has no bytes after flags")
    func coreLayoutUnchanged() {
        let frame = PodsimRequest.search(SearchRequest(text: "a", k: 10)).frame(requestID: 1)
        #expect(frame.body.hex == "0000000161000a00")
    }

    @Test("an unknown tag is status 1", arguments: ["00", "0a", "7f"])
    func unknownTag(tag: String) {
        let message = RequestDecodingTests.failure(Self.similar("\(tag) 00000000"))
        #expect(message == "SIMILAR: option tag 0x\(tag.uppercased()) is not a known option (0x01…0x09) (at byte 8 of the body)")
    }

    @Test("a repeated tag is status 1")
    func duplicateTag() {
        let message = RequestDecodingTests.failure(Self.similar("04 00000004 3f000000 04 00000004 3f000000"))
        #expect(message == "SIMILAR: option tag 0x04 (diversity) appears twice (at byte 17 of the body)")
    }

    @Test("a length that the value does not fill exactly, or that runs past the body, is status 1",
          arguments: [
              ("04 00000003 3f0000", "SIMILAR option diversity: body ends inside diversity at byte 13 (needs 4 bytes, 3 left)"),
              ("04 00000005 3f00000000", "SIMILAR option diversity: 1 bytes left over after the last field (at byte 17 of the body)"),
              ("04 00000008 3f000000", "SIMILAR: option diversity announces 8 bytes but only 4 are left (at byte 9 of the body)"),
              ("04 0000", "SIMILAR: body ends inside option diversity length at byte 9 (needs 4 bytes, 2 left)"),
          ])
    func badLength(optionsHex: String, expected: String) {
        #expect(RequestDecodingTests.failure(Self.similar(optionsHex)) == expected)
    }

    @Test("diversity λ outside [0, 1] (or NaN) is status 1; 0 and 1 are accepted",
          arguments: ["3fc00000", "bdcccccd", "7fc00000", "7f800000"])
    func diversityOutOfRange(bitsHex: String) {
        let message = RequestDecodingTests.failure(Self.similar("04 00000004 \(bitsHex)"))
        #expect(message.hasPrefix("SIMILAR option diversity: diversity must be in [0, 1], got "), "\(message)")
    }

    @Test("diversity 0 and 1 are accepted")
    func diversityBounds() {
        #expect(Self.decoded("04 00000004 00000000")?.diversity == 0)
        #expect(Self.decoded("04 00000004 3f800000")?.diversity == 1)
    }

    @Test("a date that is not yyyy-mm-dd, or not a real day, is status 1",
          arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "2024-1-01x", "yesterday!", "2024/01/01", "0000-00-00"])
    func badDate(text: String) {
        var option = ByteBuffer()
        option.writeInteger(UInt8(0x02))
        option.writeInteger(UInt32(4 + text.utf8.count))
        option.writeInteger(UInt32(text.utf8.count))
        option.writeString(text)
        let message = RequestDecodingTests.failure(Self.similar(option.hex))
        #expect(message == "SIMILAR option published_from: published_from \"\(text)\" is not a date of the form yyyy-mm-dd")
    }

    @Test("a date string longer than 10 bytes is refused before it is read")
    func longDate() {
        let message = RequestDecodingTests.failure(Self.similar("03 00000010 0000000c 323032342d30312d30315a5a"))
        #expect(message == "SIMILAR option published_to: published_to is 12 bytes; the limit is 10 (a date is yyyy-mm-dd) (at byte 13 of the body)")
    }

    @Test("leap days are real days")
    func leapDay() {
        #expect(PublishedDate("2024-02-29") != nil && PublishedDate("2000-02-29") != nil)
        #expect(PublishedDate("1900-02-29") == nil)
    }

    @Test("published_from after published_to is status 1")
    func invertedRange() {
        let message = RequestDecodingTests.failure(Self.similar(
            "02 0000000e 0000000a 323032352d30322d3031  03 0000000e 0000000a 323032352d30312d3031"))
        #expect(message == "SIMILAR: published_from 2025-02-01 is after published_to 2025-01-01")
    }

    @Test("an empty shows list is status 1; a shows count beyond the value is status 1")
    func badShows() {
        #expect(RequestDecodingTests.failure(Self.similar("01 00000004 00000000"))
                == "SIMILAR option shows: shows lists no show; leave the option out instead")
        #expect(RequestDecodingTests.failure(Self.similar("01 00000008 ffffffff 00000000"))
                == "SIMILAR option shows: shows announces 4294967295 elements of at least 4 bytes but only 4 bytes are left (at byte 13 of the body)")
    }

    @Test("options on SEARCH follow the same rules")
    func searchOptions() {
        let frame = Frame.raw(.search, bodyHex: "00000001 61 000a 00 04 00000004 40000000")
        #expect(RequestDecodingTests.failure(frame) == "SEARCH option diversity: diversity must be in [0, 1], got 2.0")
    }
}
