import NIOCore
import PodsimProtocol
import Testing

/// RECOMMEND (0x16), SIMILAR_SHOWS (0x17) and GUEST (0x18) bodies: round trips and each bad body.
@Suite("RECOMMEND, SIMILAR_SHOWS and GUEST bodies")
struct RecommendCodecTests {
    /// RECOMMEND with `likes` and `unlikes` ids named "a", "b"…, text, k 10, then `tailHex`.
    static func recommend(likes: Int, unlikes: Int = 0, text: String = "", tailHex: String = "00") -> Frame {
        var body = ByteBuffer()
        for count in [likes, unlikes] {
            body.writeInteger(UInt32(count))
            for n in 0..<count {
                let id = "e\(n)"
                body.writeInteger(UInt32(id.utf8.count))
                body.writeString(id)
            }
        }
        body.writeInteger(UInt32(text.utf8.count))
        body.writeString(text)
        body.writeInteger(UInt16(10))
        var tail = ByteBuffer.fromHex(tailHex)!
        body.writeBuffer(&tail)
        return Frame(opcode: .recommend, requestID: 1, body: body)
    }

    @Test("RECOMMEND round-trips with options")
    func roundTrip() {
        let request = RecommendRequest(
            likeIDs: ["a"], unlikeIDs: ["b"], text: "rust", k: 3, flags: .excludeSameShow,
            options: QueryOptions(offset: 3, maxPerShow: 1))
        let frame = PodsimRequest.recommend(request).frame(requestID: 9)
        #expect(PodsimRequest.decode(frame) == .success(.recommend(request)))
    }

    @Test("RECOMMEND with text only, or with liked ids only, is accepted")
    func eitherPart() {
        #expect((try? PodsimRequest.decode(Self.recommend(likes: 0, text: "rust")).get()) != nil)
        #expect((try? PodsimRequest.decode(Self.recommend(likes: 1)).get()) != nil)
    }

    @Test("RECOMMEND without a liked id or text is status 1")
    func nothingToGoOn() {
        let message = RequestDecodingTests.failure(Self.recommend(likes: 0, unlikes: 2))
        #expect(message == "RECOMMEND: like_ids is empty and text is empty; give at least one liked id or a text")
    }

    @Test("RECOMMEND with more than 1000 ids in a list is status 1 naming the list; 1000 is accepted")
    func tooManyIDs() {
        #expect((try? PodsimRequest.decode(Self.recommend(likes: 1000, unlikes: 1000)).get()) != nil)
        #expect(RequestDecodingTests.failure(Self.recommend(likes: 1001)).hasPrefix("RECOMMEND: like_ids holds 1001 ids; the limit is 1000"))
        #expect(RequestDecodingTests.failure(Self.recommend(likes: 1, unlikes: 1001)).hasPrefix("RECOMMEND: unlike_ids holds 1001 ids; the limit is 1000"))
    }

    @Test("RECOMMEND: an unknown flag bit, a bad option, a short body are status 1", arguments: [
        ("02", "unknown flag bits 0x02"), ("00 06 00000004 00002711", "option offset"),
        ("00 07 00000004 7fc00000", "option min_score"),
    ])
    func badTail(tailHex: String, expected: String) {
        let message = RequestDecodingTests.failure(Self.recommend(likes: 1, tailHex: tailHex))
        #expect(message.contains(expected), "\(message)")
    }

    @Test("RECOMMEND: a list count beyond the body is status 1 before anything is allocated")
    func hostileCount() {
        let message = RequestDecodingTests.failure(Frame.raw(.recommend, bodyHex: "7fffffff 00000000"))
        #expect(message.hasPrefix("RECOMMEND: like_ids announces 2147483647 elements"), "\(message)")
    }

    @Test("SIMILAR_SHOWS and GUEST round-trip; k 0 and leftovers are status 1")
    func showsAndGuest() {
        let shows = PodsimRequest.similarShows(SimilarShowsRequest(show: "Show", k: 3))
        #expect(PodsimRequest.decode(shows.frame(requestID: 1)) == .success(shows))
        let guest = PodsimRequest.guest(name: "Dr. Ada")
        #expect(PodsimRequest.decode(guest.frame(requestID: 1)) == .success(guest))
        #expect(RequestDecodingTests.failure(Frame.raw(.similarShows, bodyHex: "00000001 61 0000")).contains("k must be"))
        #expect(RequestDecodingTests.failure(Frame.raw(.guest, bodyHex: "00000001 61 00")).contains("left over"))
    }

    @Test("ShowHit and GuestDetails answers round-trip")
    func responses() {
        let shows = PodsimResponse.similarShows([ShowHit(show: "S", score: 0.5, episodes: 4, episodeIDs: ["a", "b"])])
        #expect(PodsimResponse.decode(shows.frame(opcode: .similarShows, requestID: 2)) == .success(shows))
        let guest = PodsimResponse.guest(GuestDetails(name: "Ada", shows: ["S"], episodeIDs: ["a"], topTerms: []))
        #expect(PodsimResponse.decode(guest.frame(opcode: .guest, requestID: 2)) == .success(guest))
    }
}
