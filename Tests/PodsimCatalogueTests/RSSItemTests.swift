import Foundation
import Testing

@testable import PodsimCatalogue

/// Item fields, skips, notes and ids.
@Suite struct RSSItemTests {
    @Test func duplicateGuidsAndEmptyItemsAreSkippedWithReasons() throws {
        let feed = try FeedXML.parse(
            """
            <item><guid>abc</guid><title>First</title></item>
            <item><guid>abc</guid><title>Again</title></item>
            <item><guid>xyz</guid><title> </title><description>&lt;p&gt; &lt;/p&gt;</description></item>
            <item><enclosure url="https://example.com/a.mp3"/><title>Audio</title></item>
            <item><enclosure url="https://example.com/a.mp3"/><title>Audio again</title></item>
            """)
        #expect(feed.episodes.map(\.title) == ["First", "Audio"])
        #expect(
            feed.skipped == [
                SkippedItem(location: "item 2 (line 6)", reason: #"duplicate guid "abc" (first used by item 1)"#),
                SkippedItem(location: "item 3 (line 7)", reason: "no title and no description"),
                SkippedItem(
                    location: "item 5 (line 9)",
                    reason: #"duplicate enclosure URL "https://example.com/a.mp3" (first used by item 4)"#),
            ])
    }

    @Test func idsUseUniqueEpisodeNumbersAndHashesOtherwise() throws {
        let feed = try FeedXML.parse(
            """
            <item><guid>g1</guid><title>A</title><itunes:episode>5</itunes:episode></item>
            <item><guid>g2</guid><title>B</title><itunes:episode>5</itunes:episode></item>
            <item><guid>g3</guid><title>C</title><itunes:episode>6</itunes:episode></item>
            <item><guid>g4</guid><title>D</title><podcast:episode>8</podcast:episode></item>
            <item><guid>g5</guid><title>E</title><podcast:episode>8.5</podcast:episode></item>
            """)
        let ids = feed.episodes.map(\.id)
        #expect(ids[2] == "test-show-6")
        #expect(ids[3] == "test-show-8")
        for i in [0, 1, 4] {
            let suffix = ids[i].dropFirst("test-show-".count)
            #expect(ids[i].hasPrefix("test-show-") && suffix.count == 8 && suffix.allSatisfy(\.isHexDigit))
        }
        #expect(Set(ids).count == 5)
        // The colliding numbers are still the episodes' numbers.
        #expect(feed.episodes.map(\.number) == [5, 5, 6, 8, nil])
    }

    @Test func idsDoNotDependOnItemOrderOrOnOtherItems() throws {
        let items = [
            "<item><guid>g1</guid><title>A</title></item>",
            "<item><enclosure url=\"https://example.com/b.mp3\"/><title>B</title></item>",
            "<item><title>C</title><pubDate>Fri, 09 Oct 2020 04:30:38 GMT</pubDate></item>",
            "<item><guid>g4</guid><title>D</title><itunes:episode>4</itunes:episode></item>",
        ]
        let forward = try FeedXML.parse(items.joined())
        let backward = try FeedXML.parse(items.reversed().joined())
        let alone = try items.map { try FeedXML.parse($0).episodes[0] }
        #expect(forward.episodes.map(\.id) == backward.episodes.reversed().map(\.id))
        #expect(forward.episodes.map(\.id) == alone.map(\.id))
        #expect(forward.episodes[3].id == "test-show-4")
    }

    @Test func withoutGuidOrEnclosureTheSameTitleOnAnotherDateIsAnotherEpisode() throws {
        let feed = try FeedXML.parse(
            """
            <item><title>Weekly news</title><pubDate>Mon, 05 Oct 2020 08:00:00 GMT</pubDate></item>
            <item><title>Weekly news</title><pubDate>Mon, 12 Oct 2020 08:00:00 GMT</pubDate></item>
            <item><title>Weekly news</title><pubDate>Mon, 12 Oct 2020 08:00:00 GMT</pubDate></item>
            """)
        #expect(feed.episodes.map(\.published) == ["2020-10-05", "2020-10-12"])
        #expect(feed.skipped.map(\.reason).first?.hasPrefix("duplicate title and date") == true)
    }

    @Test func unreadableDateDurationAndNumberKeepTheEpisodeWithNotes() throws {
        let feed = try FeedXML.parse(
            """
            <item><guid>1</guid><title>A</title><pubDate>sometime in 2020</pubDate>
            <itunes:duration>about an hour</itunes:duration><itunes:episode>3a</itunes:episode></item>
            """)
        let episode = try #require(feed.episodes.first)
        #expect(episode.published == nil && episode.durationSeconds == nil && episode.number == nil)
        #expect(feed.skipped.isEmpty)
        #expect(
            feed.notes.map(\.reason) == [
                #"itunes:episode "3a" is not a whole number; ignored"#,
                #"pubDate "sometime in 2020" is not an RFC 822 date; kept without a date"#,
                #"itunes:duration "about an hour" is not a duration; kept without one"#,
            ])
        #expect(feed.notes.allSatisfy { $0.location == "item 1 (line 5)" })
    }

