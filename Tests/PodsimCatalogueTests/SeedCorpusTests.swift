import Foundation
import PodsimEpisodes
import Testing

@testable import PodsimCatalogue

/// The real seed pages in `seeds/` (fixed repo layout: `Tests/PodsimCatalogueTests/` is two
/// levels below the package root).
enum Seeds {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds")

    static func path(_ prefix: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        let name = try #require(names.first { $0.hasPrefix(prefix) }, "no seed file starting with \(prefix)")
        return directory.appendingPathComponent(name).path
    }

    static func page(_ prefix: String) throws -> SeedPage {
        try SeedPage.load(path: path(prefix))
    }
}

@Suite struct SeedCorpusTests {
    /// Loaded once per test process: every test reads the same result.
    static let loaded = Result { () throws(CatalogueError) in try CatalogueLoader.load(paths: [Seeds.directory.path]) }

    let catalogue: LoadedCatalogue

    init() throws {
        catalogue = try Self.loaded.get()
    }

    func episode(_ id: String) throws -> Episode {
        try #require(catalogue.episodes.first { $0.id == id }, "no episode \(id)")
    }

    @Test func loadsTwentyDevOpsParadoxAndTenPlatformEngineeringEpisodes() {
        let byShow = Dictionary(grouping: catalogue.episodes, by: \.show).mapValues(\.count)
        #expect(byShow == ["DevOps Paradox": 20, "Platform Engineering Podcast": 10])
        let numbers = catalogue.episodes.compactMap(\.number).sorted()
        #expect(numbers == Array(322...341))
        #expect(catalogue.episodes.map(\.id) == catalogue.episodes.map(\.id).sorted())
        #expect(catalogue.sources.map(\.episodesLoaded) == [20, 10])
        #expect(catalogue.sources.allSatisfy { $0.format == .seedPage && $0.skipped.isEmpty })
    }

    @Test func twentyEpisodesHaveExactlyOneGuestAndTheRestNone() {
        let counts = catalogue.episodes.map(\.guests.count)
        #expect(counts.filter { $0 == 1 }.count == 20)
        #expect(counts.filter { $0 == 0 }.count == 10)
    }

    @Test func eighteenDistinctGuestsWithTwoOnBothShows() throws {
        #expect(catalogue.guestDirectory().count == 18)
        for name in ["Pete Hunt", "Mark Fussell"] {
            let entry = try #require(catalogue.guestDirectory().entry(for: name))
            let shows = Set(entry.episodeIDs.compactMap { id in catalogue.episodes.first { $0.id == id }?.show })
            #expect(shows.count == 2, "\(name) should appear on both shows")
        }
    }

    @Test func hostsAreDetectedAndNeverGuests() throws {
        #expect(catalogue.hosts["DevOps Paradox"] == ["Darin Pope", "Viktor"])
        #expect(catalogue.hosts["Platform Engineering Podcast"] == ["Cory O'Daniel"])
        let hostKeys = Set(
            ["Darin Pope", "Darin", "Viktor", "Cory O'Daniel", "Cory O’Daniel", "Cory"].map(GuestName.key))
        for episode in catalogue.episodes {
            #expect(
                episode.guests.allSatisfy { !hostKeys.contains(GuestName.key(for: $0)) },
                "\(episode.id): \(episode.guests)")
        }
    }

    @Test(arguments: [
        ("devops-paradox-341", "Trevor Stuart"),
        ("devops-paradox-322", "Mathias Buus Madsen"),
        ("devops-paradox-328", "Alex Gusev"),
        ("devops-paradox-325", "Whitney"),
        ("platform-engineering-podcast-2025-07-30", "Pete Hunt"),
        ("platform-engineering-podcast-2025-05-28", "Gene Kim"),
        ("platform-engineering-podcast-2025-04-30", "Danny Allan"),
        ("platform-engineering-podcast-2025-04-16", "Lukas Gentele"),
        ("platform-engineering-podcast-2025-03-19", "Dave Lucia"),
        ("platform-engineering-podcast-2025-02-26", "Sören Martius"),
    ])
    func knownGuests(id: String, guest: String) throws {
        #expect(try episode(id).guests == [guest])
    }

    @Test func platformEngineeringEpisodesHaveTitlesDatesAndDurations() throws {
        let first = try episode("platform-engineering-podcast-2025-07-30")
        #expect(first.title == "From React to Dagster: Pete Hunt on Data, Infra, and AI-Ready Platforms")
        #expect(first.published == "2025-07-30")
        #expect(first.durationSeconds == 50 * 60)
        #expect(first.number == nil)
        #expect(try episode("platform-engineering-podcast-2025-02-26").durationSeconds == 3600 + 3 * 60)
    }

    @Test func platformEngineeringDescriptionsKeepGluedTextButNoURLs() throws {
        let first = try episode("platform-engineering-podcast-2025-07-30")
        #expect(first.description.contains("workflowsThe"))
        #expect(first.description.hasPrefix("Is Postgres actually a better message queue than Kafka?"))
        // Seen in 7 of the 10 descriptions (glued), so it is detected as boilerplate there.
        #expect(!first.description.contains("Links to interesting things from this episode"))
        for episode in catalogue.episodes where episode.show == "Platform Engineering Podcast" {
            #expect(
                !episode.description.contains("://") && !episode.description.contains("github.com/"), "\(episode.id)")
        }
    }

    @Test func devOpsParadoxDescriptionsDropContactAndShowBoilerplate() throws {
        for episode in catalogue.episodes where episode.show == "DevOps Paradox" {
            for phrase in [
                "YouTube channel", "Review the podcast", "Slack:", "Connect with us", "contact information", "http",
            ] {
                #expect(!episode.description.contains(phrase), "\(episode.id) still has \(phrase)")
            }
            #expect(episode.published == nil)
        }
        let last = try episode("devops-paradox-341")
        #expect(last.description.hasSuffix("why finding your 'why' matters more than any exit."))
    }

    @Test func devOpsParadoxTitlesAreNumberedFirstSentences() throws {
        #expect(
            try episode("devops-paradox-341").title
                == "#341: Nobody's arguing about whether you need feature flags in 2026")
        let long = try episode("devops-paradox-337").title
        #expect(long.hasPrefix("#337: Time series databases have become essential infrastructure"))
        #expect(long.hasSuffix("…"))
        for episode in catalogue.episodes where episode.show == "DevOps Paradox" {
            #expect(episode.title.hasPrefix("#\(episode.number ?? -1): "))
            #expect(episode.title.count <= "#341: ".count + EpisodeTitle.maxSentenceCharacters + 1)
        }
    }

    @Test func parsingIsDeterministic() throws {
        let again = try CatalogueLoader.load(paths: [Seeds.directory.path])
        #expect(again.episodes == catalogue.episodes)
        #expect(again.hosts == catalogue.hosts)
        #expect(again.guestDirectory().entries == catalogue.guestDirectory().entries)
    }

    @Test func seedPagesRoundTripThroughJSONLines() throws {
        let text = JSONLCatalogue.encode(catalogue.episodes)
        #expect(try JSONLCatalogue.decode(Data(text.utf8), source: "round-trip.jsonl") == catalogue.episodes)
    }
}
