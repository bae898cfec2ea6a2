import Foundation
import Testing

@testable import PodsimCatalogue
import PodsimTestSupport

/// Bad feeds: each kind gets a clear error; nothing crashes; nothing outside the file is read.
@Suite struct RSSRobustnessTests {
    private func error(_ text: String, limits: SourceLimits = .standard) -> CatalogueError? {
        error(Data(text.utf8), limits: limits)
    }

    private func error(_ data: Data, limits: SourceLimits = .standard) -> CatalogueError? {
        catalogueError { () throws(CatalogueError) in try RSSFeed.parse(data, source: "bad.xml", limits: limits) }
    }

    @Test func anUnclosedTagIsMalformedXMLWithLineAndColumn() throws {
        let failure = try #require(
            error("<rss>\n<channel><title>A</title>\n<item><title>Open</item>\n</channel></rss>"))
        #expect(failure.kind == .malformedXML)
        #expect(failure.source == "bad.xml")
        #expect(failure.line == 3 && failure.column != nil)
        #expect(failure.message.hasPrefix("bad.xml: line 3, column "))
        #expect(failure.message.contains("a closing tag that does not match the open element"))
    }

    @Test func aTruncatedFeedIsMalformed() throws {
        let full = String(decoding: FeedXML.feed(FeedXML.item("<title>T</title>")), as: UTF8.self)
        let failure = try #require(error(String(full.prefix(full.count - 20))))
        #expect(failure.kind == .malformedXML)
    }

    @Test func anHTMLEntityThatXMLDoesNotDeclareIsNamed() throws {
        let failure = try #require(error("<rss><channel><title>A&nbsp;B</title></channel></rss>"))
        #expect(failure.kind == .malformedXML && failure.line == 1)
        #expect(failure.message.contains("undeclared entity"))
    }

    @Test func aBareAmpersandIsNamed() throws {
        let failure = try #require(error("<rss><channel><title>A & B</title></channel></rss>"))
        #expect(failure.kind == .malformedXML && failure.line == 1 && failure.column == 25)
        #expect(failure.message.contains("write `&amp;`"))
    }

    @Test func anEmptyFileIsMalformed() throws {
        for text in ["", "  \n"] {
            let failure = try #require(error(text))
            #expect(failure.kind == .malformedXML && failure.message.contains("the document is empty"))
        }
        let declarationOnly = try #require(error("<?xml version=\"1.0\"?>"))
        #expect(declarationOnly.kind == .malformedXML && declarationOnly.message.contains("the document ends early"))
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let dir = try TempDirectory()
        let secret = "XXE-SECRET-\(UUID().uuidString)"
        let secretPath = try dir.write("secret.txt", secret)
        let dtdPath = try dir.write("evil.dtd", "<!ENTITY fromdtd \"\(secret)\">")
        for target in [secretPath, "/etc/passwd"] {
            let xml = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://\(target)"> ]>
                <rss><channel><title>Show &xxe;</title>
                <item><title>T &xxe;</title><description>Leak: &xxe;</description></item></channel></rss>
                """
            let feed = try RSSFeed.parse(Data(xml.utf8), source: "xxe.xml")
            let everything = ([feed.show] + feed.episodes.flatMap { [$0.title, $0.description] }).joined(separator: " ")
            #expect(!everything.contains(secret) && !everything.contains("root:"))
            #expect(feed.show == "Show")
        }
        let external = """
            <?xml version="1.0"?>
            <!DOCTYPE rss SYSTEM "file://\(dtdPath)">
            <rss><channel><title>Show</title><item><title>T</title><description>A &fromdtd; B</description></item>
            </channel></rss>
            """
        let result = Result { () throws(CatalogueError) in try RSSFeed.parse(Data(external.utf8), source: "dtd.xml") }
        if case .success(let feed) = result {
            #expect(!(feed.episodes.first?.description.contains(secret) ?? false))
        }
    }

    @Test func entityExpansionBombsAreRefused() throws {
        var entities = #"<!ENTITY l0 "lollollollollollollollollollol">"#
        for level in 1...9 {
            entities += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">"
        }
        let failure = try #require(
            error(
                "<?xml version=\"1.0\"?><!DOCTYPE rss [\(entities)]><rss><channel><title>&l9;</title></channel></rss>"))
        #expect(failure.kind == .malformedXML)
    }

    @Test func xmlThatIsNotAnRSSFeedIsNamed() throws {
        let atom = try #require(error(#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title></feed>"#))
        #expect(atom.kind == .notAFeed)
        #expect(atom.message == "bad.xml: root element <feed> is not an RSS feed; expected <rss>")
        let noChannel = try #require(error("<rss version=\"2.0\"><title>A</title></rss>"))
        #expect(noChannel.kind == .notAFeed)
        #expect(noChannel.message == "bad.xml: no <channel> element under <rss>; not an RSS 2.0 feed")
    }

    @Test func aChannelWithoutTitleNamesNoShow() throws {
        let failure = try #require(error("<rss><channel><item><title>T</title></item></channel></rss>"))
        #expect(failure.kind == .noShowName && failure.field == "title")
    }

    @Test func invalidUTF8NamesLineAndByteOffset() throws {
        var data = Data("<rss><channel>\n<title>Caf".utf8)
        let offset = data.count
        data.append(contentsOf: [0xE9, 0x3C])  // Latin-1 é in a file that declares no encoding
        data.append(Data("/title></channel></rss>".utf8))
        let failure = try #require(error(data))
        #expect(failure.kind == .invalidUTF8)
        #expect(failure.line == 2 && failure.byteOffset == offset)
    }

    @Test func aDeclaredLatin1FeedIsDecoded() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>Caf".utf8)
        data.append(0xE9)
        data.append(Data("</title><item><title>Cr".utf8))
        data.append(0xE8)
        data.append(Data("me</title></item></channel></rss>".utf8))
        let feed = try RSSFeed.parse(data, source: "latin1.xml")
        #expect(feed.show == "Café")
        #expect(feed.episodes.map(\.title) == ["Crème"])
    }

    @Test func sizeLimitsApplyToTheFileAndToEachField() throws {
        let data = FeedXML.feed(
            FeedXML.item("<title>T</title><description>\(String(repeating: "x", count: 500))</description>"))
        let tooLarge = try #require(error(data, limits: SourceLimits(sourceBytes: 100, lineBytes: 1000)))
        #expect(tooLarge.kind == .tooLarge)
        let field = try #require(error(data, limits: SourceLimits(sourceBytes: 10_000, lineBytes: 400)))
        #expect(field.kind == .fieldTooLong && field.field == "description")
        #expect(field.message.contains("<description> in item 1 (line 5) is over the 400-byte limit"))
    }

    @Test(arguments: 0..<4)
    func arbitraryBytesAreRefusedAtTheirFirstInvalidUTF8Byte(seed: Int) {
        var random = SplitMix64(seed: UInt64(7000 + seed))
        var refused = 0
        for _ in 0..<50 {
            // After "<", so the bytes are taken for markup (no XML declaration names an encoding).
            let bytes = [UInt8(ascii: "<")] + randomBytes(&random)
            guard firstInvalidUTF8Offset(bytes) != nil else { continue }  // valid by chance: the syntax test's ground
            refused += 1
            expectInvalidUTF8(catalogueError { () throws(CatalogueError) in try RSSFeed.parse(Data(bytes), source: "fuzz.xml") },
                              in: bytes, source: "fuzz.xml")
        }
        #expect(refused >= 45, "almost every random input is invalid UTF-8, so almost every one is checked")
    }

    @Test(arguments: 0..<4)
    func arbitraryFeedSyntaxNeverCrashes(seed: Int) {
        let pieces = [
            "<item>", "</item>", "<title>", "</title>", "<guid>", "</guid>", "<description>", "</description>",
            "<![CDATA[", "]]>", "&lt;p&gt;", "&lt;/p&gt;", "&amp;", "&amp;#x41;", "&#233;", "<itunes:episode>",
            "</itunes:episode>",
            "<podcast:person role=\"guest\">", "</podcast:person>", "<pubDate>", "</pubDate>", "Fri, 09 Oct 2020",
            "1:02:03", "Ann Lee", "Guest:", " ", "\n", "<", ">", "&", "é", "🎙️", "<br/>", "&lt;script&gt;",
        ]
        var rng = SplitMix64(seed: UInt64(8000 + seed))
        for _ in 0..<50 {
            let body = (0..<Int.random(in: 0..<80, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }
                .joined()
            expectFeedOrError(FeedXML.feed(body))
        }
    }

    private func expectFeedOrError(_ data: Data) {
        // Typed throws: the only possible failure is a CatalogueError; a crash fails the run.
        guard let feed = try? RSSFeed.parse(data, source: "fuzz.xml") else { return }
        #expect(Set(feed.episodes.map(\.id)).count == feed.episodes.count)
        #expect(feed.episodes.allSatisfy { !$0.title.isEmpty })
    }
}
