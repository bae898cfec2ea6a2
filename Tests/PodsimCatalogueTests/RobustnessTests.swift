import Foundation
import Testing

@testable import PodsimCatalogue
import PodsimTestSupport

@Suite struct RobustnessTests {
    @Test func invalidUTF8InASeedPageNamesTheByteOffset() throws {
        var data = Data("My Show\n#1: Caf".utf8)
        data.append(contentsOf: [0xC3, 0x28])  // a lead byte followed by a non-continuation byte
        let error = try #require(
            catalogueError { () throws(CatalogueError) in try SeedPage.parse(data, source: "bad.txt") })
        #expect(error.kind == .invalidUTF8)
        #expect(error.byteOffset == 15)
        #expect(error.message == "bad.txt: line 2: invalid UTF-8 at byte offset 15; save the file as UTF-8")
    }

    @Test func invalidUTF8InJSONLinesNamesLineAndByteOffset() throws {
        var data = Data(#"{"id":"a","show":"S","description":"d"}"#.utf8 + [0x0A])
        data.append(Data(#"{"id":"b","show":"S","description":"x"#.utf8))
        let offset = data.count
        data.append(contentsOf: [0xED, 0xA0, 0x80])  // an encoded surrogate: not allowed in UTF-8
        let error = try #require(
            catalogueError { () throws(CatalogueError) in try JSONLCatalogue.decode(data, source: "bad.jsonl") })
        #expect(error.kind == .invalidUTF8)
        #expect(error.line == 2)
        #expect(error.byteOffset == offset)
    }

    @Test(arguments: [
        ([0xC0, 0xAF] as [UInt8], 0),  // overlong `/`
        ([0x61, 0xF4, 0x90, 0x80, 0x80], 1),  // above U+10FFFF
        ([0x61, 0x62, 0xE2, 0x82], 2),  // truncated at end of input
        ([0x80], 0),  // stray continuation byte
        ([0x61, 0xF0, 0x9F, 0x8E, 0x99, 0xFF], 5),  // valid emoji, then an impossible byte
    ])
    func utf8ValidatorFindsTheFirstBadByte(bytes: [UInt8], offset: Int) {
        #expect(bytes.withUnsafeBufferPointer(UTF8Validator.firstInvalidOffset) == offset)
    }

    @Test func validUTF8IncludingFourByteScalarsPasses() {
        let bytes = Array("Sören 🎙️ O’Daniel — ✓".utf8)
        #expect(bytes.withUnsafeBufferPointer(UTF8Validator.firstInvalidOffset) == nil)
    }

    @Test func fileOverTheDefaultSizeLimitIsRejectedBeforeReading() throws {
        let dir = try TempDirectory()
        let path = try dir.write("huge.txt", "")
        // A sparse file: the size check reads metadata only, so this costs no disk or memory.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(SourceLimits.maxSourceBytes + 1))
        try handle.close()
        let error = try #require(catalogueError { () throws(CatalogueError) in try SeedPage.load(path: path) })
        #expect(error.kind == .tooLarge)
        #expect(error.message == "\(path): 268435457 bytes is over the 268435456-byte limit for a catalogue source")
    }

    @Test func dataOverASmallerLimitIsRejected() throws {
        let limits = SourceLimits(sourceBytes: 10, lineBytes: 10)
        let data = Data(#"{"id":"a"}"#.utf8 + [0x0A])
        let error = try #require(
            catalogueError { () throws(CatalogueError) in
                try JSONLCatalogue.decode(data, source: "c.jsonl", limits: limits)
            })
        #expect(error.kind == .tooLarge)
    }

    @Test func lineOverTheDefaultLineLimitIsRejected() throws {
        let long = "#1: " + String(repeating: "a", count: SourceLimits.maxLineBytes)
        let data = Data(("Show\n" + long + "\n").utf8)
        let error = try #require(
            catalogueError { () throws(CatalogueError) in try SeedPage.parse(data, source: "long.txt") })
        #expect(error.kind == .lineTooLong)
        #expect(error.line == 2 && error.byteOffset == 5)
        #expect(error.message == "long.txt: line 2 is 1048580 bytes, over the 1048576-byte line limit")
    }

    @Test func missingFileAndDirectoryAreNamed() throws {
        let dir = try TempDirectory()
        let missing = dir.path + "/nope.jsonl"
        let error = try #require(catalogueError { () throws(CatalogueError) in try JSONLCatalogue.load(path: missing) })
        #expect(error.kind == .unreadable && error.message == "\(missing): no such file")
        let notFile = try #require(catalogueError { () throws(CatalogueError) in try SeedPage.load(path: dir.path) })
        #expect(notFile.message == "\(dir.path): is a directory, expected a file")
    }

    @Test func unreadableFileIsNamed() throws {
        guard getuid() != 0 else { return }  // root reads files whatever their mode
        let dir = try TempDirectory()
        let path = try dir.write("locked.txt", "Show\n#1: Hi.\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        let error = try #require(catalogueError { () throws(CatalogueError) in try SeedPage.load(path: path) })
        #expect(error.kind == .unreadable && error.source == path)
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("Show Name\r\n#1: Hello world.\r\n".utf8))
        let page = try SeedPage.parse(data, source: "crlf.txt")
        #expect(page.show == "Show Name")
        #expect(page.episodes.map(\.description) == ["Hello world."])
    }

    @Test(arguments: 0..<4)
    func arbitraryBytesAreRefusedByBothParsersAtTheirFirstInvalidUTF8Byte(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        var refused = 0
        for _ in 0..<50 {
            let bytes = randomBytes(&random)
            // A short input can be valid UTF-8 by chance; the syntax-built inputs below cover those paths.
            guard firstInvalidUTF8Offset(bytes) != nil else { continue }
            refused += 1
            expectInvalidUTF8(catalogueError { () throws(CatalogueError) in try SeedPage.parse(Data(bytes), source: "fuzz.txt") },
                              in: bytes, source: "fuzz.txt")
            expectInvalidUTF8(catalogueError { () throws(CatalogueError) in try JSONLCatalogue.decode(Data(bytes), source: "fuzz.jsonl") },
                              in: bytes, source: "fuzz.jsonl")
        }
        #expect(refused >= 45, "almost every random input is invalid UTF-8, so almost every one is checked")
    }

    @Test(arguments: 0..<4)
    func arbitraryTextBuiltFromParserSyntaxNeverCrashes(seed: Int) {
        // Valid UTF-8 made of the pieces the parsers look for, so the deeper paths run too.
        let pieces = [
            "#", "#12:", "1", ":", " ", "  ", "\n", "\r\n", "{", "}", "\"", "\"id\"", ":", ",", "[", "]",
            "Jul 30, 2025",
            " • ", "1h 3min", "Guest:", " with ", " on ", " and ", "'s contact information", "Ann", "Lee", "Sören",
            "https://x.com/a", ".", "é", "🎙️", "\u{0}", "Author:", "hosted by", "O’Daniel", "Links to things:",
        ]
        var rng = SplitMix64(seed: UInt64(1000 + seed))
        for _ in 0..<50 {
            let text = (0..<Int.random(in: 0..<120, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
                .joined()
            expectOnlyCatalogueErrors(Data(text.utf8))
            expectOnlyCatalogueErrors(Data(("My Show\n#1: Hello.\n" + text).utf8))
        }
    }

    private func expectOnlyCatalogueErrors(_ data: Data) {
        // Typed throws: the only possible failure is a CatalogueError; a crash fails the run.
        _ = try? SeedPage.parse(data, source: "fuzz.txt")
        _ = try? JSONLCatalogue.decode(data, source: "fuzz.jsonl")
        if let page = try? SeedPage.parse(data, source: "fuzz.txt") {
            #expect(!page.episodes.isEmpty)
            #expect(Set(page.episodes.map(\.id)).count == page.episodes.count)
        }
    }
}
