import Foundation
import Testing

@testable import PodsimCatalogue
import PodsimTestSupport

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

/// Up to 400 random bytes: the garbage the parsers must refuse.
func randomBytes(_ random: inout SplitMix64) -> [UInt8] {
    (0..<Int.random(in: 0..<400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
}

/// Where the first ill-formed UTF-8 sequence of `bytes` starts (nil when they are valid UTF-8),
/// by the standard library's decoder: the reference the parsers' own validator is checked against.
func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var input = bytes.makeIterator()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &input) {
        case .valid(let scalar): offset += scalar.count
        case .emptyInput: return nil
        case .error: return offset
        }
    }
}

/// Checks that `error` is the refusal of `bytes` as invalid UTF-8: it names `source`, the byte
/// offset of the first ill-formed sequence and its line, in the fields and in the message.
func expectInvalidUTF8(
    _ error: CatalogueError?, in bytes: [UInt8], source: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let error, let offset = firstInvalidUTF8Offset(bytes) else {
        Issue.record("expected an invalid-UTF-8 error", sourceLocation: sourceLocation)
        return
    }
    let line = 1 + bytes[..<offset].filter { $0 == UInt8(ascii: "\n") }.count
    #expect(error.kind == .invalidUTF8 && error.source == source, "\(error)", sourceLocation: sourceLocation)
    #expect(error.byteOffset == offset && error.line == line, "\(error)", sourceLocation: sourceLocation)
    #expect(error.message == "\(source): line \(line): invalid UTF-8 at byte offset \(offset); save the file as UTF-8",
            sourceLocation: sourceLocation)
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
