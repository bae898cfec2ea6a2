import Foundation
import Testing

@testable import PodsimCatalogue

/// The field readers behind feeds: dates, durations, HTML text, namespaces, ids, hashes.
@Suite struct FeedFieldTests {
    @Test(arguments: [
        ("Fri, 09 Oct 2020 04:30:38 GMT", "2020-10-09"),
        ("Fri, 9 Oct 2020 04:30:38 +0000", "2020-10-09"),
        ("09 Oct 2020 04:30:38 GMT", "2020-10-09"),  // no day name
        ("Friday, 09 October 2020 04:30 EST", "2020-10-09"),
        ("Fri, 09 Oct 20 04:30:38 PDT", "2020-10-09"),  // 2-digit year
        ("Thu, 01 Jan 98 00:00:00 GMT", "1998-01-01"),
        ("Fri, 09 Oct 2020 23:30:00 -0700", "2020-10-09"),  // the date's own offset, not UTC
        ("Sat, 10 Oct 2020 00:30:00 +1400", "2020-10-10"),
        ("Fri, 09 Sept 2022 10:00:00 +02:00", "2022-09-09"),
        ("Mon, 09 oct 2020 04:30:38 Z", "2020-10-09"),  // wrong day name, lower-case month
        ("Fri Oct 09 2020 04:30:38 GMT+0000", "2020-10-09"),  // month first
        ("Thu, 29 Feb 2024 12:00:00 GMT", "2024-02-29"),
        ("  Fri, 09 Oct 2020  ", "2020-10-09"),
        ("2020-10-09T04:30:38Z", "2020-10-09"),
        ("2020-10-09", "2020-10-09"),
    ])
    func rfc822DatesInTheirVariants(text: String, iso: String) {
        #expect(RFC822Date.iso(text) == iso)
    }

    @Test(arguments: [
        "", "yesterday", "Fri, 31 Feb 2020 10:00:00 GMT", "Fri, 09 Foo 2020", "Fri, 09 Oct 2020 25:00:00 GMT",
        "Fri, 09 Oct 2020 junk", "09 Oct", "Fri, 09 Oct 123", "2020-13-01", "2020-10-09x", "Fri, 099 Oct 2020",
    ])
    func notDates(text: String) {
        #expect(RFC822Date.iso(text) == nil)
    }

    @Test(arguments: [
        ("1:02:03", 3723), ("01:02:03", 3723), ("62:03", 3723), ("90:00", 5400), ("3723", 3723), ("3723.9", 3723),
        (" 45 ", 45), ("0:00", 0), ("45 min", 2700), ("1h 3min", 3780),
    ])
    func durations(text: String, seconds: Int) {
        #expect(FeedDuration.seconds(text) == seconds)
    }

    @Test(arguments: ["", "1:60:00", "1:00:60", "1:2:3:4", "abc", "-5", "1::2", "12:ab", "99999999999", "1.2.3"])
    func notDurations(text: String) {
        #expect(FeedDuration.seconds(text) == nil)
    }

    @Test(arguments: [
        ("<p>One</p><p>Two!</p>three", "One.\nTwo!\nthree"),
        ("a<br>b<br/>c", "a.\nb.\nc"),
        ("Intro:<ul><li>x</li></ul>", "Intro:\nx"),
        ("a < b and c > d", "a < b and c > d"),  // `< ` is not a tag
        ("x <b", "x <b"),  // no `>` after: text
        ("<p>a</p><script>if (a < b) { alert('</p>') }</script>b", "a.\nb"),
        ("<SCRIPT>bad()</Script>ok", "ok"),
        ("before<!-- <p>hidden</p> -->after", "beforeafter"),
        ("<span>in</span>line <em>words</em>", "inline words"),
        ("&eacute;&Ouml;&ntilde;&Ccedil;&yuml;&#233;&#xE9;&#Xe9;&amp;&nbsp;&hellip;", "éÖñÇÿééé& …"),
        ("&#0; &#xD800; &#x110000;", "\u{FFFD} \u{FFFD} \u{FFFD}"),
        ("&unknown; &amp &#x; &#12a;", "&unknown; &amp &#x; &#12a;"),
        ("  lots \n\t of   space  ", "lots of space"),
        ("<![CDATA[<p>raw &amp;</p>]]>", "<p>raw &amp;</p>"),
        ("<p>unclosed <!-- comment", "unclosed"),
        ("", ""),
    ])
    func htmlToParagraphs(html: String, text: String) {
        #expect(HTMLText.paragraphs(html) == text)
    }

