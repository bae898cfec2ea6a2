import Foundation
import PodsimEpisodes
import PodsimParallel

/// Loads episodes from files and directories of catalogue sources.
///
/// A directory contributes its files sorted by name (hidden files skipped, subdirectories not
/// searched). The format is chosen by extension — `.jsonl`/`.ndjson` JSON Lines, `.txt` seed
/// page, `.xml`/`.rss` RSS — and, for a file named explicitly with another extension, by content
/// (`{` first → JSON Lines, `<` first → RSS, otherwise a seed page). A directory's files with
/// other extensions are reported as skipped, and so is an XML file that is not an RSS feed.
public enum CatalogueLoader {
    /// Extensions (lowercased, no dot) of each format.
    static let extensions: [String: SourceFormat] = [
        "jsonl": .jsonLines, "ndjson": .jsonLines, "txt": .seedPage, "xml": .rss, "rss": .rss,
    ]

    /// Loads `paths` (files or directories). Fails on the first unreadable or invalid source,
    /// and when two sources contain the same episode id.
    public static func load(paths: [String], limits: SourceLimits = .standard) throws(CatalogueError) -> LoadedCatalogue
    {
        var reports: [SourceReport] = []
        var episodes: [Episode] = []
        var sourceOfID: [String: String] = [:]
        var hosts: [String: HostSet] = [:]
        var showOrder: [String] = []
        let files = try SourceFiles.expand(paths)
        for (file, result) in zip(files, parseAll(files, limits: limits)) {
            let parsed = try result.get()
            reports.append(parsed.report)
            for episode in parsed.episodes {
                if let earlier = sourceOfID[episode.id] {
                    throw CatalogueError(
                        .duplicateID, "duplicate episode id \"\(episode.id)\": in \(earlier) and in \(file.path)",
                        source: file.path, field: "id")
                }
                sourceOfID[episode.id] = file.path
            }
            episodes += parsed.episodes
            if let show = parsed.report.show {
                if hosts[show] == nil { showOrder.append(show) }
                for name in parsed.hosts { hosts[show, default: HostSet()].insert(name) }
            }
        }
        // The two passes over every episode's guests run a chunk per core (a third of loading a
        // large catalogue on one); chunks keep the episodes' order, so the result is the same.
        let hostsOfShow = hosts
        let episodesWithoutHosts = concurrentMap(chunksOf: episodes) { episode in
            var copy = episode
            copy.guests = GuestList.unique(episode.guests, excluding: hostsOfShow[episode.show] ?? HostSet()).map(\.display)
            return copy
        }
        let directory = GuestDirectory(episodes: episodesWithoutHosts)
        let canonical = concurrentMap(chunksOf: episodesWithoutHosts) { episode in
            var copy = episode
            copy.guests = GuestList.unique(episode.guests.map { directory.displayName(for: $0) ?? $0 }).map(\.display)
            return copy
        }
        return LoadedCatalogue(
            episodes: canonical.sorted { $0.id < $1.id },
            hosts: Dictionary(uniqueKeysWithValues: showOrder.map { ($0, hosts[$0]?.names ?? []) }),
            sources: reports)
    }

    /// Each file parsed, in the files' order, a file per core at a time: a large catalogue comes
    /// as many JSON Lines files (synth writes them 256 MiB at most), and each parses on its
    /// own. Callers meet the results in order, so the first failing file in that order is the
    /// one reported, as when the files were read one after another.
    static func parseAll(_ files: [SourceFiles.File], limits: SourceLimits) -> [Result<Parsed, CatalogueError>] {
        concurrentMap(files.count) { index in
            Result { () throws(CatalogueError) in try parse(files[index], limits: limits) }
        }
    }

    /// What one file yielded.
    struct Parsed: Sendable {
        var report: SourceReport
        var episodes: [Episode] = []
        var hosts: [String] = []
    }

    /// Parses one file according to its format.
    static func parse(_ file: SourceFiles.File, limits: SourceLimits) throws(CatalogueError) -> Parsed {
        if file.format == .unsupported {
            return skipped(file, as: .unsupported, because: file.skipReason ?? "not a catalogue format")
        }
        let data = try SourceText.read(path: file.path, limits: limits)
        switch file.format ?? sniff(data) {
        case .rss:
            return try feed(data, file: file, limits: limits)
        case .jsonLines:
            let episodes = try JSONLCatalogue.decode(
                SourceText(data: data, source: file.path, limits: limits), limits: limits)
            let report = SourceReport(path: file.path, format: .jsonLines, episodesLoaded: episodes.count)
            return Parsed(report: report, episodes: episodes)
        case .seedPage:
            let page = try SeedPage.parse(SourceText(data: data, source: file.path, limits: limits), limits: limits)
            let report = SourceReport(
                path: file.path, format: .seedPage, show: page.show, episodesLoaded: page.episodes.count,
                skipped: page.skipped)
            return Parsed(report: report, episodes: page.episodes, hosts: page.hosts)
        case .unsupported:
            return skipped(file, as: .unsupported, because: "not a catalogue format")
        }
    }

    /// A feed; XML that is not a feed (an OPML list, an Atom feed, an HTML page next to the
    /// feeds) is reported as skipped rather than failing the whole load.
    private static func feed(_ data: Data, file: SourceFiles.File, limits: SourceLimits) throws(CatalogueError)
        -> Parsed
    {
        let feed: RSSFeed
        do {
            feed = try RSSFeed.parse(data, source: file.path, limits: limits)
        } catch {
            guard error.kind == .notAFeed else { throw error }
            // The report already names the file.
            let prefix = file.path + ": "
            let reason = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
            return skipped(file, as: .rss, because: reason)
        }
        let report = SourceReport(
            path: file.path, format: .rss, show: feed.show, episodesLoaded: feed.episodes.count, skipped: feed.skipped,
            notes: feed.notes, repairs: feed.repairs, language: feed.language)
        return Parsed(report: report, episodes: feed.episodes, hosts: feed.hosts)
    }

    static func skipped(_ file: SourceFiles.File, as format: SourceFormat, because reason: String) -> Parsed {
        let item = SkippedItem(location: SkippedItem.wholeFile, reason: reason)
        return Parsed(report: SourceReport(path: file.path, format: format, episodesLoaded: 0, skipped: [item]))
    }

    /// The format a file's content suggests from its first byte that is not whitespace (after
    /// a UTF-8 byte-order mark): `{` → JSON Lines, `<` → RSS, else a seed page.
    static func sniff(_ data: Data) -> SourceFormat {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        let first = body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) })
        if first == UInt8(ascii: "{") { return .jsonLines }
        return first == UInt8(ascii: "<") ? .rss : .seedPage
    }
}
