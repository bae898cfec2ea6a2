import Foundation
import PodsimEpisodes

/// One parsed seed page: a text capture of a podcast listing page.
///
/// Two layouts are recognised from the content, whichever has more items:
/// - numbered: each episode is a line `#341: <text>` (DevOps Paradox);
/// - dated: each episode starts with a line `Jul 30, 2025 • 50min`, then a title line, then
///   description lines (Platform Engineering Podcast).
///
/// The show name and hosts come from the header (the lines before the first episode); hosts
/// are also found as recurring first-name pairs in the episodes. See `BoilerplateFilter` for
/// what is removed from descriptions and `GuestExtractor` for how guests are found.
public struct SeedPage: Sendable {
    /// How episodes are laid out on the page.
    public enum Layout: String, Sendable {
        case numbered, dated
    }

    public var show: String
    public var layout: Layout
    /// Hosts detected for the show, header hosts first.
    public var hosts: [String]
    /// Episodes in page order.
    public var episodes: [Episode]
    /// Items that could not become episodes, with reasons.
    public var skipped: [SkippedItem]

    /// Parses the seed page at `path`.
    public static func load(path: String, limits: SourceLimits = .standard) throws(CatalogueError) -> SeedPage {
        try parse(SourceText(path: path, limits: limits), limits: limits)
    }

    /// Parses seed page bytes; `source` names them in errors.
    public static func parse(_ data: Data, source: String, limits: SourceLimits = .standard) throws(CatalogueError)
        -> SeedPage
    {
        try parse(SourceText(data: data, source: source, limits: limits), limits: limits)
    }

    static func parse(_ source: SourceText, limits: SourceLimits) throws(CatalogueError) -> SeedPage {
        let lines = try source.lines(limits: limits)
        let kinds = lines.map { SeedPageLine($0.text) }
        let scan = SeedPageScan(lines: lines, kinds: kinds)
        guard let layout = scan.layout, let firstItem = kinds.firstIndex(where: \.startsItem) else {
            throw CatalogueError(
                .noEpisodes,
                "no episodes found in \(source.source); "
                    + "expected `#N:` items or date lines such as `Jul 30, 2025 • 50min`",
                source: source.source)
        }
        let header = lines[..<firstItem].map(\.text)
        guard let show = ShowNameDetector.showName(headerLines: header) else {
            throw CatalogueError(
                .noShowName,
                "\(source.source): no show name found before the first episode (line \(lines[firstItem].number)); "
                    + "expected a short title line such as `My Show`",
                source: source.source, line: lines[firstItem].number)
        }
        let items = scan.items(layout: layout)
        guard !items.accepted.isEmpty else {
            let example = items.skipped.first.map { "; \(items.skipped.count) item(s) skipped, first at \($0)" } ?? ""
            throw CatalogueError(
                .noEpisodes, "no episodes found in \(source.source)\(example)", source: source.source)
        }
        var hosts = HostSet(HostDetector.headerHosts(header))
        for name in HostDetector.recurringPairs(in: items.accepted.map(\.text), headerHosts: hosts) {
            hosts.insert(name)
        }
        let episodes = SeedPageEpisodes(show: show, hosts: hosts).episodes(from: items.accepted)
        return SeedPage(show: show, layout: layout, hosts: hosts.names, episodes: episodes, skipped: items.skipped)
    }
}
