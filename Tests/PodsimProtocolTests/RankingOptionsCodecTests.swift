import NIOCore
import PodsimProtocol
import Testing

/// Protocol v1.1 options 0x05–0x09 and RECOMMEND's body: each malformed value is status 1 with
/// a message naming the option (wrong length, out of range, NaN, twice).
@Suite("Query options v1.1 (exclude_ids, offset, min_score, max_per_show, recency)")
struct RankingOptionsCodecTests {
    static func decoded(_ optionsHex: String) -> QueryOptions? {
        QueryOptionsTests.decoded(optionsHex)
    }

    static func failure(_ optionsHex: String) -> String {
        RequestDecodingTests.failure(QueryOptionsTests.similar(optionsHex))
    }

    @Test("every v1.1 option decodes, and re-encodes to the same bytes")
    func roundTrip() throws {
        let hex = "05 0000000c 00000001 0000000465702d32  06 00000004 0000000a  07 00000004 3e800000" +
            "  08 00000002 0002  09 00000008 41f00000 3f000000"
        let options = try #require(Self.decoded(hex))
        #expect(options == QueryOptions(
            excludeIDs: ["ep-2"], offset: 10, minScore: 0.25, maxPerShow: 2,
            recency: RecencyOption(halfLifeDays: 30, weight: 0.5)))
        let frame = PodsimRequest.similar(SimilarRequest(episodeID: "a", k: 10, options: options)).frame(requestID: 1)
        #expect(frame.body.hex == "0000000161000a00" + ByteBuffer.fromHex(hex)!.hex)
    }

    @Test("the limits themselves are accepted: offset 10000, min_score ±1, max_per_show 1, weight 0 and 1")
    func boundaries() {
        #expect(Self.decoded("06 00000004 00002710")?.offset == 10_000)
        #expect(Self.decoded("07 00000004 bf800000")?.minScore == -1)
        #expect(Self.decoded("07 00000004 3f800000")?.minScore == 1)
        #expect(Self.decoded("08 00000002 0001")?.maxPerShow == 1)
        #expect(Self.decoded("09 00000008 3f800000 00000000")?.recency == RecencyOption(halfLifeDays: 1, weight: 0))
        #expect(Self.decoded("09 00000008 3f800000 3f800000")?.recency == RecencyOption(halfLifeDays: 1, weight: 1))
    }

    @Test("a value of the wrong length is status 1 naming the option",
          arguments: [
              ("06 00000003 000001", "offset"), ("06 00000005 0000000100", "offset"),
              ("07 00000002 3e80", "min_score"), ("07 00000008 3e8000003e800000", "min_score"),
              ("08 00000001 01", "max_per_show"), ("08 00000004 00000001", "max_per_show"),
              ("09 00000004 41f00000", "recency"), ("09 0000000c 41f00000 3f000000 00000000", "recency"),
              ("05 0000000d 00000001 0000000465702d32 00", "exclude_ids"),
              ("05 00000008 00000001 00000009", "exclude_ids"),
          ])
    func wrongLength(optionsHex: String, option: String) {
        let message = Self.failure(optionsHex)
        #expect(message.contains("option \(option)"), "\(message)")
    }

    @Test("a value out of range is status 1 naming the option",
          arguments: [
              ("06 00000004 00002711", "SIMILAR option offset: offset must be at most 10000, got 10001"),
              ("07 00000004 3fc00000", "SIMILAR option min_score: min_score must be in [-1, 1], got 1.5"),
              ("07 00000004 c0000000", "SIMILAR option min_score: min_score must be in [-1, 1], got -2.0"),
              ("08 00000002 0000", "SIMILAR option max_per_show: max_per_show must be at least 1, got 0"),
              ("09 00000008 00000000 3f000000", "SIMILAR option recency: recency half_life_days must be a finite number of days above 0, got 0.0"),
              ("09 00000008 c1200000 3f000000", "SIMILAR option recency: recency half_life_days must be a finite number of days above 0, got -10.0"),
              ("09 00000008 7f800000 3f000000", "SIMILAR option recency: recency half_life_days must be a finite number of days above 0, got inf"),
              ("09 00000008 41f00000 3fc00000", "SIMILAR option recency: recency weight must be in [0, 1], got 1.5"),
              ("09 00000008 41f00000 bf800000", "SIMILAR option recency: recency weight must be in [0, 1], got -1.0"),
              ("05 00000004 00000000", "SIMILAR option exclude_ids: exclude_ids lists no id; leave the option out instead"),
          ])
    func outOfRange(optionsHex: String, expected: String) {
        #expect(Self.failure(optionsHex) == expected)
    }

    @Test("NaN is status 1 naming the option", arguments: [
        ("07 00000004 7fc00000", "min_score"), ("09 00000008 7fc00000 3f000000", "recency"),
        ("09 00000008 41f00000 7fc00000", "recency"),
    ])
    func notANumber(optionsHex: String, option: String) {
        let message = Self.failure(optionsHex)
        #expect(message.hasPrefix("SIMILAR option \(option): ") && message.contains("nan"), "\(message)")
    }

    @Test("an option twice is status 1 naming it", arguments: [
        ("06 00000004 00000001 06 00000004 00000002", "offset"),
        ("07 00000004 3e800000 07 00000004 3e800000", "min_score"),
        ("08 00000002 0001 08 00000002 0001", "max_per_show"),
        ("09 00000008 41f00000 3f000000 09 00000008 41f00000 3f000000", "recency"),
        ("05 0000000c 00000001 0000000465702d32 05 0000000c 00000001 0000000465702d32", "exclude_ids"),
    ])
    func twice(optionsHex: String, option: String) {
        let message = Self.failure(optionsHex)
        #expect(message.contains("(\(option)) appears twice"), "\(message)")
    }

    @Test("SEARCH takes the same options")
    func searchOptions() {
        let frame = Frame.raw(.search, bodyHex: "00000001 61 000a 00 06 00000004 00000005")
        guard case .success(.search(let request)) = PodsimRequest.decode(frame) else {
            Issue.record("SEARCH with offset did not decode")
            return
        }
        #expect(request.options.offset == 5)
    }
}
