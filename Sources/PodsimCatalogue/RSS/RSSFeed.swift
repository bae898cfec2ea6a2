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
/// Input: UTF-8, or the encoding the XML declaration names (`ISO-8859-1` and others libxml2
/// reads). Malformed XML fails with `.malformedXML` naming the line and column; XML that is not
/// an RSS feed (`<feed>`, `<opml>`, `<html>`) with `.notAFeed`; a channel without a title with
/// `.noShowName`. External entities are never resolved.
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

    /// Parses the feed at `path`.
    public static func load(path: String, limits: SourceLimits = .standard) throws(CatalogueError) -> RSSFeed {
        try parse(SourceText.read(path: path, limits: limits), source: path, limits: limits)
    }

    /// Parses feed bytes; `source` names them in errors.
    public static func parse(_ data: Data, source: String, limits: SourceLimits = .standard) throws(CatalogueError)
        -> RSSFeed
    {
        try SourceText.checkSize(data.count, source: source, limits: limits)
        let encoding = declaredEncoding(data)
        if encoding == nil || encoding == "utf-8" || encoding == "utf8" {
            try SourceText.checkUTF8(data, source: source)
        }
        let document = try FeedXMLReader.read(data, source: source, limits: limits)
        let show = HTMLText.inline(document.title ?? "")
        guard !show.isEmpty else {
            throw CatalogueError(
                .noShowName, "\(source): the feed's <channel> has no <title>; it names the show", source: source,
                field: "title")
        }
        let built = FeedEpisodes(document, show: show)
        return RSSFeed(
            show: show, hosts: built.hosts, episodes: built.episodes, skipped: built.skipped, notes: built.notes)
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
