import Foundation
import Testing

@testable import PodsimCatalogue

/// Guests and hosts from `podcast:person` tags, and the text fallback without them.
@Suite struct RSSPersonTests {
    @Test func channelPersonsAreTheDefaultAndItemPersonsReplaceThem() throws {
        let feed = try FeedXML.parse(
            """
            <podcast:person role="guest">Ann Lee</podcast:person>
            <podcast:person>Sam Host</podcast:person>
            \(FeedXML.item("<guid>1</guid><title>Default cast</title>"))
            \(FeedXML.item(#"<guid>2</guid><title>Own guest</title><podcast:person role="guest">Bo Chen</podcast:person>"#))
            \(FeedXML.item(
                #"<guid>3</guid><title>Only art</title><description>Guest: Zed Zulu, CTO of Acme.</description>"#
                + #"<podcast:person group="visuals" role="cover art designer">Cy Art</podcast:person>"#))
            """)
        #expect(feed.episodes.map(\.guests) == [["Ann Lee"], ["Bo Chen"], []])
        #expect(feed.hosts == ["Sam Host"])
    }

    @Test func roleAndGroupAreCaseInsensitiveAndOnlyTheCastGroupHasGuests() throws {
        let persons = [
            #"<podcast:person role="GUEST" group="Cast">Ann Lee</podcast:person>"#,
            #"<podcast:person role="Guest">Bo Chen</podcast:person>"#,
            #"<podcast:person role="guest" group="Visuals">Cy Art</podcast:person>"#,
            #"<podcast:person group="CAST">Di Host</podcast:person>"#,
            #"<podcast:person role="Co-Host">Ed Cohost</podcast:person>"#,
            #"<podcast:person role="guest host">Flo Standin</podcast:person>"#,
        ]
        let feed = try FeedXML.parse(FeedXML.item("<title>T</title>" + persons.joined()))
        #expect(feed.episodes.first?.guests == ["Ann Lee", "Bo Chen"])
        // A guest host fills in for one episode: neither a guest nor a host of the show.
        #expect(feed.hosts == ["Di Host", "Ed Cohost"])
    }

    @Test func textFormWinsOverTheLegacyNameAttributeAndNamelessTagsAreIgnored() throws {
        let feed = try FeedXML.parse(
            FeedXML.item(
                #"<title>T</title><podcast:person role="guest" name="Old Name">New Name</podcast:person>"#
                    + #"<podcast:person role="guest" name="Attr Only"/><podcast:person role="guest">  </podcast:person>"#
                    + #"<podcast:person role="guest">Ann  Lee</podcast:person><podcast:person role="guest">ann lee</podcast:person>"#
            ))
        #expect(feed.episodes.first?.guests == ["New Name", "Attr Only", "Ann Lee"])
    }

