import Foundation
import Testing

@testable import PodsimCatalogue

/// Inputs found by fuzzing (`scripts/fuzz.sh rss`, docs/FUZZING.md) that trapped inside
/// FoundationXML before the fix; each must now be read, or refused with an error.
///
/// The trap: a feed whose XML declaration names a non-UTF-8 encoding skips the up-front UTF-8
/// check, because libxml2 transcodes it. But libxml2 applies only a declaration it parses
/// cleanly; for a looser one it keeps the raw bytes, and FoundationXML force-unwraps the
/// UTF-8 decoding of every element name. `XMLDeclaration` accepts only what libxml2 applies,
/// and a feed that is then not valid UTF-8 is read as windows-1252 (`FeedEncoding`) and handed
/// to the parser as UTF-8 with its declaration rewritten: no invalid byte reaches FoundationXML.
@Suite struct RSSFuzzRegressionTests {
    /// fuzz-artifacts/rss/crash-cd5a7525e895d078a70ca8a5141f51750f031e63, byte for byte: an
    /// encoding name with non-ASCII bytes in it, then Latin-1 bytes inside an element name.
    static let crashCD5A7525 = Data(base64Encoded: """
        PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iSVNPLTg4NTktMXBvZGNhc3RpbmctMi0wLW5hbWVzcGGdmtKa\
        h56SmGxlLTEiPz4KPHJzcyB2ZXJzaW9uPSIyLjAiPjzf39/f39/f39/f39/f39/f39/f39/f39/f39/f39/f39/f\
        39/f39/f39/f39/f39/f39/f39/f39/f39/f39/f39/f39/f39/f39/f39/f39/fY2hhbm5lbD48dGl0bGU+Q2Fm\
        6SBIb3VyPC90aXRsZT4KPGl0ZW0+PHRpdGxlPkNy6G1lIGJy+2zpZTwvdGl0bGU+PGd1aWQ+MTwvZ3VpZD48ZGVz\
        Y3NwbGl0PSI0OSIgLz50YWxrIHdpdGggWm/rIFNtaXRoLjwvZGVzY3JpcHRpb24+PC9pdGVtPgo8L2NoYW5uZWw+\
        PC9yc3M+Cg==
        """)!

    @Test func theFuzzerCrashIsReadAsWindows1252AndRefusedForItsXML() throws {
        let (xml, repairs) = try RSSFeed.readableXML(Self.crashCD5A7525, source: "crash.xml")
        #expect(repairs.encoding == "not valid UTF-8 (byte offset 62); read as windows-1252")
        #expect(String(data: xml, encoding: .utf8)?.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#) == true)
        let failure = try #require(parseError(Self.crashCD5A7525))
        #expect(failure.kind == .malformedXML && failure.line == 4)
        #expect(failure.message.contains("a closing tag that does not match the open element"))
    }

