import Foundation
import PodsimEpisodes
import Testing

@testable import PodsimCatalogue

/// Feeds as they are in the wild (`Fixtures/wild/`, written in the style of the hosting
/// platforms that produce them): each carries a fault real feeds carry, and each is read as
/// podcast apps read it, with the repair reported.
@Suite struct WildFeedTests {
    static func path(_ name: String) throws -> String {
        try #require(Bundle.module.url(forResource: name, withExtension: "xml", subdirectory: "Fixtures/wild")).path
    }

    static func load(_ name: String) throws -> RSSFeed {
        try RSSFeed.load(path: path(name))
    }

    @Test func libsynUndeclaredHTMLEntitiesAreResolvedAndUnknownOnesKeptAsText() throws {
        let feed = try Self.load("libsyn-undeclared-entities")
        #expect(feed.show == "Café Ops Radio")
        #expect(feed.episodes.count == 3 && feed.skipped.isEmpty)
        #expect(feed.repairs.resolvedEntities["eacute"] == 6 && feed.repairs.resolvedEntities["nbsp"] == 3)
        #expect(feed.repairs.resolvedEntities.values.reduce(0, +) == 17)
        #expect(feed.repairs.unknownEntities == ["gtgt": 1])
        #expect(
            feed.repairs.lines == [
                "17 HTML entities resolved (&eacute; ×6, &nbsp; ×3, &mdash; ×2, &copy;, &hellip;, …)",
                "1 unknown entity kept as text (&gtgt;)",
            ])
        let tracing = try #require(feed.episodes.first { $0.number == 33 })
        #expect(tracing.title == "Episode 33: Tracing – with Renée Marchetti")
        #expect(tracing.description.contains("sampling &gtgt; logs"))
        #expect(tracing.guests == ["Renée Marchetti"])
        let runbooks = try #require(feed.episodes.first { $0.number == 32 })
        #expect(runbooks.title == "Episode 32: “Runbooks” & Checklists © 2025")
    }

    @Test func aTitleDoesNotInventAGuest() throws {
        let feed = try Self.load("libsyn-undeclared-entities")
        let allHands = try #require(feed.episodes.first { $0.number == 34 })
        #expect(allHands.title == "Episode 34: All Hands on Deck")
        #expect(allHands.description.contains("All Hands call"))
        #expect(allHands.guests.isEmpty)
    }

    @Test func anchorByteOrderMarkLeadingLineAndControlCharactersAreRemoved() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.path("anchor-bom-control-characters")))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF, 0x0A]))
        let feed = try Self.load("anchor-bom-control-characters")
        #expect(feed.show == "Night Shift Notes")
        #expect(feed.repairs.leadingSpace && feed.repairs.controlCharacters == 3)
        #expect(
            feed.repairs.lines == [
                "blank space before the XML declaration removed", "3 control characters removed",
            ])
        #expect(feed.episodes.map(\.title) == ["Charting at 4 a.m.", "Handover Protocols"])
        #expect(feed.episodes[0].description.contains("taught me about commit messages"))
        #expect(feed.episodes[0].guests == ["Tomasz Wróbel"])
    }

    @Test func buzzsproutLatin1IsReadAsWindows1252() throws {
        let feed = try Self.load("buzzsprout-latin1")
        #expect(feed.show == "Les Cafés du Code")
        #expect(feed.hosts == ["Anaïs Lefèvre"])
        #expect(feed.repairs.isEmpty)  // a declaration that tells the truth needs no repair
        let interview = try #require(feed.episodes.first { $0.number == 3 })
        #expect(interview.description.contains("the best teachers – and why he’s still writing one"))
    }

    @Test func honorificsAreNotPartOfAGuestsIdentity() throws {
        let feed = try Self.load("buzzsprout-latin1")
        let guests = feed.episodes.sorted { ($0.number ?? 0) > ($1.number ?? 0) }.map(\.guests)
        // Display names stay as the feed gives them; the key is the person.
        #expect(guests == [["Professor Greg Jackson"], ["Dr. Greg Jackson"], []])
        #expect(GuestName("Professor Greg Jackson") == GuestName("Dr. Greg Jackson"))
        let directory = GuestDirectory(episodes: feed.episodes)
        #expect(directory.count == 1)
        #expect(directory.entries.first?.spellings == ["Professor Greg Jackson", "Dr. Greg Jackson"])
    }

    @Test func aFeedThatTagsPeopleGetsNoGuestsGuessedFromTitles() throws {
        let feed = try Self.load("buzzsprout-latin1")
        // `Coffee With Marcus Bell` would be a title guess, and the text names him: but the feed
        // tags its people elsewhere, so an untagged episode has no guest.
        let coffee = try #require(feed.episodes.first { $0.number == 1 })
        #expect(coffee.title == "Coffee With Marcus Bell" && coffee.description.contains("Marcus Bell joins"))
        #expect(coffee.guests.isEmpty)
        // The same item in a feed without any person tag does get the guest.
        let untagged = try String(contentsOfFile: Self.path("buzzsprout-latin1"), encoding: .isoLatin1)
            .split(separator: "\n").filter { !$0.contains("<podcast:person") }.joined(separator: "\n")
        let plain = try RSSFeed.parse(Data(untagged.utf8), source: "untagged.xml")
        #expect(plain.episodes.first { $0.number == 1 }?.guests == ["Marcus Bell"])
    }

    @Test func art19DeclaredLatin1ButUTF8IsReadAsUTF8AndBareAmpersandsEscaped() throws {
        let feed = try Self.load("art19-wrong-declaration")
        #expect(feed.show == "Zürich Systems")
        #expect(feed.repairs.encoding == "declared ISO-8859-1 but the bytes are UTF-8; read as UTF-8")
        #expect(feed.repairs.bareAmpersands == 7)
        #expect(
            feed.repairs.lines == [
                "declared ISO-8859-1 but the bytes are UTF-8; read as UTF-8", "7 bare `&` escaped",
            ])
        #expect(feed.episodes.map(\.title) == ["Q&A: Queues, Back-pressure & You", "Latency Budgets, Explained"])
        #expect(feed.episodes[0].guests == ["Søren Kjær"])
    }

    @Test func transistorBrokenItemIsSkippedAndTheRestRead() throws {
        let feed = try Self.load("transistor-broken-item")
        #expect(feed.episodes.map(\.title) == ["Feature Flags Without Tears", "Small Pull Requests"])
        #expect(feed.episodes.map(\.number) == [3, 1])
        #expect(feed.skipped.count == 1)
        let skipped = try #require(feed.skipped.first)
        #expect(skipped.location == "item 2 (line 28)")
        #expect(skipped.reason.hasPrefix("line 32, column "))
        #expect(skipped.reason.contains("malformed XML: a closing tag that does not match the open element"))
        #expect(feed.repairs.bareLessThans == 1)
        #expect(feed.episodes[0].description.contains("When flag count < team size"))
    }

    @Test func podigeeChannelLanguageIsTheFeedsLanguage() throws {
        let feed = try Self.load("podigee-german")
        #expect(feed.language == "de-DE" && feed.show == "Holz & Haus")
        #expect(feed.repairs.lines == ["4 HTML entities resolved (&auml; ×3, &uuml;)"])
        #expect(feed.episodes.map(\.title) == ["Das Haus am See", "Dächer im Winter", "Fenster aus Holz"])
        #expect(try Self.load("transistor-broken-item").language == "en")
        #expect(try Self.load("buzzsprout-latin1").language == "en-us")
    }

    @Test func aFileThatIsNotXMLIsRefusedClearly() throws {
        let path = try Self.path("not-xml")
        let failure = try #require(catalogueError { () throws(CatalogueError) in try RSSFeed.load(path: path) })
        #expect(failure.kind == .malformedXML && failure.line == 1)
        #expect(failure.message == "\(path): not XML: it starts with \"404 Not Found··The feed \", where a feed starts with `<?xml` or `<rss`")
    }

    @Test func theLoaderReportsRepairsAndSkipsPerFeed() throws {
        let directory = try #require(
            Bundle.module.url(forResource: "libsyn-undeclared-entities", withExtension: "xml", subdirectory: "Fixtures/wild")
        ).deletingLastPathComponent().path
        let failure = try #require(
            catalogueError { () throws(CatalogueError) in try CatalogueLoader.load(paths: [directory]) })
        #expect(failure.message.contains("not-xml.xml: not XML"))  // a non-XML .xml file still fails the load
        let feeds = try ["anchor-bom-control-characters", "art19-wrong-declaration", "buzzsprout-latin1",
            "libsyn-undeclared-entities", "transistor-broken-item"].map(Self.path)
        let loaded = try CatalogueLoader.load(paths: feeds)
        #expect(loaded.sources.map(\.episodesLoaded) == [2, 2, 3, 3, 2])
        #expect(loaded.sources.map { $0.repairs.lines.count } == [2, 2, 0, 2, 1])
        #expect(loaded.sources.map(\.skipped.count) == [0, 0, 0, 0, 1])
        #expect(loaded.guestDirectory().entry(for: "Greg Jackson")?.episodeIDs.count == 2)
    }
}