    @Test func aPersonTaggedAsGuestAnywhereIsNotAShowHost() throws {
        let feed = try FeedXML.parse(
            FeedXML.item(#"<guid>1</guid><title>A</title><podcast:person>Ann Lee</podcast:person>"#)
                + FeedXML.item(#"<guid>2</guid><title>B</title><podcast:person role="guest">Ann Lee</podcast:person>"#)
                + FeedXML.item(#"<guid>3</guid><title>C</title><podcast:person>Sam Host</podcast:person>"#))
        #expect(feed.hosts == ["Sam Host"])
        #expect(feed.episodes.map(\.guests) == [[], ["Ann Lee"], []])
    }

    @Test func withoutPersonTagsGuestsComeFromTheTextAndAuthorNamesArePossibleHosts() throws {
        let feed = try FeedXML.parse(
            """
            <itunes:author>Jane Roe</itunes:author>
            \(FeedXML.item("<guid>1</guid><title>Scaling Postgres with Ann Lee</title>"
                + "<description>Ann Lee joins Jane Roe to talk about Postgres.</description>"))
            \(FeedXML.item("<guid>2</guid><title>Queues</title>"
                + "<description>&lt;p&gt;Guest: Bo Chen, CTO of Acme&lt;/p&gt;&lt;p&gt;We talk queues.&lt;/p&gt;</description>"))
            \(FeedXML.item("<guid>3</guid><title>Solo</title><description>Guest: Jane Roe, host.</description>"))
            """)
        #expect(feed.hosts == ["Jane Roe"])
        #expect(feed.episodes.map(\.guests) == [["Ann Lee"], ["Bo Chen"], []])
    }

    @Test func anEpisodeWithoutTagsInAFeedThatHasThemStillGetsTextGuests() throws {
        let feed = try FeedXML.parse(
            FeedXML.item(#"<guid>new</guid><title>New</title><podcast:person role="guest">Ann Lee</podcast:person>"#)
                + FeedXML.item("<guid>old</guid><title>Old</title><description>Guest: Bo Chen, founder.</description>"))
        #expect(feed.episodes.map(\.guests) == [["Ann Lee"], ["Bo Chen"]])
    }

    @Test(arguments: ["john@example.com (John Doe)", "NPR", "The Changelog Media"])
    func itunesAuthorThatIsNotAPersonNamesNoHost(author: String) throws {
        let feed = try FeedXML.parse(
            "<itunes:author>\(author)</itunes:author>"
                + FeedXML.item("<title>T</title><description>Guest: Bo Chen, founder.</description>"))
        #expect(feed.hosts.isEmpty)
        #expect(feed.episodes.first?.guests == ["Bo Chen"])
    }

    @Test func itunesAuthorIsIgnoredWhenTheFeedTagsItsHosts() throws {
        let feed = try FeedXML.parse(
            "<itunes:author>Jane Roe</itunes:author><podcast:person>Sam Host</podcast:person>"
                + FeedXML.item("<title>T</title>"))
        #expect(feed.hosts == ["Sam Host"])
    }

    @Test func recurringFirstNamePairsAreHostsForTextExtraction() throws {
        let items = (1...4).map { n in
            FeedXML.item(
                "<guid>\(n)</guid><title>Topic \(n)</title><description>Darin and Viktor talk about topic \(n).</description>"
            )
        }
        let feed = try FeedXML.parse(items.joined())
        #expect(feed.hosts == ["Darin", "Viktor"])
    }
}

/// Namespace handling: by URI when declared, by conventional prefix when not.
@Suite struct RSSNamespaceTests {
    @Test func namespacesDeclaredUnderOtherPrefixesAreRecognised() throws {
        let declarations = """
            xmlns:pc="https://podcastindex.org/namespace/1.0" xmlns:it="http://www.itunes.com/dtds/podcast-1.0.dtd" \
            xmlns:c="http://purl.org/rss/1.0/modules/content/"
            """
        let feed = try FeedXML.parse(
            FeedXML.item(
                #"<title>T</title><it:episode>7</it:episode><it:duration>1:02:03</it:duration>"#
                    + #"<description>Short.</description><c:encoded>Much longer show notes.</c:encoded>"#
                    + #"<pc:person role="guest">Ann Lee</pc:person>"#),
            declarations: declarations)
        let episode = try #require(feed.episodes.first)
        #expect(episode.id == "test-show-7")
        #expect(episode.number == 7)
        #expect(episode.durationSeconds == 3723)
        #expect(episode.description == "Much longer show notes.")
        #expect(episode.guests == ["Ann Lee"])
    }

    @Test func conventionalPrefixesBoundToOtherURIsAreNotThoseNamespaces() throws {
        let declarations = #"xmlns:podcast="http://example.com/not-podcasting" xmlns:itunes="http://example.com/x""#
        let feed = try FeedXML.parse(
            FeedXML.item(
                #"<title>T</title><itunes:episode>7</itunes:episode><podcast:person role="guest">Ann Lee</podcast:person>"#
                    + "<description>No guests here.</description>"),
            declarations: declarations)
        let episode = try #require(feed.episodes.first)
        #expect(episode.number == nil)
        #expect(episode.guests.isEmpty)
    }

    @Test func aDefaultNamespaceOnOneElementIsResolved() throws {
        let feed = try FeedXML.parse(
            FeedXML.item(
                #"<title>T</title><person xmlns="https://podcastindex.org/namespace/1.0" role="guest">Ann Lee</person>"#
            ))
        #expect(feed.episodes.first?.guests == ["Ann Lee"])
    }

    @Test func undeclaredConventionalPrefixesWork() throws {
        let feed = try FeedXML.parse(
            FeedXML.item(
                "<title>T</title><itunes:episode>12</itunes:episode><content:encoded>Long notes here.</content:encoded>"
                    + #"<podcast:person role="guest">Ann Lee</podcast:person>"#),
            declarations: "")
        let episode = try #require(feed.episodes.first)
        #expect(episode.id == "test-show-12")
        #expect(episode.description == "Long notes here.")
        #expect(episode.guests == ["Ann Lee"])
    }

    @Test func titlesOfOtherElementsDoNotReplaceTheShowOrEpisodeTitle() throws {
        let feed = try FeedXML.parse(
            """
            <image><title>Logo title</title><url>https://example.com/a.png</url></image>
            <item xmlns:media="http://search.yahoo.com/mrss/">
              <media:title>Media title</media:title><title>Real title</title>
              <podcast:alternateEnclosure><title>Nested</title></podcast:alternateEnclosure>
            </item>
            <item><guid>2</guid><itunes:title>Only the iTunes title</itunes:title></item>
            """,
            title: "Real Show")
        #expect(feed.show == "Real Show")
        #expect(feed.episodes.map(\.title) == ["Real title", "Only the iTunes title"])
    }
}
