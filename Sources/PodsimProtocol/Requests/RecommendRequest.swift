import NIOCore

/// RECOMMEND (0x16, v1.1): `list<str> like_ids, list<str> unlike_ids, str text, u16 k, u8 flags`,
/// then optional TLV options. Answered with `list<EpisodeHit>`: episodes near the liked ones and
/// the text together and away from the unliked ones, never a liked or unliked episode itself.
///
/// At least one liked id or a non-empty text, and at most 1,000 ids in each list, else status 1;
/// an unknown liked or unliked id is status 2 naming it (the server checks that).
public struct RecommendRequest: Sendable, Hashable {
    /// Episodes the listener liked.
    public var likeIDs: [String]
    /// Episodes the listener did not like.
    public var unlikeIDs: [String]
    /// Free text to steer by; empty for none.
    public var text: String
    /// Hits wanted, 1…max k (default 1000).
    public var k: UInt16
    /// Bit 0: leave out every show of the liked episodes.
    public var flags: QueryFlags
    /// Filters, paging, caps and recency; empty for none.
    public var options: QueryOptions

    public init(
        likeIDs: [String], unlikeIDs: [String] = [], text: String = "", k: UInt16,
        flags: QueryFlags = [], options: QueryOptions = .none
    ) {
        self.likeIDs = likeIDs
        self.unlikeIDs = unlikeIDs
        self.text = text
        self.k = k
        self.flags = flags
        self.options = options
    }

    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        likeIDs = try Self.readIDs("like_ids", from: &reader, limits: limits)
        unlikeIDs = try Self.readIDs("unlike_ids", from: &reader, limits: limits)
        text = try reader.readText("text", limits)
        (k, flags, options) = try reader.readQueryTail(limits)
        guard !likeIDs.isEmpty || !text.isEmpty else {
            throw .badRequest("\(reader.context): like_ids is empty and text is empty; give at least one liked id or a text")
        }
    }

    private static func readIDs(_ field: String, from reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) -> [String] {
        let start = reader.offset
        let ids = try reader.readTexts(field, element: "episode id", limits)
        guard ids.count <= RankingLimits.maxRecommendIDs else {
            throw reader.error(field, "holds \(ids.count) ids; the limit is \(RankingLimits.maxRecommendIDs)", at: start)
        }
        return ids
    }

    func write(to buffer: inout ByteBuffer) {
        buffer.writeWireStrings(likeIDs)
        buffer.writeWireStrings(unlikeIDs)
        buffer.writeWireString(text)
        buffer.writeQueryTail(k: k, flags: flags, options: options)
    }
}
