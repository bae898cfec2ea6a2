import Foundation
import PodsimEpisodes

/// One parsed RSS 2.0 podcast feed, with the iTunes, Podcasting 2.0 and content namespaces.
///
/// Read per item: `title` (else `itunes:title`), `guid`, `pubDate`, `itunes:duration`,
/// `itunes:episode` (else `podcast:episode`), `description` / `content:encoded` /
/// `itunes:summary` (HTML stripped, see `HTMLText`), `enclosure url`, and `podcast:person`.
/// Namespaced elements are matched by namespace URI, or by the conventional prefix when the
/// feed uses one without declaring it (see `FeedNamespace`).
///
/// See `FeedEpisodes` for what is skipped or noted, `FeedEpisodeIDs` for ids, `FeedHosts` for
/// hosts, `RFC822Date` for dates. `podcast:liveItem` entries are not episodes (yet) and are
/// not read.
///
/// Input: what podcast apps read. The faults real feeds carry are repaired and reported in
/// `repairs` (HTML entities, bare `&`, control characters, byte-order marks, ISO-8859-1 or
/// windows-1252 text, a wrong encoding declaration: see `FeedEncoding` and `FeedRepair`); an
/// item whose XML is still broken is skipped with the parser's reason, the rest of the feed
/// read. A file that is not XML fails with `.malformedXML`, and so does XML broken outside any
/// item, naming the line and column; XML that is not an RSS feed (`<feed>`, `<opml>`, `<html>`)
/// with `.notAFeed`; a channel without a title with `.noShowName`. External entities are never
/// resolved.
public struct RSSFeed: Sendable {
    /// The channel's title.
    public var show: String
    /// The show's hosts (see `FeedHosts`).
    public var hosts: [String]
    /// Episodes in feed order.
    public var episodes: [Episode]
    /// Items that did not become episodes, with reasons.
    public var skipped: [SkippedItem]
    /// Episodes kept without a field the feed gave in an unreadable form (date, duration, number).
    public var notes: [SkippedItem]
    /// What was repaired so the feed could be read (undeclared entities, encoding, …).
    public var repairs: FeedRepairs
    /// The channel's `<language>` as written (`en-us`), the language of its episodes; nil when absent.
    public var language: String?

    /// Parses the feed at `path`.
    public static func load(path: String, limits: SourceLimits = .standard) throws(CatalogueError) -> RSSFeed {
        try parse(SourceText.read(path: path, limits: limits), source: path, limits: limits)
    }

    /// Parses feed bytes; `source` names them in errors.
    public static func parse(_ data: Data, source: String, limits: SourceLimits = .standard) throws(CatalogueError)
        -> RSSFeed
    {
        try SourceText.checkSize(data.count, source: source, limits: limits)
        let input = try FeedInput(data, source: source)
        let document = try read(input, source: source, limits: limits)
        let show = HTMLText.inline(document.title ?? "")
        guard !show.isEmpty else {
            throw CatalogueError(
                .noShowName, "\(source): the feed's <channel> has no <title>; it names the show", source: source,
                field: "title")
        }
        let built = FeedEpisodes(document, show: show)
        return RSSFeed(
            show: show, hosts: built.hosts, episodes: built.episodes, skipped: built.skipped, notes: built.notes,
            repairs: input.repairs, language: document.language.map(HTMLText.inline))
    }

    /// The XML podsim's parser reads for `data`, and what was repaired to make it: UTF-8 (unless
    /// the feed declares an encoding podsim leaves to libxml2, see `FeedEncoding`), undeclared
    /// entities resolved, bare `&` and `<` escaped, forbidden characters removed. For tools that
    /// want to see what podsim sees, and for the `feed-repair` fuzz target. Throws `.malformedXML`
    /// for a file that is not XML at all.
    public static func readableXML(_ data: Data, source: String) throws(CatalogueError) -> (Data, FeedRepairs) {
        let input = try FeedInput(data, source: source)
        return (input.data, input.repairs)
    }

    /// Most items cut out of one feed for unreadable XML before the whole feed is refused: a
    /// feed this broken is better fixed at its source. Default 100.
    static let maxUnreadableItems = 100

    /// The document, reading past items whose XML is broken: when the parser stops inside an
    /// item, that item is cut out (`FeedItemSpans`) and the feed read again without it. An error
    /// outside every item (the channel's own fields, the root) refuses the feed.
    private static func read(_ input: FeedInput, source: String, limits: SourceLimits) throws(CatalogueError)
        -> FeedDocument
    {
        var data = input.data
        var removed: [FeedItemSpans.Span: String] = [:]
        let spans = input.isUTF8 ? FeedItemSpans(data) : nil
        while true {
            do {
                var document = try FeedXMLReader.read(
                    data, source: source, limits: limits, removedItems: Set(removed.keys.map(\.ordinal)))
                for (span, reason) in removed {
                    var item = FeedDocument.Item(index: span.ordinal, line: span.line)
                    item.problem = reason
                    document.items.append(item)
                }
                document.items.sort { $0.index < $1.index }
                return document
            } catch {
                guard error.kind == .malformedXML, removed.count < maxUnreadableItems, let spans,
                    let line = error.line, let column = error.column,
                    let span = spans.item(line: line, column: column), removed[span] == nil
                else { throw error }
                let prefix = "\(source): "
                let what = error.message.hasPrefix(prefix) ? error.message.dropFirst(prefix.count) : error.message[...]
                removed[span] = String(what)
                data = FeedItemSpans.blanking(span, in: data)
            }
        }
    }

    /// The lowercased `encoding` of the XML declaration (`<?xml version="1.0" encoding="…"?>`),
    /// `utf-16` for a UTF-16 byte-order mark, or nil when the document names none that libxml2
    /// will apply (then it must be UTF-8, which is checked up front so the error names a byte
    /// offset). See `XMLDeclaration` for which declarations count; a bare `UTF-16` label does not,
    /// as libxml2 ignores it on a document without a UTF-16 byte-order mark.
    static func declaredEncoding(_ data: Data) -> String? {
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) { return "utf-16" }
        guard let name = XMLDeclaration.encodingName(data)?.lowercased() else { return nil }
        return name == "utf-16" || name == "utf16" ? nil : name
    }
}
