/// The formats a catalogue source can have.
public enum SourceFormat: String, Sendable, Hashable, CustomStringConvertible {
    /// A text capture of a podcast listing page (`#N:` items or date lines).
    case seedPage = "seed page"
    /// One JSON object per line (see `JSONLCatalogue`).
    case jsonLines = "JSON Lines"
    /// An RSS 2.0 podcast feed (`.xml`, `.rss`; see `RSSFeed`).
    case rss = "RSS"
    /// A file in a directory whose extension names no catalogue format.
    case unsupported = "unsupported"

    public var description: String { rawValue }
}

/// Something in a source that was passed over, and why. Also used for notes about episodes that
/// were kept with a field dropped (`SourceReport.notes`).
public struct SkippedItem: Sendable, Hashable, CustomStringConvertible {
    /// Where: `line 12`, `whole file`.
    public var location: String
    /// Why, in words a user can act on.
    public var reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }

    /// The location of an item that stands for the whole file: the loader took nothing from it.
    public static let wholeFile = "whole file"
}

/// What the loader did with one source file.
public struct SourceReport: Sendable, Hashable {
    /// The path as the user gave it (or as found in a directory the user gave).
    public var path: String
    public var format: SourceFormat
    /// The show name detected on a seed page or a feed's channel title (nil for JSON Lines).
    public var show: String?
    /// Episodes taken from this source.
    public var episodesLoaded: Int
    /// Items (or the whole file) passed over, with reasons.
    public var skipped: [SkippedItem]
    /// Episodes kept with a field dropped, and why (a feed item whose `pubDate` is not a date
    /// is kept without a date).
    public var notes: [SkippedItem]

    /// Whether the loader passed the whole file over (a subdirectory, an unsupported format, XML
    /// that is no feed): nothing of it is in the catalogue.
    public var isSkippedWhole: Bool { skipped.contains { $0.location == SkippedItem.wholeFile } }

    public init(
        path: String, format: SourceFormat, show: String? = nil, episodesLoaded: Int, skipped: [SkippedItem] = [],
        notes: [SkippedItem] = []
    ) {
        self.path = path
        self.format = format
        self.show = show
        self.episodesLoaded = episodesLoaded
        self.skipped = skipped
        self.notes = notes
    }
}
