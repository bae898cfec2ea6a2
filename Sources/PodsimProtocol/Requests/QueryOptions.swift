import NIOCore

/// Optional trailing fields of SIMILAR, SEARCH and RECOMMEND (an addition to the core protocol;
/// tags 0x05–0x09 are protocol v1.1).
///
/// On the wire they follow `u8 flags` as zero or more `u8 tag, u32 length, value` entries, so a
/// server can check every byte: an unknown tag, a value that does not fill its length exactly, a
/// repeated tag, a diversity outside [0, 1] or a bad date is status 1. A client that sets none of them sends
/// the core layout unchanged. Encoded in tag order.
public struct QueryOptions: Sendable, Hashable {
    /// Tag 0x01, `list<str>`: only episodes of these shows. Must not be empty.
    public var shows: [String]?
    /// Tag 0x02, `str yyyy-mm-dd`: only episodes published on or after this date.
    public var publishedFrom: PublishedDate?
    /// Tag 0x03, `str yyyy-mm-dd`: only episodes published on or before this date.
    public var publishedTo: PublishedDate?
    /// Tag 0x04, `f32` diversity in [0, 1]: re-rank by maximal marginal relevance; 0 is the plain
    /// ranking, higher values trade relevance for variety (MMR's λ = 1 − diversity).
    public var diversity: Float?
    /// Tag 0x05, `list<str>`: never return these episodes; ids the model does not know are
    /// ignored. Must not be empty.
    public var excludeIDs: [String]?
    /// Tag 0x06, `u32` ≤ 10,000: skip this many of the best hits (paging).
    public var offset: UInt32?
    /// Tag 0x07, `f32` in [-1, 1]: leave out hits whose final score is below this.
    public var minScore: Float?
    /// Tag 0x08, `u16` ≥ 1: at most this many hits from any one show.
    public var maxPerShow: UInt16?
    /// Tag 0x09: weigh scores by recency (see `RecencyOption`).
    public var recency: RecencyOption?

    public init(
        shows: [String]? = nil, publishedFrom: PublishedDate? = nil,
        publishedTo: PublishedDate? = nil, diversity: Float? = nil,
        excludeIDs: [String]? = nil, offset: UInt32? = nil, minScore: Float? = nil,
        maxPerShow: UInt16? = nil, recency: RecencyOption? = nil
    ) {
        self.shows = shows
        self.publishedFrom = publishedFrom
        self.publishedTo = publishedTo
        self.diversity = diversity
        self.excludeIDs = excludeIDs
        self.offset = offset
        self.minScore = minScore
        self.maxPerShow = maxPerShow
        self.recency = recency
    }

    /// No options: the core request layout.
    public static let none = QueryOptions()

    /// True when no option is set.
    public var isEmpty: Bool { self == .none }

    /// Option tags on the wire.
    enum Tag: UInt8 {
        case shows = 0x01, publishedFrom = 0x02, publishedTo = 0x03, diversity = 0x04
        case excludeIDs = 0x05, offset = 0x06, minScore = 0x07, maxPerShow = 0x08, recency = 0x09

        var name: String {
            switch self {
            case .shows: "shows"
            case .publishedFrom: "published_from"
            case .publishedTo: "published_to"
            case .diversity: "diversity"
            case .excludeIDs: "exclude_ids"
            case .offset: "offset"
            case .minScore: "min_score"
            case .maxPerShow: "max_per_show"
            case .recency: "recency"
            }
        }
    }