    @Test func htmlScanningIsLinearOnPathologicalInput() {
        // Each `<` without a later `>` must not rescan the rest (quadratic on 200k `<a`).
        let text = String(repeating: "<a", count: 200_000)
        #expect(HTMLText.inline(text) == text)
        let tags = String(repeating: "<p>x", count: 50_000)
        #expect(HTMLText.blocks(tags).count == 50_000)
    }

    @Test func namespaceURIsAreComparedWithoutSchemeCaseOrTrailingSlash() {
        #expect(FeedNamespace.declared("https://www.itunes.com/DTDs/Podcast-1.0.dtd") == .itunes)
        #expect(FeedNamespace.declared("http://purl.org/rss/1.0/modules/content") == .content)
        #expect(FeedNamespace.declared("https://podcastindex.org/namespace/1.0/") == .podcast)
        #expect(FeedNamespace.declared("http://www.w3.org/2005/Atom") == .other)
        #expect(FeedNamespace.declared("") == .rss)
    }

    @Test func fnv1aMatchesPublishedTestVectors() {
        // From the FNV reference test suite (Fowler/Noll/Vo).
        #expect(StableHash.fnv1a64("") == 0xCBF2_9CE4_8422_2325)
        #expect(StableHash.fnv1a64("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(StableHash.fnv1a64("foobar") == 0x8594_4171_F739_67E8)
        #expect(StableHash.fnv1a32("a") == 0xE40C_292C)
        #expect(StableHash.fnv1a32("foobar") == 0xBF9C_F968)
    }

    @Test func hashIDsThatCollideUseTheFullHash() {
        // Found by search outside Swift: `guid-50234` and `guid-60634` both fold to 8cdcd86d;
        // `guid-812` folds to 46105956, which is also a decimal episode number.
        let keys = [
            FeedEpisodeIDs.Key(number: nil, identity: "guid-50234"),
            FeedEpisodeIDs.Key(number: nil, identity: "guid-60634"),
            FeedEpisodeIDs.Key(number: nil, identity: "guid-812"),
            FeedEpisodeIDs.Key(number: 46_105_956, identity: "numbered"),
            FeedEpisodeIDs.Key(number: nil, identity: "a"),
        ]
        #expect(
            FeedEpisodeIDs.assign(showSlug: "s", keys) == [
                "s-fcbc570670608f6b", "s-dad767db560bbfb6", "s-8a0acb80cc1a92d6", "s-46105956", "s-296230c0",
            ])
    }

    @Test func theDeclaredEncodingIsRead() {
        #expect(
            RSSFeed.declaredEncoding(Data(#"<?xml version="1.0" encoding="ISO-8859-1"?><rss/>"#.utf8)) == "iso-8859-1")
        #expect(RSSFeed.declaredEncoding(Data("<?xml version='1.0' encoding = 'UTF-8'?>".utf8)) == "utf-8")
        #expect(RSSFeed.declaredEncoding(Data("<?xml version=\"1.0\"?><rss/>".utf8)) == nil)
        #expect(RSSFeed.declaredEncoding(Data("<rss encoding=\"latin1\"/>".utf8)) == nil)
        #expect(RSSFeed.declaredEncoding(Data([0xFF, 0xFE, 0x3C, 0x00])) == "utf-16")
    }
}
