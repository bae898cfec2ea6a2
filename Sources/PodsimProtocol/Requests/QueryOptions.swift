import NIOCore

/// Optional trailing fields of SIMILAR and SEARCH (an addition to the core protocol).
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

    public init(
        shows: [String]? = nil, publishedFrom: PublishedDate? = nil,
        publishedTo: PublishedDate? = nil, diversity: Float? = nil
    ) {
        self.shows = shows
        self.publishedFrom = publishedFrom
        self.publishedTo = publishedTo
        self.diversity = diversity
    }

    /// No options: the core request layout.
    public static let none = QueryOptions()

    /// True when no option is set.
    public var isEmpty: Bool { self == .none }

    /// Option tags on the wire.
    enum Tag: UInt8 {
        case shows = 0x01, publishedFrom = 0x02, publishedTo = 0x03, diversity = 0x04

        var name: String {
            switch self {
            case .shows: "shows"
            case .publishedFrom: "published_from"
            case .publishedTo: "published_to"
            case .diversity: "diversity"
            }
        }
    }

    /// Reads options until the body ends.
    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        self.init()
        try OptionList.read(from: &reader, known: "0x01…0x04", name: { Tag(rawValue: $0)?.name }) { tag, value throws(ProtocolError) in
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
        }
    }

    /// Writes the set options in tag order.
    func write(to buffer: inout ByteBuffer) {
        if let shows { Self.writeOption(.shows, to: &buffer) { $0.writeWireStrings(shows) } }
        if let publishedFrom { Self.writeOption(.publishedFrom, to: &buffer) { $0.writeWireString(publishedFrom.description) } }
        if let publishedTo { Self.writeOption(.publishedTo, to: &buffer) { $0.writeWireString(publishedTo.description) } }
        if let diversity { Self.writeOption(.diversity, to: &buffer) { $0.writeWireFloat(diversity) } }
    }

    private static func writeOption(_ tag: Tag, to buffer: inout ByteBuffer, _ writeValue: (inout ByteBuffer) -> Void) {
        OptionList.write(tag.rawValue, to: &buffer, writeValue)
    }
}

/// `u16 k, u8 flags`, options: the tail SIMILAR and SEARCH share after their first string.
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