    /// Reads options until the body ends.
    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        self.init()
        try OptionList.read(from: &reader, known: "0x01…0x09", name: { Tag(rawValue: $0)?.name }) { tag, value throws(ProtocolError) in
            try read(Tag(rawValue: tag)!, from: &value, limits: limits)
        }
        if let from = publishedFrom, let to = publishedTo, from > to {
            throw .badRequest("\(reader.context): published_from \(from) is after published_to \(to)")
        }
    }

    private mutating func read(_ tag: Tag, from value: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        switch tag {
        case .shows:
            shows = try value.readNonEmptyStrings("shows", element: "show", limits)
        case .publishedFrom:
            publishedFrom = try value.readDate(tag.name)
        case .publishedTo:
            publishedTo = try value.readDate(tag.name)
        case .diversity:
            let weight = try value.readFloat("diversity")
            guard weight >= 0 && weight <= 1 else {
                throw value.error("diversity", "must be in [0, 1], got \(weight)")
            }
            diversity = weight
        default:
            try readRanking(tag, from: &value, limits: limits)
        }
    }

    /// Tags 0x05–0x09 (protocol v1.1).
    private mutating func readRanking(_ tag: Tag, from value: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        switch tag {
        case .excludeIDs:
            excludeIDs = try value.readNonEmptyStrings("exclude_ids", element: "id", limits)
        case .offset:
            let skip: UInt32 = try value.readInteger("offset")
            guard skip <= RankingLimits.maxOffset else {
                throw value.error("offset", "must be at most \(RankingLimits.maxOffset), got \(skip)")
            }
            offset = skip
        case .minScore:
            let score = try value.readFloat("min_score")
            guard score >= -1 && score <= 1 else { throw value.error("min_score", "must be in [-1, 1], got \(score)") }
            minScore = score
        case .maxPerShow:
            let cap: UInt16 = try value.readInteger("max_per_show")
            guard cap >= 1 else { throw value.error("max_per_show", "must be at least 1, got 0") }
            maxPerShow = cap
        case .recency:
            let option = RecencyOption(halfLifeDays: try value.readFloat("half_life_days"), weight: try value.readFloat("weight"))
            if let problem = option.problem { throw value.error("recency", problem) }
            recency = option
        case .shows, .publishedFrom, .publishedTo, .diversity:
            preconditionFailure("tag \(tag.name) is read by read(_:from:limits:)")
        }
    }

    /// Writes the set options in tag order.
    func write(to buffer: inout ByteBuffer) {
        if let shows { Self.writeOption(.shows, to: &buffer) { $0.writeWireStrings(shows) } }
        if let publishedFrom { Self.writeOption(.publishedFrom, to: &buffer) { $0.writeWireString(publishedFrom.description) } }
        if let publishedTo { Self.writeOption(.publishedTo, to: &buffer) { $0.writeWireString(publishedTo.description) } }
        if let diversity { Self.writeOption(.diversity, to: &buffer) { $0.writeWireFloat(diversity) } }
        if let excludeIDs { Self.writeOption(.excludeIDs, to: &buffer) { $0.writeWireStrings(excludeIDs) } }
        if let offset { Self.writeOption(.offset, to: &buffer) { $0.writeInteger(offset) } }
        if let minScore { Self.writeOption(.minScore, to: &buffer) { $0.writeWireFloat(minScore) } }
        if let maxPerShow { Self.writeOption(.maxPerShow, to: &buffer) { $0.writeInteger(maxPerShow) } }
        if let recency {
            Self.writeOption(.recency, to: &buffer) {
                $0.writeWireFloat(recency.halfLifeDays)
                $0.writeWireFloat(recency.weight)
            }
        }
    }

    private static func writeOption(_ tag: Tag, to buffer: inout ByteBuffer, _ writeValue: (inout ByteBuffer) -> Void) {
        OptionList.write(tag.rawValue, to: &buffer, writeValue)
    }
}

/// `u16 k, u8 flags`, options: the tail SIMILAR, SEARCH and RECOMMEND share after their first fields.
extension BodyReader {
    mutating func readQueryTail(_ limits: ProtocolLimits) throws(ProtocolError) -> (UInt16, QueryFlags, QueryOptions) {
        let k = try readK(limits)
        let flags = try readFlags()
        return (k, flags, try QueryOptions(reading: &self, limits: limits))
    }
}

extension ByteBuffer {
    mutating func writeQueryTail(k: UInt16, flags: QueryFlags, options: QueryOptions) {
        writeInteger(k)
        writeInteger(flags.rawValue)
        options.write(to: &self)
    }
}
