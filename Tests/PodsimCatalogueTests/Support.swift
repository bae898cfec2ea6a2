import Foundation
import Testing

@testable import PodsimCatalogue

/// A fresh directory under the system temporary directory, removed when released.
final class TempDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }

    /// Writes `contents` to `name` and returns the file's path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        try write(name, Data(contents.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file.path
    }
}

/// Test fixtures bundled from `Fixtures/`.
enum Fixture {
    static func path(_ name: String, _ ext: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures")).path
    }

    static func data(_ name: String, _ ext: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(name, ext)))
    }
}

/// Runs `body` and returns the `CatalogueError` it throws (failing the test when it does not throw).
func catalogueError<T>(_ body: () throws(CatalogueError) -> T) -> CatalogueError? {
    do {
        _ = try body()
        Issue.record("expected a CatalogueError, got a result")
        return nil
    } catch {
        return error
    }
}

/// Deterministic pseudo-random bytes (SplitMix64), so a garbage-input failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Feeds written for edge-case tests: `body` goes inside `<channel>` after the title.
enum FeedXML {
    /// The three namespaces declared under their conventional prefixes.
    static let namespaces = """
        xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" \
        xmlns:podcast="https://podcastindex.org/namespace/1.0" \
        xmlns:content="http://purl.org/rss/1.0/modules/content/"
        """

    static func feed(_ body: String, title: String = "Test Show", declarations: String = namespaces) -> Data {
        Data(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" \(declarations)>
            <channel>
            <title>\(title)</title>
            \(body)
            </channel>
            </rss>
            """.utf8)
    }

    /// `<item>` with `fields` inside.
    static func item(_ fields: String) -> String { "<item>\(fields)</item>" }

    /// Parses `body` wrapped by `feed(_:title:declarations:)`.
    static func parse(
        _ body: String, title: String = "Test Show", declarations: String = namespaces,
        limits: SourceLimits = .standard
    ) throws(CatalogueError) -> RSSFeed {
        try RSSFeed.parse(feed(body, title: title, declarations: declarations), source: "test.xml", limits: limits)
    }
}
