import Foundation
import PodsimEpisodes
import PodsimParallel
import Testing

@testable import PodsimCatalogue

@Suite struct CatalogueLoaderTests {
    let numberedPage: String
    let datedPage: String

    init() throws {
        numberedPage = try String(contentsOfFile: Fixture.path("numbered-page", "txt"), encoding: .utf8)
        datedPage = try String(contentsOfFile: Fixture.path("dated-page", "txt"), encoding: .utf8)
    }

    @Test func directoryFilesAreLoadedInNameOrderWithSkipsReported() throws {
        let dir = try TempDirectory()
        try dir.write("b-infra.txt", datedPage)
        try dir.write("a-cloud.txt", numberedPage)
        try dir.write("c-extra.jsonl", #"{"id":"zz-1","show":"Extra","description":"Extra talk."}"#)
        try dir.write("d-feed.xml", "<rss></rss>")
        try dir.write("e-notes.md", "# notes")
        try dir.write(".hidden.txt", "not a page")
        try FileManager.default.createDirectory(atPath: dir.path + "/f-sub", withIntermediateDirectories: false)

        let loaded = try CatalogueLoader.load(paths: [dir.path])
        #expect(
            loaded.sources.map { URL(fileURLWithPath: $0.path).lastPathComponent } == [
                "a-cloud.txt", "b-infra.txt", "c-extra.jsonl", "d-feed.xml", "e-notes.md", "f-sub",
            ])
        #expect(loaded.sources.map(\.format) == [.seedPage, .seedPage, .jsonLines, .rss, .unsupported, .unsupported])
        #expect(loaded.sources.map(\.episodesLoaded) == [4, 4, 1, 0, 0, 0])
        #expect(loaded.sources[1].skipped.map(\.location) == ["line 20"])
        #expect(
            loaded.sources[3].skipped == [
                SkippedItem(
                    location: "whole file",
                    reason: "no <channel> element under <rss>; not an RSS 2.0 feed")
            ])
        #expect(loaded.sources[4].skipped.first?.reason.hasPrefix("extension .md is not a catalogue format") == true)
        #expect(loaded.episodes.count == 9)
        #expect(loaded.episodes.map(\.id) == loaded.episodes.map(\.id).sorted())
        #expect(loaded.hosts == ["Cloud Chatter": ["Jane Roe", "Omar"], "Infra Talk": ["Sam Park"]])
    }

    @Test func explicitFilesAreSniffedByContent() throws {
        let dir = try TempDirectory()
        let jsonl = try dir.write("catalogue.data", #"{"id":"x-1","show":"X","description":"Hello there."}"#)
        let page = try dir.write("page", numberedPage)
        let feed = try dir.write("feed", Data([0xEF, 0xBB, 0xBF]) + FeedXML.feed(FeedXML.item("<title>Hi</title>")))
        let loaded = try CatalogueLoader.load(paths: [jsonl, page, feed])
        #expect(loaded.sources.map(\.format) == [.jsonLines, .seedPage, .rss])
        #expect(loaded.episodes.count == 6)
    }

    @Test func duplicateIDsAcrossSourcesNameBothSources() throws {
        let dir = try TempDirectory()
        let first = try dir.write("one.jsonl", #"{"id":"same","show":"X","description":"a"}"#)
        let second = try dir.write("two.jsonl", #"{"id":"same","show":"Y","description":"b"}"#)
        let error = try #require(
            catalogueError { () throws(CatalogueError) in try CatalogueLoader.load(paths: [first, second]) })
        #expect(error.kind == .duplicateID)
        #expect(error.message == "duplicate episode id \"same\": in \(first) and in \(second)")
    }

    /// Files parse a core at a time, but the error is the first broken file's in name order,
    /// whichever finished first: the large broken file comes first and is reported, not the small
    /// broken one after it that fails sooner.
    @Test func theFirstBrokenFileInOrderIsReported() throws {
        let dir = try TempDirectory()
        let many = (0..<20_000).map { #"{"id":"a-\#($0)","show":"Y","description":"more"}"# }.joined(separator: "\n")
        _ = try dir.write("a.jsonl", many + "\n{\"id\": 7}\n")
        _ = try dir.write("b.jsonl", "{not json\n")
        _ = try dir.write("c.jsonl", #"{"id":"c-1","show":"X","description":"fine"}"#)
        for _ in 0..<5 {
            let error = try #require(catalogueError { () throws(CatalogueError) in try CatalogueLoader.load(paths: [dir.path]) })
            #expect(error.source?.hasSuffix("a.jsonl") == true, "\(error)")
            #expect(error.line == 20_001)
        }
    }

    @Test func theSameFileNamedTwiceIsLoadedOnce() throws {
        let dir = try TempDirectory()
        let file = try dir.write("one.jsonl", #"{"id":"only","show":"X","description":"a"}"#)
        let loaded = try CatalogueLoader.load(paths: [file, dir.path, dir.path + "/./one.jsonl"])
        #expect(loaded.episodes.map(\.id) == ["only"])
        #expect(loaded.sources.count == 1)
    }

    @Test func missingPathIsNamed() throws {
        let error = try #require(
            catalogueError { () throws(CatalogueError) in
                try CatalogueLoader.load(paths: ["/nonexistent/podsim/seeds"])
            })
        #expect(error.kind == .unreadable)
        #expect(error.message == "/nonexistent/podsim/seeds: no such file or directory")
    }

    @Test func anInvalidSourceFailsTheWholeLoad() throws {
        let dir = try TempDirectory()
        try dir.write("a.txt", numberedPage)
        try dir.write("b.jsonl", "{not json}")
        let error = try #require(
            catalogueError { () throws(CatalogueError) in try CatalogueLoader.load(paths: [dir.path]) })
        #expect(error.kind == .invalidJSON && error.line == 1)
    }

    @Test func guestsAreUnifiedAcrossSourcesAndHostsRemovedFromJSONLines() throws {
        let dir = try TempDirectory()
        try dir.write("a.txt", datedPage)
        let lines = [
            #"{"id":"j-1","show":"Infra Talk","description":"d","guests":["Sam Park","Rosa Diaz"]}"#,
            #"{"id":"j-2","show":"Other","description":"d","guests":["Rosa Díaz","Sam Park"]}"#,
        ]
        try dir.write("b.jsonl", lines.joined(separator: "\n"))
        let loaded = try CatalogueLoader.load(paths: [dir.path])
        let guests = Dictionary(uniqueKeysWithValues: loaded.episodes.map { ($0.id, $0.guests) })
        // Sam Park hosts Infra Talk, so he is not a guest there; on another show he is.
        #expect(guests["j-1"] == ["Rosa Díaz"])
        #expect(guests["j-2"] == ["Rosa Díaz", "Sam Park"])
        let rosa = try #require(loaded.guestDirectory().entry(for: "rosa diaz"))
        #expect(rosa.displayName == "Rosa Díaz")
        #expect(rosa.episodeIDs == ["infra-talk-2025-03-03", "j-1", "j-2"])
    }


    /// The guest passes run a chunk of episodes per core: every episode once, in order, for any
    /// count (fewer episodes than chunks, one, none).
    @Test(arguments: [0, 1, 3, 7, 1_001])
    func chunkedPassesKeepEveryEpisodeInOrder(count: Int) {
        let episodes = (0..<count).map { Episode(id: "e\($0)", show: "S", title: "t", description: "d") }
        #expect(concurrentMap(chunksOf: episodes) { $0.id } == episodes.map(\.id))
    }

    /// Guests across many episodes (more than the chunks of a pass) come out as one pass over
    /// all of them gives: hosts removed per show, spellings unified by the directory's choice.
    @Test func guestsOfManyEpisodesAreUnifiedAsOnePassWouldUnifyThem() throws {
        let dir = try TempDirectory()
        try dir.write("a.txt", datedPage)
        let spellings = ["Rosa Diaz", "Rosa Díaz", "Sam Park", "Lee  Chen", "Lee Chen"]
        let lines = (0..<300).map { i in
            let show = i % 3 == 0 ? "Infra Talk" : "Other"
            let guests = [spellings[i % spellings.count], spellings[(i * 7 + 2) % spellings.count]]
            return #"{"id":"j-\#(1000 + i)","show":"\#(show)","description":"d","guests":["\#(guests[0])","\#(guests[1])"]}"#
        }
        try dir.write("b.jsonl", lines.joined(separator: "\n"))
        let loaded = try CatalogueLoader.load(paths: [dir.path])
        #expect(loaded.episodes.filter { $0.id.hasPrefix("j-") }.count == 300)
        for episode in loaded.episodes where episode.id.hasPrefix("j-") {
            let i = Int(episode.id.dropFirst(2))! - 1000
            var expected: [String] = []
            for name in [spellings[i % spellings.count], spellings[(i * 7 + 2) % spellings.count]] {
                let display = name.hasPrefix("Rosa") ? "Rosa Díaz" : name.hasPrefix("Lee") ? "Lee Chen" : name
                if i % 3 == 0 && display == "Sam Park" { continue }  // hosts Infra Talk
                if !expected.contains(display) { expected.append(display) }
            }
            #expect(episode.guests == expected, "\(episode.id)")
        }
    }
    @Test func feedsMixWithSeedPagesAndJSONLinesAndReportWhatTheySkipped() throws {
        let dir = try TempDirectory()
        try dir.write("a-cloud.txt", numberedPage)
        try dir.write(
            "b-extra.jsonl", #"{"id":"zz-1","show":"Extra","description":"Extra talk.","guests":["Ann Lee"]}"#)
        try dir.write(
            "c-feed.rss",
            FeedXML.feed(
                """
                <podcast:person>Jane Roe</podcast:person>
                <item><guid>1</guid><title>One</title><podcast:person role="guest">Ann Lee</podcast:person></item>
                <item><guid>1</guid><title>Dup</title></item>
                <item><guid>2</guid><title>Two</title><pubDate>someday</pubDate></item>
                """, title: "Cloud Chatter"))
        try dir.write("d-list.xml", #"<?xml version="1.0"?><opml version="2.0"><body/></opml>"#)
        let loaded = try CatalogueLoader.load(paths: [dir.path])
        #expect(loaded.sources.map(\.format) == [.seedPage, .jsonLines, .rss, .rss])
        #expect(loaded.sources.map(\.episodesLoaded) == [4, 1, 2, 0])
        let feed = loaded.sources[2]
        #expect(feed.show == "Cloud Chatter")
        #expect(feed.skipped.map(\.reason) == [#"duplicate guid "1" (first used by item 1)"#])
        #expect(feed.notes.map(\.reason) == [#"pubDate "someday" is not an RFC 822 date; kept without a date"#])
        #expect(loaded.sources[3].skipped.map(\.reason) == ["root element <opml> is not an RSS feed; expected <rss>"])
        // The feed and the seed page are one show: their hosts merge, and the guest directory
        // spans the feed and the JSON Lines catalogue.
        #expect(loaded.hosts["Cloud Chatter"] == ["Jane Roe", "Omar"])
        let ann = try #require(loaded.guestDirectory().entry(for: "Ann Lee"))
        #expect(ann.episodeIDs.count == 2 && ann.episodeIDs.contains("zz-1"))
        #expect(loaded.episodes.count == 7)
    }
}
