import NIOCore

/// A response, typed. A server builds one and sends `frame(opcode:requestID:)`; a client decodes
/// one with `decode(_:)`.
public enum PodsimResponse: Sendable, Hashable {
    /// PING answered: empty body.
    case pong
    /// INFO answered.
    case info(ServerInfo)
    /// SIMILAR answered: `list<EpisodeHit>`, best first.
    case similar([EpisodeHit])
    /// SEARCH answered: `list<EpisodeHit>`, best first.
    case search([EpisodeHit])
    /// GUESTS answered: `list<GuestHit>`, best first.
    case guests([GuestHit])
    /// EPISODE answered.
    case episode(EpisodeDetails)
    /// EXPLAIN answered: `list<TermContribution>`, largest first.
    case explain([TermContribution])
    /// GUESTS_LIKE answered: `list<GuestHit>`, best first.
    case guestsLike([GuestHit])
    /// RECOMMEND answered: `list<EpisodeHit>`, best first.
    case recommend([EpisodeHit])
    /// SIMILAR_SHOWS answered: `list<ShowHit>`, best first.
    case similarShows([ShowHit])
    /// GUEST answered: the guest's profile.
    case guest(GuestDetails)
    /// RELOAD answered.
    case reloaded(ReloadResult)
    /// STATS answered.
    case stats(ServerStats)
    /// AUTH accepted: empty body.
    case authenticated
    /// ADD answered.
    case added(AddResult)
    /// DELETE answered.
    case deleted(DeleteResult)
    /// UPSERT answered (ADD's layout).
    case upserted(AddResult)
    /// Any non-zero status, with its message; may answer any opcode.
    case failure(ErrorResponse)

    /// The opcode a successful answer belongs to; nil for `.failure`, which answers any opcode.
    public var opcode: Opcode? {
        switch self {
        case .pong: .ping
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
        case .reloaded: .reload
        case .stats: .stats
        case .authenticated: .auth
        case .added: .add
        case .deleted: .delete
        case .upserted: .upsert
        case .failure: nil
        }
    }

    /// The response frame answering a request with `opcode` and `requestID`.
    ///
    /// A successful answer must answer its own opcode (`.info` answers INFO); the response
    /// carries the request's opcode either way, as the contract says.
    public func frame(opcode: Opcode, requestID: UInt32) -> Frame {
        assert(self.opcode == nil || self.opcode == opcode, "\(self) cannot answer \(opcode)")
        if case .failure(let failure) = self {
            return Frame.failure(failure.status, message: failure.message, opcode: opcode, requestID: requestID)
        }
        var body = ByteBuffer()
        write(to: &body)
        return Frame(opcode: opcode, requestID: requestID, body: body)
    }

    /// The response frame answering `request`: its opcode and request id.
    public func frame(answering request: Frame) -> Frame {
        frame(opcode: request.opcode, requestID: request.requestID)
    }

    /// Writes just the body.
    public func write(to buffer: inout ByteBuffer) {
        switch self {
        case .pong, .authenticated: break
        case .info(let info): info.write(to: &buffer)
        case .similar(let hits), .search(let hits), .recommend(let hits): buffer.writeWireList(hits)
        case .similarShows(let hits): buffer.writeWireList(hits)
        case .guest(let details): details.write(to: &buffer)
        case .guests(let hits), .guestsLike(let hits): buffer.writeWireList(hits)
        case .episode(let details): details.write(to: &buffer)
        case .explain(let terms): buffer.writeWireList(terms)
        case .reloaded(let result): result.write(to: &buffer)
        case .stats(let stats): stats.write(to: &buffer)
        case .added(let result), .upserted(let result): result.write(to: &buffer)
        case .deleted(let result): result.write(to: &buffer)
        case .failure(let failure): buffer.writeWireString(failure.message)
        }
    }

    /// Decodes a response frame (client side).
    ///
    /// A non-zero status, known or not, becomes `.failure` with the server's message. A status-0
    /// answer is read by its opcode's layout; an unknown opcode is status 3, and a body that is
    /// short, long or not UTF-8 where a `str` is due is status 1, with a message naming the field.
    public static func decode(_ frame: Frame) -> Result<PodsimResponse, ProtocolError> {
        Result { () throws(ProtocolError) in try decodeOrThrow(frame) }
    }

    private static func decodeOrThrow(_ frame: Frame) throws(ProtocolError) -> PodsimResponse {
        let name = frame.opcode.name ?? "\(frame.opcode)"
        var reader = BodyReader(frame.body, context: "\(name) response")
        let response: PodsimResponse
        if frame.status != .ok {
            response = .failure(ErrorResponse(status: frame.status, message: try reader.readString("message")))
        } else {
            response = try decodeSuccess(frame.opcode, from: &reader)
        }
        try reader.finish()
        return response
    }

    private static func decodeSuccess(_ opcode: Opcode, from reader: inout BodyReader) throws(ProtocolError) -> PodsimResponse {
        switch opcode {
        case .ping: return .pong
        case .info: return .info(try ServerInfo(reading: &reader))
        case .similar: return .similar(try reader.readList("hits", of: EpisodeHit.self))
        case .search: return .search(try reader.readList("hits", of: EpisodeHit.self))
        case .guests: return .guests(try reader.readList("guests", of: GuestHit.self))
        case .episode: return .episode(try EpisodeDetails(reading: &reader))
        case .explain: return .explain(try reader.readList("terms", of: TermContribution.self))
        case .guestsLike: return .guestsLike(try reader.readList("guests", of: GuestHit.self))
        case .recommend: return .recommend(try reader.readList("hits", of: EpisodeHit.self))
        case .similarShows: return .similarShows(try reader.readList("shows", of: ShowHit.self))
        case .guest: return .guest(try GuestDetails(reading: &reader))
        case .reload: return .reloaded(try ReloadResult(reading: &reader))
        case .stats: return .stats(try ServerStats(reading: &reader))
        case .auth: return .authenticated
        case .add: return .added(try AddResult(reading: &reader))
        case .delete: return .deleted(try DeleteResult(reading: &reader))
        case .upsert: return .upserted(try AddResult(reading: &reader))
        default: throw ProtocolError(.unknownOpcode, "\(opcode) has no response layout this client knows")
        }
    }
}
