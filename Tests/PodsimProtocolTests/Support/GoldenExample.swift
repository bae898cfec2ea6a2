import NIOCore
import PodsimProtocol
import Testing

/// One message with its exact bytes on the wire (length field included). The same names tag
/// the hex examples in docs/PROTOCOL.md, which `DocExamplesTests` checks against these.
///
/// The hex was worked out field by field from the layout in the contract, independently of this
/// codec; the tests check the codec against it in both directions.
struct GoldenExample: Sendable, CustomTestStringConvertible {
    enum Message: Sendable {
        case request(PodsimRequest)
        case response(PodsimResponse)
    }

    let name: String
    let message: Message
    let opcode: Opcode
    let requestID: UInt32
    let hex: String

    var testDescription: String { name }

    /// The frame the codec builds for this message.
    var frame: Frame {
        switch message {
        case .request(let request): request.frame(requestID: requestID)
        case .response(let response): response.frame(opcode: opcode, requestID: requestID)
        }
    }

    /// The golden bytes.
    var bytes: ByteBuffer { ByteBuffer.fromHex(hex)! }

    init(_ name: String, _ spec: Spec, hex: String) {
        self.name = name
        self.message = spec.message
        self.opcode = spec.opcode
        self.requestID = spec.requestID
        self.hex = hex
    }

    /// The message and frame header of an example, written `.request(…)`, `.response(…)`, `.failure(…)`.
    struct Spec {
        let message: Message
        let opcode: Opcode
        let requestID: UInt32

        static func request(_ request: PodsimRequest, id: UInt32) -> Spec {
            Spec(message: .request(request), opcode: request.opcode, requestID: id)
        }

        static func response(_ response: PodsimResponse, _ opcode: Opcode, id: UInt32) -> Spec {
            Spec(message: .response(response), opcode: opcode, requestID: id)
        }

        static func failure(_ status: Status, _ message: String, _ opcode: Opcode, id: UInt32) -> Spec {
            Spec(message: .response(.failure(ErrorResponse(status: status, message: message))), opcode: opcode, requestID: id)
        }
    }
}

