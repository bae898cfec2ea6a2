import Foundation
import Testing

@testable import PodsimCatalogue

/// `FeedRepair` and `FeedEncoding` on small inputs: each fault, what it becomes, what is left alone.
@Suite struct FeedRepairTests {
    private func repaired(_ text: String) -> (String, FeedRepairs) {
        FeedRepair.repair(text, repairs: FeedRepairs())
    }

    @Test func htmlNamedEntitiesBecomeCharactersAndXMLSpecialsStayEscaped() {
        let (text, repairs) = repaired("<t>A&nbsp;B &LT; C&NotNestedGreaterGreater;&fjlig;&amp;</t>")
        #expect(text == "<t>A\u{A0}B &lt; C\u{2AA2}\u{338}fj&amp;</t>")
        #expect(repairs.resolvedEntities == ["nbsp": 1, "LT": 1, "NotNestedGreaterGreater": 1, "fjlig": 1])
    }

    @Test func theWholeHTML5TableIsThere() {
        #expect(HTMLEntities.named.count == 2125)
        #expect(HTMLEntities.named["CounterClockwiseContourIntegral"] == "\u{2233}")
        #expect(HTMLEntities.legacy.count == 106 && HTMLEntities.legacy.contains("copy"))
        #expect(!HTMLEntities.legacy.contains("mdash"))
    }

    @Test func unknownEntitiesStayAsLiteralText() {
        let (text, repairs) = repaired("<t>a &gtgt; b &x; c</t>")
        #expect(text == "<t>a &amp;gtgt; b &amp;x; c</t>")
        #expect(repairs.unknownEntities == ["gtgt": 1, "x": 1])
    }

