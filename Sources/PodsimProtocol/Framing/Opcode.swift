/// What a frame asks for (byte 5 of the frame). A response carries the opcode of the request it answers.
///
/// A struct rather than an enum so that any byte is representable: a server must be able to answer
/// an opcode it does not know with status 3 and still echo it.
public struct Opcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    // Core (fixed by the contract).
    /// 0x01 PING: empty request, empty response.
    public static let ping = Opcode(rawValue: 0x01)
    /// 0x02 INFO: empty request, `ServerInfo` response.
    public static let info = Opcode(rawValue: 0x02)
    /// 0x10 SIMILAR: episodes like a given episode.
    public static let similar = Opcode(rawValue: 0x10)
    /// 0x11 SEARCH: episodes matching free text.
    public static let search = Opcode(rawValue: 0x11)
    /// 0x12 GUESTS: guests who talk about a topic.
    public static let guests = Opcode(rawValue: 0x12)
    /// 0x13 EPISODE: one episode's details.
    public static let episode = Opcode(rawValue: 0x13)

    // Query additions (0x10–0x2F).
    /// 0x14 EXPLAIN: the terms that make two episodes alike.
    public static let explain = Opcode(rawValue: 0x14)
    /// 0x15 GUESTS_LIKE: guests whose episodes resemble a given guest's.
    public static let guestsLike = Opcode(rawValue: 0x15)
    /// 0x16 RECOMMEND (v1.1): more like these episodes and text, less like those.
    public static let recommend = Opcode(rawValue: 0x16)
    /// 0x17 SIMILAR_SHOWS (v1.1): shows like a given show.
    public static let similarShows = Opcode(rawValue: 0x17)
    /// 0x18 GUEST (v1.1): one guest's profile.
    public static let guest = Opcode(rawValue: 0x18)

    // Administration (0x30–0x3F).
    /// 0x30 RELOAD: load the model file again.
    public static let reload = Opcode(rawValue: 0x30)
    /// 0x31 STATS: counters and latency percentiles.
    public static let stats = Opcode(rawValue: 0x31)
    /// 0x32 AUTH: present the connection's token.
    public static let auth = Opcode(rawValue: 0x32)
    /// 0x33 ADD: fold new episodes (JSON Lines) into the live model.
    public static let add = Opcode(rawValue: 0x33)
    /// 0x34 DELETE: remove episodes from the live model and its file.
    public static let delete = Opcode(rawValue: 0x34)
    /// 0x35 UPSERT: ADD where a known id replaces that episode.
    public static let upsert = Opcode(rawValue: 0x35)

    /// Every opcode this codec can encode and decode, in wire order.
    public static let known: [Opcode] = [
        .ping, .info, .similar, .search, .guests, .episode, .explain, .guestsLike,
        .recommend, .similarShows, .guest,
        .reload, .stats, .auth, .add, .delete, .upsert,
    ]

    /// The protocol name (`"GUESTS_LIKE"`), or nil for an opcode this codec does not know.
    public var name: String? {
        switch self {
        case .ping: "PING"
        case .info: "INFO"
        case .similar: "SIMILAR"
        case .search: "SEARCH"
        case .guests: "GUESTS"
        case .episode: "EPISODE"
        case .explain: "EXPLAIN"
        case .guestsLike: "GUESTS_LIKE"
        case .recommend: "RECOMMEND"
        case .similarShows: "SIMILAR_SHOWS"
        case .guest: "GUEST"
        case .reload: "RELOAD"
        case .stats: "STATS"
        case .auth: "AUTH"
        case .add: "ADD"
        case .delete: "DELETE"
        case .upsert: "UPSERT"
        default: nil
        }
    }

    /// `"SIMILAR (0x10)"`, or `"opcode 0x7F"` when unknown.
    public var description: String {
        let hex = hexByte(rawValue)
        return name.map { "\($0) (\(hex))" } ?? "opcode \(hex)"
    }
}
