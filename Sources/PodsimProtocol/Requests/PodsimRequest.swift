import NIOCore

/// A request, typed. A server decodes it from a frame with `decode(_:limits:)`; a client builds
/// one and sends `frame(requestID:)`.
public enum PodsimRequest: Sendable, Hashable {
    /// PING (0x01): empty body; answered with an empty body.
    case ping
    /// INFO (0x02): empty body; answered with `ServerInfo`.
    case info
    /// SIMILAR (0x10).
    case similar(SimilarRequest)
    /// SEARCH (0x11).
    case search(SearchRequest)
    /// GUESTS (0x12).
    case guests(GuestsRequest)
    /// EPISODE (0x13): `str episode_id`; answered with `EpisodeDetails`, or status 2.
    case episode(id: String)
    /// EXPLAIN (0x14, addition).
    case explain(ExplainRequest)
    /// GUESTS_LIKE (0x15, addition).
    case guestsLike(GuestsLikeRequest)
    /// RECOMMEND (0x16, v1.1).
    case recommend(RecommendRequest)
    /// SIMILAR_SHOWS (0x17, v1.1).
    case similarShows(SimilarShowsRequest)
    /// GUEST (0x18, v1.1): `str name`; answered with `GuestDetails`, or status 2.
    case guest(name: String)
    /// RELOAD (0x30, administration): empty body; answered with `ReloadResult` or status 9.
    case reload
    /// STATS (0x31, administration): empty body; answered with `ServerStats`.
    case stats
    /// AUTH (0x32, administration): `str token`; answered with an empty body, or status 7.
    case auth(token: String)
    /// ADD (0x33, administration): `str jsonl`, episodes as JSON Lines; answered with `AddResult`.
    case add(jsonl: String)
    /// DELETE (0x34, administration): `list<str> episode_ids`; answered with `DeleteResult`.
    case delete(episodeIDs: [String])
    /// UPSERT (0x35, administration): `str jsonl`, as ADD, where a known id replaces its
    /// episode; answered with `AddResult`.
    case upsert(jsonl: String)

    /// The opcode this request is sent with.
    public var opcode: Opcode {
        switch self {
        case .ping: .ping
        case .info: .info
        case .similar: .similar
        case .search: .search
        case .guests: .guests
        case .episode: .episode
        case .explain: .explain
        case .guestsLike: .guestsLike
        case .recommend: .recommend
        case .similarShows: .similarShows
        case .guest: .guest
        case .reload: .reload
        case .stats: .stats
        case .auth: .auth
        case .add: .add
        case .delete: .delete
        case .upsert: .upsert
        }
    }

    /// The request frame: version 1, this request's opcode, status 0, `requestID`, the body.
    public func frame(requestID: UInt32) -> Frame {
        var body = ByteBuffer()
        write(to: &body)
        return Frame(opcode: opcode, requestID: requestID, body: body)
    }

    /// Writes just the body.
    public func write(to buffer: inout ByteBuffer) {
        switch self {
        case .ping, .info, .reload, .stats: break
        case .similar(let request): request.write(to: &buffer)
        case .search(let request): request.write(to: &buffer)
        case .guests(let request): request.write(to: &buffer)
        case .episode(let id): buffer.writeWireString(id)
        case .explain(let request): request.write(to: &buffer)
        case .guestsLike(let request): request.write(to: &buffer)
        case .recommend(let request): request.write(to: &buffer)
        case .similarShows(let request): request.write(to: &buffer)
        case .guest(let name): buffer.writeWireString(name)
        case .auth(let token): buffer.writeWireString(token)
        case .add(let jsonl): buffer.writeWireString(jsonl)
        case .delete(let ids): buffer.writeWireStrings(ids)
        case .upsert(let jsonl): buffer.writeWireString(jsonl)
        }
    }

    /// Decodes a request frame, checking every field against `limits`.
    ///
    /// Fails with status 3 for an opcode this codec does not know and status 1 for a non-zero
    /// status field or a malformed body (short, long, bad UTF-8, k, flags or options out of range).
    /// The failure's message names the message, field and byte offset; send it back with
    /// `Frame.failure(_:answering:)` and keep the connection open.
    public static func decode(_ frame: Frame, limits: ProtocolLimits = ProtocolLimits()) -> Result<PodsimRequest, ProtocolError> {
        Result { () throws(ProtocolError) in try decodeOrThrow(frame, limits: limits) }
    }

    private static func decodeOrThrow(_ frame: Frame, limits: ProtocolLimits) throws(ProtocolError) -> PodsimRequest {
        guard let name = frame.opcode.name else {
            throw ProtocolError(.unknownOpcode, "\(frame.opcode) is not known to this server")
        }
        guard frame.status == .ok else {
            throw .badRequest("\(name): the status field of a request must be 0, got \(frame.status.rawValue)")
        }
        var reader = BodyReader(frame.body, context: name)
        let request: PodsimRequest
        switch frame.opcode {
        case .ping: request = .ping
        case .info: request = .info
        case .similar: request = .similar(try SimilarRequest(reading: &reader, limits: limits))
        case .search: request = .search(try SearchRequest(reading: &reader, limits: limits))
        case .guests: request = .guests(try GuestsRequest(reading: &reader, limits: limits))
        case .episode: request = .episode(id: try reader.readText("episode_id", limits))
        case .explain: request = .explain(try ExplainRequest(reading: &reader, limits: limits))
        case .guestsLike: request = .guestsLike(try GuestsLikeRequest(reading: &reader, limits: limits))
        case .recommend: request = .recommend(try RecommendRequest(reading: &reader, limits: limits))
        case .similarShows: request = .similarShows(try SimilarShowsRequest(reading: &reader, limits: limits))
        case .guest: request = .guest(name: try reader.readText("name", limits))
        case .reload: request = .reload
        case .stats: request = .stats
        case .auth: request = .auth(token: try reader.readText("token", limits))
        case .add: request = .add(jsonl: try reader.readString("jsonl", maxBytes: limits.maxFrameBytes, limitName: "max frame size"))
        case .delete: request = .delete(episodeIDs: try reader.readEpisodeIDs(limits))
        case .upsert: request = .upsert(jsonl: try reader.readString("jsonl", maxBytes: limits.maxFrameBytes, limitName: "max frame size"))
        default: throw ProtocolError(.unknownOpcode, "\(frame.opcode) is not known to this server")
        }
        try reader.finish()
        return request
    }
}