    @Test func bareAmpersandsAndLessThansAreEscapedInTextAndAttributes() {
        let (text, repairs) = repaired(#"<e url="a?x=1&y=2&amp;z=3">Q&A, a < b, <3, &#; & &</e>"#)
        #expect(text == #"<e url="a?x=1&amp;y=2&amp;z=3">Q&amp;A, a &lt; b, &lt;3, &amp;#; &amp; &amp;</e>"#)
        #expect(repairs.bareAmpersands == 4 && repairs.bareLessThans == 2 && repairs.unknownEntities == ["#": 1])
    }

    @Test func legacyNamesWithoutSemicolonAreReadInTextOnly() {
        let (text, repairs) = repaired(#"<e a="&copy 1">&copy 2025 &copyright &nbsp</e>"#)
        #expect(text == #"<e a="&amp;copy 1">© 2025 &amp;copyright \#u{A0}</e>"#)
        #expect(repairs.resolvedEntities == ["copy": 1, "nbsp": 1] && repairs.bareAmpersands == 2)
    }

    /// fuzz-artifacts/feed-repair/crash-(third run): a tag cut short by a `<` that starts nothing
    /// ended there, and that `<` was then escaped as text — so a second repair read on in the tag,
    /// opened a quote at the next `"` and read the rest of the document differently.
    @Test func aLessThanInsideATagStaysInTheTag() {
        let input = #"<guid a="x" Q&A < b"/Atom" v="2">T &nbsp;</guid><e a="1<2">"#
        let (once, repairs) = repaired(input)
        #expect(once == #"<guid a="x" Q&A &lt; b"/Atom" v="2">T \#u{A0}</guid><e a="1&lt;2">"#)
        #expect(repairs.bareLessThans == 2)
        let (twice, again) = repaired(once)
        #expect(twice == once && again.isEmpty)
    }

    @Test func referencesInAttributesEscapeQuotes() {
        let (text, _) = repaired(#"<e a="&quot;&QUOT;x&apos;">"#)
        #expect(text == #"<e a="&quot;&quot;x&apos;">"#)
    }

    @Test func controlCharactersAndReferencesToThemAreRemovedEverywhere() {
        let (text, repairs) = repaired("<t a=\"x\u{1}\">a\u{0}b\u{B}c&#1;d&#x1F;&#9;<![CDATA[e\u{1B}f]]><!-- \u{7} --></t>")
        #expect(text == "<t a=\"x\">ab cd&#9;<![CDATA[ef]]><!--  --></t>")
        #expect(repairs.controlCharacters == 7)
    }

    @Test func cdataCommentsAndInstructionsAreLeftAlone() {
        let input = "<t><![CDATA[a & b &nbsp; <c>]]><!-- & --><?pi & ?></t>"
        let (text, repairs) = repaired(input)
        #expect(text == input && repairs.isEmpty)
    }

    /// FoundationXML passes no text for a reference to an internal entity (`&show;` reads as
    /// nothing, as before): what the repair must do is not turn it into literal text, and still
    /// resolve HTML names, which the parser would drop the same way.
    @Test func entitiesTheDoctypeDeclaresStayReferences() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [ <!ENTITY show "Declared Show"> <!ENTITY nbsp "&#160;"> ]>
            <rss><channel><title>&show;&nbsp;&mdash; Live</title></channel></rss>
            """
        let (text, repairs) = repaired(xml)
        #expect(text.contains("<title>&show;\u{A0}— Live</title>"))
        #expect(repairs.resolvedEntities == ["nbsp": 1, "mdash": 1] && repairs.unknownEntities.isEmpty)
        #expect(try RSSFeed.parse(Data(xml.utf8), source: "d.xml").show == "— Live")
    }

    @Test func theDeclarationIsRewrittenToUTF8AndLeadingSpaceDropped() {
        let (text, repairs) = repaired("\n\n  <?xml version='1.0' encoding='windows-1252'?>\n<rss/>")
        #expect(text == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss/>")
        #expect(repairs.leadingSpace)
    }

    @Test func repairingTwiceChangesNothingMore() {
        let (once, _) = repaired("<t a='&x'>&nbsp; & &bogus; \u{1} < &copy 1</t>")
        let (twice, repairs) = repaired(once)
        #expect(twice == once && repairs.isEmpty)
    }

    /// The `feed-repair` fuzz target's property, over every feed of the wild corpus: the
    /// repaired XML is UTF-8, and repairing it again changes no byte and reports nothing.
    @Test func repairingTheWildCorpusIsIdempotent() throws {
        let names = ["libsyn-undeclared-entities", "anchor-bom-control-characters", "buzzsprout-latin1",
            "art19-wrong-declaration", "transistor-broken-item", "podigee-german"]
        for name in names {
            let data = try Data(contentsOf: URL(fileURLWithPath: WildFeedTests.path(name)))
            let (once, _) = try RSSFeed.readableXML(data, source: name)
            #expect(String(data: once, encoding: .utf8) != nil, "\(name)")
            let (twice, again) = try RSSFeed.readableXML(once, source: name)
            #expect(twice == once && again.isEmpty, "\(name): \(again.lines)")
        }
    }

    /// fuzz-artifacts/feed-repair/crash-c0363a91…: a document starting `<¸` passed the "is it
    /// XML" check, then its `<` was escaped as starting no markup, and the repaired text (`&lt;¸…`)
    /// was refused on a second repair. The check now looks at the repaired text.
    @Test func aDocumentWhoseFirstLessThanStartsNoMarkupIsNotXML() throws {
        let data = Data([0xEF, 0xBB, 0xBF, 0x0A, 0x3C, 0xB8, 0x00, 0x6D]) + Data(" <rss><channel><title>T</title></channel></rss>".utf8)
        let failure = try #require(catalogueError { () throws(CatalogueError) in try RSSFeed.readableXML(data, source: "lt.xml") })
        #expect(failure.kind == .malformedXML)
        #expect(failure.message.hasPrefix("lt.xml: not XML: it starts with \"<¸·m <rss>"))
    }

    /// fuzz-artifacts/feed-repair/crash-98767eba…: a declaration naming ISO-8859-1 without its
    /// `?>` was not rewritten, so the UTF-8 handed on still claimed ISO-8859-1. Now refused.
    @Test func anUnclosedXMLDeclarationIsRefused() throws {
        var data = Data(#"<?xml version="1.0" encoding="ISO-8859-1" "#.utf8)
        data.append(contentsOf: [0xC1, 0xC1, 0xF5, 0xC6])
        data.append(Data(#"rss version="2.0"><channel><title>T</title></channel></rss>"#.utf8))
        let failure = try #require(catalogueError { () throws(CatalogueError) in try RSSFeed.parse(data, source: "decl.xml") })
        #expect(failure.kind == .malformedXML && failure.line == 1)
        #expect(failure.message == "decl.xml: line 1: malformed XML: the XML declaration `<?xml …` is not closed by `?>`")
        // …and so is one a control character splits (crash-e0b69ba6…): it is whole once repaired.
        let split = Data([0xEF, 0xBB, 0xBF, 0x0A]) + Data("<?xm\u{2}l [CDATA role=\"guest\"/channel></rss>\n".utf8)
        let refused = try #require(catalogueError { () throws(CatalogueError) in try RSSFeed.readableXML(split, source: "decl.xml") })
        #expect(refused.message.contains("is not closed by `?>`"))
    }

    @Test func undeclaredUTF8FallsBackToWindows1252NamingTheFirstBadByte() throws {
        var data = Data("<rss><channel>\n<title>Caf".utf8)
        let offset = data.count
        data.append(contentsOf: [0x93, 0xE9, 0x94])  // “ é ” in windows-1252, not UTF-8
        data.append(Data("</title></channel></rss>".utf8))
        let feed = try RSSFeed.parse(data, source: "cp1252.xml")
        #expect(feed.show == "Caf“é”")
        #expect(feed.repairs.encoding == "not valid UTF-8 (byte offset \(offset)); read as windows-1252")
    }

    @Test func aUTF16LabelOn8BitBytesIsAWrongDeclaration() throws {
        let data = Data(#"<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Ça</title></channel></rss>"#.utf8)
        let feed = try RSSFeed.parse(data, source: "label.xml")
        #expect(feed.show == "Ça")
        #expect(feed.repairs.encoding == "declared UTF-16 without a UTF-16 byte-order mark; read as UTF-8")
    }

    @Test func aUTF16FeedWithAnUndeclaredEntityIsRepaired() throws {
        let xml = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><title>A&mdash;B</title></channel></rss>"
        var data = Data()
        for unit in xml.utf16 { data.append(contentsOf: [UInt8(unit >> 8), UInt8(unit & 0xFF)]) }
        let feed = try RSSFeed.parse(data, source: "utf16.xml")
        #expect(feed.show == "A—B" && feed.repairs.resolvedEntities == ["mdash": 1])
    }

    @Test func aSecondByteOrderMarkIsRemoved() throws {
        let data = Data([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]) + Data("<rss><channel><title>T</title></channel></rss>".utf8)
        let feed = try RSSFeed.parse(data, source: "bom.xml")
        #expect(feed.show == "T" && feed.repairs.lines == ["1 byte-order mark removed"])
    }

    @Test func aCleanFeedReachesTheParserByteForByte() throws {
        let data = FeedXML.feed(FeedXML.item("<title>T &amp; U</title><description>&#233;</description>"))
        let input = try FeedInput(data, source: "clean.xml")
        #expect(input.data == data && input.repairs.isEmpty)
    }
}
