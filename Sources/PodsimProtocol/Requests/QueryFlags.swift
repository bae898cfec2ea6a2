/// The `u8 flags` of SIMILAR, SEARCH and RECOMMEND.
public struct QueryFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Bit 0. SIMILAR: leave out episodes of the asked-about episode's show.
    /// SEARCH: reserved; accepted and ignored by the server. RECOMMEND: leave out every show of
    /// the liked episodes.
    public static let excludeSameShow = QueryFlags(rawValue: 1 << 0)

    /// Every bit the protocol defines; any other set bit is status 1.
    public static let defined: QueryFlags = [.excludeSameShow]
}
