import NIOCore

/// Optional trailing fields of GUESTS (protocol v1.1) and GUESTS_LIKE (an addition): TLV entries
/// after `u16 k`, in the form of `QueryOptions` (`OptionList`). 0x01–0x03 restrict which episodes
/// count as evidence; 0x10 and 0x11 leave guests out. An unknown tag (0x04 diversity included:
/// it ranks episodes, not guests), a tag given twice, a value that does not fill its length
/// exactly, an empty list, a bad date or dates in the wrong order are status 1 naming the option.
/// A client that sets none of them sends the v1 layout unchanged. Encoded in tag order.
public struct GuestsOptions: Sendable, Hashable {
    /// Tag 0x01, `list<str>`, at least one: only episodes of these shows count as evidence.
    public var shows: [String]?
    /// Tag 0x02, `str yyyy-mm-dd`: only episodes published on or after this date count.
    public var publishedFrom: PublishedDate?
    /// Tag 0x03, `str yyyy-mm-dd`: only episodes published on or before this date count.
    public var publishedTo: PublishedDate?
    /// Tag 0x10, `list<str>`, at least one: only guests who never appeared on any of these shows.
    public var notOnShows: [String]?
    /// Tag 0x11, `list<str>`, at least one: leave out these people (matched as guest names are
    /// everywhere: case, diacritics, white space and honorifics do not matter).
    public var excludeGuests: [String]?

    public init(
        shows: [String]? = nil, publishedFrom: PublishedDate? = nil, publishedTo: PublishedDate? = nil,
        notOnShows: [String]? = nil, excludeGuests: [String]? = nil
    ) {
        self.shows = shows
        self.publishedFrom = publishedFrom
        self.publishedTo = publishedTo
        self.notOnShows = notOnShows
        self.excludeGuests = excludeGuests
    }

    /// No options: the v1 request layout.
    public static let none = GuestsOptions()

    public var isEmpty: Bool { self == .none }

    /// Option tags on the wire.
    enum Tag: UInt8 {
        case shows = 0x01, publishedFrom = 0x02, publishedTo = 0x03, notOnShows = 0x10, excludeGuests = 0x11

        var name: String {
            switch self {
            case .shows: "shows"
            case .publishedFrom: "published_from"
            case .publishedTo: "published_to"
            case .notOnShows: "not_on_shows"
            case .excludeGuests: "exclude_guests"
            }
        }
    }

    /// Reads options until the body ends.
    init(reading reader: inout BodyReader, limits: ProtocolLimits) throws(ProtocolError) {
        self.init()
        try OptionList.read(from: &reader, known: "0x01…0x03, 0x10, 0x11", name: { Tag(rawValue: $0)?.name }) {
            tag, value throws(ProtocolError) in
            switch Tag(rawValue: tag)! {
            case .shows: shows = try value.readNonEmptyStrings("shows", element: "show", limits)
            case .publishedFrom: publishedFrom = try value.readDate("published_from")
            case .publishedTo: publishedTo = try value.readDate("published_to")
            case .notOnShows: notOnShows = try value.readNonEmptyStrings("not_on_shows", element: "show", limits)
            case .excludeGuests: excludeGuests = try value.readNonEmptyStrings("exclude_guests", element: "guest", limits)
            }
        }
        if let from = publishedFrom, let to = publishedTo, from > to {
            throw .badRequest("\(reader.context): published_from \(from) is after published_to \(to)")
        }
    }

    /// Writes the set options in tag order.
    func write(to buffer: inout ByteBuffer) {
        if let shows { OptionList.write(Tag.shows.rawValue, to: &buffer) { $0.writeWireStrings(shows) } }
        if let publishedFrom {
            OptionList.write(Tag.publishedFrom.rawValue, to: &buffer) { $0.writeWireString(publishedFrom.description) }
        }
        if let publishedTo {
            OptionList.write(Tag.publishedTo.rawValue, to: &buffer) { $0.writeWireString(publishedTo.description) }
        }
        if let notOnShows { OptionList.write(Tag.notOnShows.rawValue, to: &buffer) { $0.writeWireStrings(notOnShows) } }
        if let excludeGuests {
            OptionList.write(Tag.excludeGuests.rawValue, to: &buffer) { $0.writeWireStrings(excludeGuests) }
        }
    }
}
