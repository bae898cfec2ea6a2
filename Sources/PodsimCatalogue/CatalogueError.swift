/// The one error type of the catalogue module: a source that could not be read or parsed.
/// `message` names the file and, where it applies, the line (and column) or byte offset.
///
/// The structured fields (`kind`, `source`, `line`, `column`, `byteOffset`, `field`) repeat what the
/// message says so that callers and tests can act on a failure without parsing prose.
/// `Kind` is a struct with static members (not an enum) so new kinds do not break callers.
public struct CatalogueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, coarsely.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Not classified (errors built with `init(_:)`).
        public static let other = Kind("other")
        /// The path does not exist, is a directory where a file was expected, or cannot be read.
        public static let unreadable = Kind("unreadable")
        /// The file is larger than `SourceLimits.maxSourceBytes`.
        public static let tooLarge = Kind("tooLarge")
        /// One line is longer than `SourceLimits.maxLineBytes`.
        public static let lineTooLong = Kind("lineTooLong")
        /// The bytes are not valid UTF-8 (`byteOffset` says where).
        public static let invalidUTF8 = Kind("invalidUTF8")
        /// A JSON Lines line is not a JSON object.
        public static let invalidJSON = Kind("invalidJSON")
        /// A required field is absent (`field` names it).
        public static let missingField = Kind("missingField")
        /// A field has the wrong type or an unacceptable value (`field` names it).
        public static let invalidField = Kind("invalidField")
        /// Two episodes share an id (within one file or across sources).
        public static let duplicateID = Kind("duplicateID")
        /// A seed page in which no episode items were recognised.
        public static let noEpisodes = Kind("noEpisodes")
        /// A seed page whose header (before the first episode) names no show, or a feed whose
        /// channel has no `<title>`.
        public static let noShowName = Kind("noShowName")
        /// A feed that is not XML at all, or whose XML is broken outside every item even after
        /// the repairs (`line` and `column` say where the parser stopped).
        public static let malformedXML = Kind("malformedXML")
        /// Well-formed XML that is not an RSS feed (another root element, or no `<channel>`).
        public static let notAFeed = Kind("notAFeed")
        /// One element's text in a feed's channel is longer than `SourceLimits.lineBytes` (in an
        /// item, the item is skipped instead and the rest of the feed read).
        public static let fieldTooLong = Kind("fieldTooLong")
    }

    public var kind: Kind
    public var message: String
    /// The file (as the user named it) the error is about, when there is one.
    public var source: String?
    /// 1-based line number, when the error is about one line.
    public var line: Int?
    /// 1-based column on `line`, when the parser reports one (XML feeds).
    public var column: Int?
    /// 0-based byte offset from the start of the file, when known.
    public var byteOffset: Int?
    /// The JSON field (or episode field) at fault, when there is one.
    public var field: String?

    /// An unclassified error with a ready-made message (kept for existing callers).
    public init(_ message: String) {
        self.kind = .other
        self.message = message
    }

    /// A classified error; `message` should already name the source, line and field.
    public init(
        _ kind: Kind, _ message: String, source: String? = nil, line: Int? = nil, column: Int? = nil,
        byteOffset: Int? = nil, field: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.field = field
    }

    public var description: String { message }
}