    @Test func anItemWithOnlyADescriptionGetsADerivedTitle() throws {
        let feed = try FeedXML.parse(
            FeedXML.item(
                "<guid>1</guid><itunes:episode>9</itunes:episode><description>We talk about caching. Then more.</description>"
            ))
        #expect(feed.episodes.first?.title == "#9: We talk about caching")
    }

    @Test func feedsWithoutItemsLoadNoEpisodes() throws {
        let feed = try FeedXML.parse("<description>A new show.</description>")
        #expect(feed.episodes.isEmpty && feed.skipped.isEmpty)
    }
}

/// Descriptions and titles: HTML, entities, CDATA, choice of field, boilerplate.
@Suite struct RSSTextTests {
    @Test func cdataHTMLIsStrippedWithBlocksAsSentenceBreaks() throws {
        let html = """
            <![CDATA[<p>Hello &amp; <b>welcome</b></p><ul><li>Kubernetes</li><li>Docker</li></ul>\
            <script>var x = "<p>hidden</p>";</script><style>p { color: red }</style><!-- note -->\
            <p>Links: <a href="https://example.com/x">https://example.com/x</a></p>]]>
            """
        let feed = try FeedXML.parse(FeedXML.item("<title>T</title><description>\(html)</description>"))
        // The last block is a link list (`Label: URL`), which the boilerplate filter drops.
        #expect(feed.episodes.first?.description == "Hello & welcome. Kubernetes. Docker.")
    }

    @Test func escapedHTMLAndEntitiesAreDecodedOnce() throws {
        let description =
            "&lt;p&gt;Caf&amp;eacute; &amp;#8217;n&amp;#x2019; AT&amp;amp;T &amp;bogus; 3 &amp;lt; 4&lt;/p&gt;"
        let feed = try FeedXML.parse(
            FeedXML.item("<title>Rock &amp;amp; Roll &amp;#8212; Live</title><description>\(description)</description>")
        )
        let episode = try #require(feed.episodes.first)
        #expect(episode.title == "Rock & Roll — Live")
        #expect(episode.description == "Café ’n’ AT&T &bogus; 3 < 4")
    }

    @Test func contentEncodedIsPreferredOnlyWhenLonger() throws {
        let feed = try FeedXML.parse(
            """
            <item><guid>1</guid><title>A</title><description>Short.</description>
              <content:encoded>&lt;p&gt;Longer show notes.&lt;/p&gt;</content:encoded></item>
            <item><guid>2</guid><title>B</title><description>The longer description.</description>
              <content:encoded>Short.</content:encoded></item>
            <item><guid>3</guid><title>C</title><itunes:summary>Only a summary.</itunes:summary></item>
            <item><guid>4</guid><title>D</title><description>Description.</description>
              <itunes:summary>A much longer summary that is not used.</itunes:summary></item>
            """)
        #expect(
            feed.episodes.map(\.description) == [
                "Longer show notes.", "The longer description.", "Only a summary.", "Description.",
            ])
    }

    @Test func sentencesRepeatedAcrossTheFeedAreRemoved() throws {
        let topics = ["caching", "queues", "indexes", "backups"]
        let items = topics.enumerated().map { n, topic in
            FeedXML.item(
                "<guid>\(n)</guid><title>\(topic)</title><description>&lt;p&gt;We talk about \(topic) today."
                    + "&lt;/p&gt;&lt;p&gt;Thanks for listening, and subscribe to the show!&lt;/p&gt;</description>")
        }
        let feed = try FeedXML.parse(items.joined())
        #expect(feed.episodes.map(\.description) == topics.map { "We talk about \($0) today." })
    }
}
