import Foundation
import PodsimEpisodes
import Testing

@testable import PodsimCatalogue

/// The real-world feeds in Fixtures/ (see ATTRIBUTION.md there).
@Suite struct RSSFixtureTests {
    @Test func podcastIndexExampleCurrentForm() throws {
        let feed = try RSSFeed.load(path: Fixture.path("podcastindex-example", "xml"))
        #expect(feed.show == "Podcasting 2.0 Namespace Example")
        // The <podcast:liveItem> is not an episode; the three <item>s are.
        #expect(
            feed.episodes.map(\.title) == ["Episode 3 - The Future", "Episode 2 - The Present", "Episode 1 - The Past"])
        #expect(feed.episodes.map(\.id) == (1...3).reversed().map { "podcasting-2-0-namespace-example-\($0)" })
        #expect(feed.episodes.map(\.number) == [3, 2, 1])
        #expect(feed.episodes.map(\.published) == ["2020-10-09", "2020-10-08", "2020-10-07"])
        // Dave Jones is the guest of each; Adam Curry (no role: host) and the `visuals` group
        // cover artists (Becky Smith, Marcus Brown, Jebick Morton) are not guests.
        #expect(feed.episodes.map(\.guests) == [["Dave Jones"], ["Dave Jones"], ["Dave Jones"]])
        #expect(feed.hosts == ["Adam Curry"])
        #expect(
            feed.episodes[0].description
                == "A look into the future of podcasting and how we get to Podcasting 2.0!")
        #expect(feed.skipped.isEmpty && feed.notes.isEmpty)
    }

    @Test func podcastIndexExampleLegacyAttributeFormAndFirstNamespaceURI() throws {
        let feed = try RSSFeed.load(path: Fixture.path("podcastindex-example-legacy", "xml"))
        #expect(feed.episodes.count == 3)
        #expect(feed.episodes.map(\.guests) == [["Dave Jones"], ["Dave Jones"], ["Dave Jones"]])
        #expect(feed.hosts == ["Adam Curry"])
        #expect(feed.episodes.map(\.number) == [3, 2, 1])
        #expect(
            feed.episodes[1].description
                == "Where are we at now in the podcasting era. What are the current challenges?")
    }

    @Test func bothPodcastIndexFormsGiveTheSameEpisodes() throws {
        let current = try RSSFeed.load(path: Fixture.path("podcastindex-example", "xml"))
        let legacy = try RSSFeed.load(path: Fixture.path("podcastindex-example-legacy", "xml"))
        #expect(current.episodes == legacy.episodes)
    }

    /// gpodder/podcastparser's expected output for the same feed, where the two overlap.
    @Test func gpodderFeedWithoutNamespaceDeclarationsMatchesPodcastparser() throws {
        let feed = try RSSFeed.load(path: Fixture.path("gpodder-episode-podcast-person", "rss"))
        let json = try #require(
            JSONSerialization.jsonObject(with: Fixture.data("gpodder-episode-podcast-person", "json")) as? [String: Any]
        )
        let expectedEpisodes = try #require(json["episodes"] as? [[String: Any]])
        #expect(feed.show == json["title"] as? String)
        #expect(feed.episodes.map(\.title) == expectedEpisodes.map { $0["title"] as? String ?? "" })
        #expect(feed.episodes.map(\.description) == expectedEpisodes.map { $0["description"] as? String ?? "" })
        // podcastparser reports `published: 0` and `total_time: 0` for "unknown".
        #expect(feed.episodes.map(\.published) == [nil])
        #expect(feed.episodes.map(\.durationSeconds) == [nil])

        let persons = try #require(expectedEpisodes.first?["persons"] as? [[String: Any]])
        func names(role: String) -> [String] {
            persons.filter { $0["role"] as? String == role && $0["group"] as? String == "cast" }
                .compactMap { $0["name"] as? String }
        }
        #expect(names(role: "guest") == ["Stephanie Smith"])
        #expect(feed.episodes.map(\.guests) == [names(role: "guest")])
        #expect(feed.hosts == names(role: "host"))
        #expect(feed.hosts == ["John Doe"])

        // No guid and no number: the id hashes the enclosure URL, which podcastparser also uses
        // as the guid. FNV-1a 64 of it is 042f98d598ed0dfe, folded 9cc2952b (computed outside
        // Swift); pinned because ids must not change between releases.
        #expect(expectedEpisodes.first?["guid"] as? String == "http://example.org/example.mp3")
        #expect(feed.episodes.map(\.id) == ["podcast-9cc2952b"])
    }

    @Test func loadingBothPodcastIndexFormsTogetherReportsTheSharedIDs() throws {
        let paths = try [
            Fixture.path("podcastindex-example", "xml"), Fixture.path("podcastindex-example-legacy", "xml"),
        ]
        let error = try #require(catalogueError { () throws(CatalogueError) in try CatalogueLoader.load(paths: paths) })
        #expect(error.kind == .duplicateID)
        #expect(error.message.hasPrefix("duplicate episode id \"podcasting-2-0-namespace-example-"))
    }
}