extension GoldenExample {
    /// Every request and response the codec knows, and one answer for each non-zero status.
    static let all: [GoldenExample] = [
        GoldenExample(
            "PING request",
            .request(.ping, id: 7),
            hex: "000000080101000000000007"),
        GoldenExample(
            "PING response",
            .response(.pong, .ping, id: 7),
            hex: "000000080101000000000007"),
        GoldenExample(
            "INFO request",
            .request(.info, id: 1),
            hex: "000000080102000000000001"),
        GoldenExample(
            "INFO response",
            .response(.info(ServerInfo(serverVersion: "podsim 0.1", modelID: "m1", episodes: 1200, guests: 300, terms: 50000, dimensions: 128)), .info, id: 1),
            hex: "0000002a01020000000000010000000a706f6473696d20302e31000000026d31" +
            "000004b00000012c0000c3500080"),
        GoldenExample(
            "SIMILAR request",
            .request(.similar(SimilarRequest(episodeID: "ep-1", k: 10, flags: .excludeSameShow)), id: 2),
            hex: "0000001301100000000000020000000465702d31000a01"),
        GoldenExample(
            "SIMILAR request with options",
            .request(.similar(SimilarRequest(
            episodeID: "ep-1", k: 5,
            options: QueryOptions(
                shows: ["Acquired"], publishedFrom: PublishedDate("2024-01-01"),
                publishedTo: PublishedDate("2024-12-31"), diversity: 0.5))), id: 3),
            hex: "0000005701100000000000030000000465702d31000500010000001000000001" +
            "000000084163717569726564020000000e0000000a323032342d30312d303103" +
            "0000000e0000000a323032342d31322d333104000000043f000000"),
        GoldenExample(
            "SIMILAR response",
            .response(.similar([EpisodeHit(id: "ep-2", score: 0.75, show: "Show", title: "Two")]), .similar, id: 2),
            hex: "000000270110000000000002000000010000000465702d323f40000000000004" +
            "53686f770000000354776f"),
        GoldenExample(
            "SEARCH request",
            .request(.search(SearchRequest(text: "rust async", k: 20)), id: 4),
            hex: "0000001901110000000000040000000a72757374206173796e63001400"),
        GoldenExample(
            "SEARCH request with options",
            .request(.search(SearchRequest(text: "ai", k: 3, options: QueryOptions(publishedFrom: PublishedDate("2025-01-01")))), id: 5),
            hex: "000000240111000000000005000000026169000300020000000e0000000a3230" +
            "32352d30312d3031"),
        GoldenExample(
            "SEARCH response",
            .response(.search([
            EpisodeHit(id: "ep-1", score: 0.5, show: "S", title: "A"),
            EpisodeHit(id: "ep-3", score: 0.25, show: "S", title: "B"),
        ]), .search, id: 4),
            hex: "000000380111000000000004000000020000000465702d313f00000000000001" +
            "5300000001410000000465702d333e80000000000001530000000142"),
        GoldenExample(
            "GUESTS request",
            .request(.guests(GuestsRequest(topic: "climate", k: 5)), id: 6),
            hex: "00000015011200000000000600000007636c696d6174650005"),
        GoldenExample(
            "GUESTS request with options",
            .request(.guests(GuestsRequest(
            topic: "dns", k: 3, options: GuestsOptions(notOnShows: ["Ship It"], excludeGuests: ["Dr. Ada"]))), id: 11),
            hex: "00000039011200000000000b00000003646e730003100000000f000000010000" +
            "000753686970204974110000000f000000010000000744722e20416461"),
        GoldenExample(
            "GUESTS response",
            .response(.guests([GuestHit(name: "Ada", score: 0.5, episodeIDs: ["ep-1", "ep-2"])]), .guests, id: 6),
            hex: "0000002b011200000000000600000001000000034164613f0000000000000200" +
            "00000465702d310000000465702d32"),
        GoldenExample(
            "EPISODE request",
            .request(.episode(id: "ep-1"), id: 8),
            hex: "0000001001130000000000080000000465702d31"),
        GoldenExample(
            "EPISODE response",
            .response(.episode(EpisodeDetails(
            id: "ep-1", show: "Show", title: "One", published: "2025-07-30", guests: ["Ada"],
            description: "Hi.")), .episode, id: 8),
            hex: "0000003f01130000000000080000000465702d310000000453686f7700000003" +
            "4f6e650000000a323032352d30372d3330000000010000000341646100000003" +
            "48692e"),
        GoldenExample(
            "EXPLAIN request",
            .request(.explain(ExplainRequest(episodeA: "ep-1", episodeB: "ep-2", k: 3)), id: 9),
            hex: "0000001a01140000000000090000000465702d310000000465702d320003"),
        GoldenExample(
            "EXPLAIN response",
            .response(.explain([
            TermContribution(term: "rust", contribution: 0.5),
            TermContribution(term: "async", contribution: 0.125),
        ]), .explain, id: 9),
            hex: "0000002501140000000000090000000200000004727573743f00000000000005" +
            "6173796e633e000000"),
        GoldenExample(
            "GUESTS_LIKE request",
            .request(.guestsLike(GuestsLikeRequest(guestName: "Ada", k: 4)), id: 10),
            hex: "00000011011500000000000a000000034164610004"),
        GoldenExample(
            "GUESTS_LIKE response",
            .response(.guestsLike([GuestHit(name: "Bob", score: 0.75, episodeIDs: ["ep-5"])]), .guestsLike, id: 10),
            hex: "00000023011500000000000a0000000100000003426f623f4000000000000100" +
            "00000465702d35"),
        GoldenExample(
            "RELOAD request",
            .request(.reload, id: 11),
            hex: "00000008013000000000000b"),
        GoldenExample(
            "RELOAD response",
            .response(.reloaded(ReloadResult(modelID: "m2", episodes: 1250)), .reload, id: 11),
            hex: "00000012013000000000000b000000026d32000004e2"),
        GoldenExample(
            "STATS request",
            .request(.stats, id: 12),
            hex: "00000008013100000000000c"),
        GoldenExample(
            "STATS response",
            .response(.stats(ServerStats(
            uptimeMilliseconds: 60000, modelID: "m1", openConnections: 2, connectionsAccepted: 10,
            requests: [OpcodeCount(opcode: .ping, count: 5), OpcodeCount(opcode: .similar, count: 3)],
            answers: [StatusCount(status: .ok, count: 7), StatusCount(status: .notFound, count: 1)],
            latency: LatencySummary(
                count: 8, p50Microseconds: 120, p90Microseconds: 450, p99Microseconds: 900,
                p999Microseconds: 950, maxMicroseconds: 1000))), .stats, id: 12),
            hex: "00000080013100000000000c000000000000ea60000000026d31000000020000" +
            "00000000000a0000000201000000000000000510000000000000000300000002" +
            "0000000000000000000700020000000000000001000000000000000800000000" +
            "0000007800000000000001c2000000000000038400000000000003b600000000" +
            "000003e8"),
        GoldenExample(
            "AUTH request",
            .request(.auth(token: "s3cret"), id: 13),
            hex: "00000012013200000000000d00000006733363726574"),
        GoldenExample(
            "AUTH response",
            .response(.authenticated, .auth, id: 13),
            hex: "00000008013200000000000d"),
        GoldenExample(
            "ADD request",
            .request(.add(jsonl: "{\"id\":\"x\"}\n"), id: 14),
            hex: "00000017013300000000000e0000000b7b226964223a2278227d0a"),
        GoldenExample(
            "ADD response",
            .response(.added(AddResult(added: 1, episodesTotal: 1251, unknownTermShare: 0.25, refitDue: false)), .add, id: 14),
            hex: "00000015013300000000000e00000001000004e33e80000000"),
        GoldenExample(
            "SIMILAR request with ranking options",
            .request(.similar(SimilarRequest(
            episodeID: "ep-1", k: 10,
            options: QueryOptions(
                excludeIDs: ["ep-2"], offset: 10, minScore: 0.25, maxPerShow: 2,
                recency: RecencyOption(halfLifeDays: 30, weight: 0.5)))), id: 22),
            hex: "0000004a01100000000000160000000465702d31000a00050000000c00000001" +
            "0000000465702d3206000000040000000a07000000043e800000080000000200" +
            "02090000000841f000003f000000"),
        GoldenExample(
            "RECOMMEND request",
            .request(.recommend(RecommendRequest(
            likeIDs: ["ep-1", "ep-2"], unlikeIDs: ["ep-3"], text: "rust", k: 5, flags: .excludeSameShow)), id: 23),
            hex: "000000330116000000000017000000020000000465702d310000000465702d32" +
            "000000010000000465702d330000000472757374000501"),
        GoldenExample(
            "RECOMMEND response",
            .response(.recommend([EpisodeHit(id: "ep-4", score: 0.5, show: "Show", title: "Four")]), .recommend, id: 23),
            hex: "000000280116000000000017000000010000000465702d343f00000000000004" +
            "53686f7700000004466f7572"),
        GoldenExample(
            "SIMILAR_SHOWS request",
            .request(.similarShows(SimilarShowsRequest(show: "Show", k: 3)), id: 24),
            hex: "0000001201170000000000180000000453686f770003"),
        GoldenExample(
            "SIMILAR_SHOWS response",
            .response(.similarShows([ShowHit(show: "Other", score: 0.75, episodes: 12, episodeIDs: ["ep-7", "ep-9"])]),
                      .similarShows, id: 24),
            hex: "00000031011700000000001800000001000000054f746865723f400000000000" +
            "0c000000020000000465702d370000000465702d39"),
        GoldenExample(
            "GUEST request",
            .request(.guest(name: "Dr. Ada Lovelace"), id: 25),
            hex: "0000001c01180000000000190000001044722e20416461204c6f76656c616365"),
        GoldenExample(
            "GUEST response",
            .response(.guest(GuestDetails(
            name: "Ada Lovelace", shows: ["Show"], episodeIDs: ["ep-2", "ep-1"], topTerms: ["rust", "async"])),
                      .guest, id: 25),
            hex: "0000004d01180000000000190000000c416461204c6f76656c61636500000001" +
            "0000000453686f77000000020000000465702d320000000465702d3100000002" +
            "0000000472757374000000056173796e63"),
        GoldenExample(
            "DELETE request",
            .request(.delete(episodeIDs: ["ep-9", "x"]), id: 22),
            hex: "0000001901340000000000160000000200000004" + "65702d39" + "0000000178"),
        GoldenExample(
            "DELETE response",
            .response(.deleted(DeleteResult(deleted: 1, episodesTotal: 1250)), .delete, id: 22),
            hex: "000000100134000000000016" + "00000001" + "000004e2"),
        GoldenExample(
            "UPSERT request",
            .request(.upsert(jsonl: "{\"id\":\"x\"}\n"), id: 23),
            hex: "0000001701350000000000170000000b7b226964223a2278227d0a"),
        GoldenExample(
            "UPSERT response",
            .response(.upserted(AddResult(added: 1, episodesTotal: 1251, unknownTermShare: 0.25, refitDue: false)), .upsert, id: 23),
            hex: "00000015013500000000001700000001000004e33e80000000"),
        GoldenExample(
            "BAD_REQUEST response",
            .failure(.badRequest, "k must be 1…1000, got 0", .similar, id: 19),
            hex: "000000250110000100000013000000196b206d7573742062652031e280a63130" +
            "30302c20676f742030"),
        GoldenExample(
            "NOT_FOUND response",
            .failure(.notFound, "no episode ep-9", .episode, id: 8),
            hex: "0000001b01130002000000080000000f6e6f20657069736f64652065702d39"),
        GoldenExample(
            "UNKNOWN_OPCODE response",
            .failure(.unknownOpcode, "opcode 0x7F is unknown", Opcode(rawValue: 0x7F), id: 15),
            hex: "00000022017f00030000000f000000166f70636f646520307837462069732075" +
            "6e6b6e6f776e"),
        GoldenExample(
            "UNSUPPORTED_VERSION response",
            .failure(.unsupportedVersion, "version 2", .ping, id: 16),
            hex: "0000001501010004000000100000000976657273696f6e2032"),
        GoldenExample(
            "FRAME_TOO_LARGE response",
            .failure(.frameTooLarge, "too large", Opcode(rawValue: 0), id: 0),
            hex: "00000015010000050000000000000009746f6f206c61726765"),
        GoldenExample(
            "BUSY response",
            .failure(.busy, "queue full", .search, id: 20),
            hex: "0000001601110006000000140000000a71756575652066756c6c"),
        GoldenExample(
            "UNAUTHORIZED response",
            .failure(.unauthorized, "AUTH first", .search, id: 17),
            hex: "0000001601110007000000110000000a41555448206669727374"),
        GoldenExample(
            "INTERNAL response",
            .failure(.internal, "index fault", .search, id: 21),
            hex: "0000001701110008000000150000000b696e646578206661756c74"),
        GoldenExample(
            "MODEL_REJECTED response",
            .failure(.modelRejected, "bad magic", .reload, id: 18),
            hex: "00000015013000090000001200000009626164206d61676963"),
    ]
}