    /// Declarations libxml2 does not apply, each in front of Latin-1 bytes in an element name
    /// (`<t\u{E9}>`, offset of the 0xE9 given): every one trapped before the fix; now the bytes
    /// are read as windows-1252 and the feed parses, the repair naming the byte.
    @Test(arguments: [
        (#"<?xml version="1.0" encoding="1SO-8859-1"?>"#, "a name that starts with a digit"),
        (#"<?xml version="1.0" encoding=="ISO-8859-1"?>"#, "a doubled ="),
        (#"<?xml version="1.0" standalone="yes" encoding="ISO-8859-1"?>"#, "encoding after standalone"),
        (#"<?xml version="1.0" xencoding="ISO-8859-1"?>"#, "another attribute ending in encoding"),
        (#"<?xml version="1.0" encoding="UTF-16"?>"#, "a UTF-16 label on 8-bit bytes"),
    ])
    func aDeclarationLibxml2IgnoresMeansUTF8OrWindows1252(declaration: String, what: String) throws {
        var data = Data((declaration + "\n<rss><channel><title>T</title><item><t").utf8)
        let offset = data.count
        data.append(0xE9)
        data.append(Data("/></item></channel></rss>".utf8))
        let feed = try RSSFeed.parse(data, source: "declaration.xml")
        #expect(feed.show == "T", "\(what)")
        #expect(feed.repairs.encoding == "not valid UTF-8 (byte offset \(offset)); read as windows-1252", "\(what)")
    }

    @Test func declarationsInTheFormLibxml2AppliesAreRead() {
        let cases: [(String, String?)] = [
            (#"<?xml version="1.0" encoding="ISO-8859-1"?>"#, "iso-8859-1"),
            ("<?xml version='1.1' encoding = 'windows-1252' standalone='no'?>", "windows-1252"),
            ("<?xml\tversion=\"1.0\"\r\n encoding=\"UTF-8\"?>", "utf-8"),
            ("\u{FEFF}<?xml version=\"1.0\" encoding=\"latin1\"?>", "latin1"),
            (#"<?xml version="1.0" encoding="utf-16"?>"#, nil),
            (#"<?xml version="1.0" encoding="UTF16"?>"#, nil),
            (#"<?xml version="1.0"encoding="ISO-8859-1"?>"#, nil),
            (#"<?xml encoding="ISO-8859-1"?>"#, nil),
            (#"<?xml version="2.0" encoding="ISO-8859-1"?>"#, nil),
            (#"<?xml version="1.0" encoding="ISO-8859-1'?>"#, nil),
            (#" <?xml version="1.0" encoding="ISO-8859-1"?>"#, nil),
            ("\u{FEFF}\u{FEFF}<?xml version=\"1.0\" encoding=\"latin1\"?>", nil),
        ]
        for (declaration, expected) in cases {
            #expect(RSSFeed.declaredEncoding(Data((declaration + "<rss/>").utf8)) == expected, "\(declaration)")
        }
    }

    // MARK: Processing instructions without data

    /// fuzz-artifacts/rss/crash-b6b40a4f8f8ed5eb793c7ad16e39d90204890964: `<?xmlutf3ú?>>` and a
    /// line. libxml2 reported the instruction's data as NULL and FoundationXML called strlen on
    /// it: a segmentation fault. Now it is an ordinary refusal (there is no root element).
    static let crashB6B40A4F = Data(base64Encoded: "PD94bWx1dGYzw7o/Pj4KMQ==")!

    @Test func theFuzzerInputIsRefusedNotACrash() {
        #expect(parseError(Self.crashB6B40A4F) != nil)
    }

    static func feed(_ prologue: String, item: String = "") -> String {
        prologue + #"<rss version="2.0"><channel><title>T</title>"#
            + "<item><title>A</title><guid>1</guid><description>Talk \(item)</description></item></channel></rss>"
    }

    @Test(arguments: [
        "<?podsim?>", #"<?xml version="1.0"?><?php?>"#, #"<?xml version="1.0"?><!DOCTYPE rss [<?x?>]>"#,
        #"<?xml version="1.0"?><?a?><?b c?><?d?>"#,
    ])
    func aFeedWithInstructionsWithoutDataParses(prologue: String) throws {
        let feed = try RSSFeed.parse(Data(Self.feed(prologue).utf8), source: "pi.xml")
        #expect(feed.show == "T" && feed.episodes.count == 1)
    }

    @Test func anInstructionInsideTheDocumentParsesToo() throws {
        let text = #"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><?mid?><item><title>A</title>"#
            + "<guid>1</guid><description>x<?in?>y</description></item></channel></rss>"
        let feed = try RSSFeed.parse(Data(text.utf8), source: "pi.xml")
        #expect(feed.episodes.count == 1)
    }

    @Test func onlyInstructionsWithoutDataChangeAndCommentsAndCDATAStayText() {
        let cases: [(String, [Int])] = [
            ("<?a?>", [3]),
            ("<?a ?>", []),
            ("<?a b?>", []),
            ("<??>", []),
            ("<!-- <?a?> --><?b?>", [17]),
            ("<![CDATA[<?php?>]]><?b?>", [22]),
            ("<x>1 &lt; 2</x><?pi?>", [19]),
            ("<?unterminated", []),
        ]
        for (text, expected) in cases {
            #expect(ProcessingInstructions.positionsWithoutData(text.utf16.map { $0 }) == expected, "\(text)")
        }
        let untouched = Data(#"<?xml version="1.0"?><rss/>"#.utf8)
        #expect(ProcessingInstructions.withData(untouched) == untouched)
        #expect(ProcessingInstructions.withData(Data("<?a?><b/>".utf8)) == Data("<?a ?><b/>".utf8))
    }

    @Test(arguments: [true, false])
    func aUTF16FeedWithAnInstructionWithoutDataParses(bigEndian: Bool) throws {
        let text = Self.feed(#"<?xml version="1.0" encoding="UTF-16"?><?p?>"#, item: "café")
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let feed = try RSSFeed.parse(Data(bytes), source: "utf16.xml")
        #expect(feed.episodes.count == 1)
        #expect(feed.episodes[0].description.contains("café"))
    }

    private func parseError(_ data: Data) -> CatalogueError? {
        catalogueError { () throws(CatalogueError) in try RSSFeed.parse(data, source: "fuzz.xml") }
    }
}
