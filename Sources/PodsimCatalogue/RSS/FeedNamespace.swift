/// The XML vocabularies a podcast feed mixes. Elements are matched by namespace URI, never by
/// the prefix a feed happens to use: `<pi:person>` is a Podcasting 2.0 person when `pi` is bound
/// to its URI, and `<podcast:person>` is not when `podcast` is bound to something else.
enum FeedNamespace: Hashable, Sendable {
    /// No namespace: the RSS 2.0 core elements (`channel`, `item`, `title`, `guid`, …).
    case rss
    /// Apple's `http://www.itunes.com/dtds/podcast-1.0.dtd` (`itunes:episode`, `itunes:duration`).
    case itunes
    /// Podcasting 2.0 `https://podcastindex.org/namespace/1.0` (`podcast:person`, `podcast:episode`).
    case podcast
    /// RSS 1.0 content module `http://purl.org/rss/1.0/modules/content/` (`content:encoded`).
    case content
    /// Any other vocabulary (Atom, Media RSS, Dublin Core, …): never read.
    case other

    /// Known URIs, compared after `normalized(_:)`. The Podcasting 2.0 namespace was first
    /// published under its GitHub address, which older feeds still declare.
    static let byURI: [String: FeedNamespace] = [
        "www.itunes.com/dtds/podcast-1.0.dtd": .itunes,
        "podcastindex.org/namespace/1.0": .podcast,
        "github.com/podcastindex-org/podcast-namespace/blob/main/docs/1.0.md": .podcast,
        "purl.org/rss/1.0/modules/content": .content,
        // Default namespaces some RSS 2.0 generators put on `<rss>`: still the core vocabulary.
        "backend.userland.com/rss2": .rss,
        "blogs.law.harvard.edu/tech/rss": .rss,
    ]

    /// Prefixes used by convention, for feeds that use them without declaring them (many feeds
    /// in the wild do; XML calls such a document namespace-ill-formed, but it is unambiguous).
    static let byConventionalPrefix: [String: FeedNamespace] = [
        "itunes": .itunes, "podcast": .podcast, "content": .content,
    ]

    /// The vocabulary of a declared URI. Scheme, case and a trailing `/` are ignored, since feeds
    /// vary in all three (`https://www.itunes.com/DTDs/Podcast-1.0.dtd`).
    static func declared(_ uri: String) -> FeedNamespace {
        if uri.isEmpty { return .rss }  // `xmlns=""` undeclares the default namespace
        return byURI[normalized(uri)] ?? .other
    }

    static func normalized(_ uri: String) -> String {
        var text = Substring(uri.trimmingSpaces.lowercased())
        for scheme in ["http://", "https://"] where text.hasPrefix(scheme) { text = text.dropFirst(scheme.count) }
        while text.last == "/" { text = text.dropLast() }
        return String(text)
    }
}

/// An element name resolved against the namespace declarations in scope.
struct FeedElementName: Hashable, Sendable {
    var namespace: FeedNamespace
    var local: String

    init(_ namespace: FeedNamespace, _ local: String) {
        self.namespace = namespace
        self.local = local
    }
}

/// The `xmlns` declarations in scope while reading, one frame per open element. The parser runs
/// with namespace processing off, so that undeclared prefixes reach us as plain `prefix:name`
/// and both declared and undeclared forms are resolved by the same rules here.
struct FeedNamespaceScopes {
    private var frames: [[String: String]] = []

    /// Opens an element: records the prefixes (`""` for the default) its attributes declare.
    mutating func push(attributes: [String: String]) {
        var frame: [String: String] = [:]
        for (name, value) in attributes {
            if name == "xmlns" {
                frame[""] = value
            } else if name.hasPrefix("xmlns:") {
                frame[String(name.dropFirst(6))] = value
            }
        }
        frames.append(frame)
    }

    /// Closes the innermost element.
    mutating func pop() {
        _ = frames.popLast()
    }

    /// `itunes:episode` → (.itunes, "episode") when `itunes` is bound to Apple's URI or is
    /// not declared at all; an unprefixed name is in the default namespace (RSS core if none).
    func resolve(_ qualifiedName: String) -> FeedElementName {
        guard let colon = qualifiedName.firstIndex(of: ":") else {
            let uri = uri(for: "")
            return FeedElementName(uri.map(FeedNamespace.declared) ?? .rss, qualifiedName)
        }
        let prefix = String(qualifiedName[..<colon])
        let local = String(qualifiedName[qualifiedName.index(after: colon)...])
        if let uri = uri(for: prefix) { return FeedElementName(FeedNamespace.declared(uri), local) }
        return FeedElementName(FeedNamespace.byConventionalPrefix[prefix] ?? .other, local)
    }

    private func uri(for prefix: String) -> String? {
        for frame in frames.reversed() {
            if let uri = frame[prefix] { return uri }
        }
        return nil
    }
}
