import Foundation
import Testing

@testable import PodsimCatalogue

@Suite struct NumberedSeedPageTests {
    let page: SeedPage

    init() throws {
        page = try SeedPage.load(path: Fixture.path("numbered-page", "txt"))
    }

    @Test func detectsShowLayoutAndHosts() {
        #expect(page.show == "Cloud Chatter")
        #expect(page.layout == .numbered)
        #expect(page.hosts == ["Jane Roe", "Omar"])
        #expect(
            page.episodes.map(\.id) == ["cloud-chatter-12", "cloud-chatter-11", "cloud-chatter-10", "cloud-chatter-9"])
    }

    @Test func removesLinkListsRepeatedSentencesURLsAndFooter() {
        for episode in page.episodes {
            #expect(!episode.description.contains("Follow the show"), "\(episode.id)")
            #expect(!episode.description.contains("Thanks for listening"), "\(episode.id)")
            #expect(!episode.description.contains("contact information"), "\(episode.id)")
            #expect(!episode.description.contains("loading") && !episode.description.contains("Comments"))
        }
        #expect(
            page.episodes[1].description.hasSuffix(
                "Jane and Omar compare notes on upgrade windows. Read more at today."))
        #expect(page.episodes[3].description == "Holiday special. Jane and Omar look back at the year.")
    }

    @Test func derivesTitlesFromTheFirstSentence() {
        #expect(page.episodes[0].title == "#12: Serverless is not free")
        // Over 80 characters: cut at a word boundary, trailing comma dropped, ellipsis added.
        #expect(
            page.episodes[1].title
                == "#11: Kubernetes upgrades are a chore that nobody volunteers for, and that is exactly…")
    }

    @Test func findsGuestsFromContactLinesButNotHosts() {
        #expect(page.episodes.map(\.guests) == [["Ana Lima"], [], ["Bo Chen"], []])
    }
}

@Suite struct DatedSeedPageTests {
    let page: SeedPage

    init() throws {
        page = try SeedPage.load(path: Fixture.path("dated-page", "txt"))
    }

    @Test func detectsShowLayoutAndHost() {
        #expect(page.show == "Infra Talk")
        #expect(page.layout == .dated)
        #expect(page.hosts == ["Sam Park"])
    }

    @Test func sameDateEpisodesGetASuffixAndTitleLessDatesAreSkipped() {
        #expect(
            page.episodes.map(\.id) == [
                "infra-talk-2025-03-03", "infra-talk-2025-03-03-2", "infra-talk-2025-02-17", "infra-talk-2025-01-20",
            ])
        #expect(page.skipped == [SkippedItem(location: "line 20", reason: "date line without a title line after it")])
    }

    @Test func readsTitlesDatesAndDurations() {
        #expect(page.episodes.map(\.title).first == "Scaling Queues with Rosa Díaz: Lessons Learned")
        #expect(page.episodes.map(\.published) == ["2025-03-03", "2025-03-03", "2025-02-17", "2025-01-20"])
        #expect(page.episodes.map(\.durationSeconds) == [3720, 2700, 1800, 2400])
    }

    @Test func findsGuestsFromLabelsAndTitlesOnly() {
        // `with Terraform:` is one word, `with Sam` is one word and a host: neither is a guest.
        #expect(page.episodes.map(\.guests) == [["Rosa Díaz"], ["Priya Natarajan"], [], []])
    }

    @Test func cleansDescriptionsButKeepsGluedWords() {
        let first = page.episodes[0].description
        #expect(first.hasPrefix("Queues are everywhere. Rosa Díaz explains"))
        #expect(first.contains("QueueCoRosa builds queues"))
        #expect(!first.contains("Links from this episode"))
        #expect(first.hasSuffix("Kafka"))
        #expect(!page.episodes[2].description.contains("github.com"))
    }
}

@Suite struct SeedPageDetectionTests {
    func parse(_ text: String) throws(CatalogueError) -> SeedPage {
        try SeedPage.parse(Data(text.utf8), source: "page.txt")
    }

    @Test func showNameIsTheMostRepeatedTitleLine() throws {
        let page = try parse(
            "Menu\nThe Tiny Show\nSubscribed: 12\nWelcome to The Tiny Show, a tiny show.\n#1: Hello there.\n")
        #expect(page.show == "The Tiny Show")
        #expect(page.episodes.first?.id == "the-tiny-show-1")
    }

    @Test func headerHostsComeFromLabelsHostedByAndRoleLines() throws {
        let page = try parse(
            "Ops Cast\nHosts: Kim Lee and Raj Patel\nOps Cast is hosted by Ana Sousa.\nLu Wang, co-host of Ops Cast\n#1: Hi.\n"
        )
        #expect(page.hosts == ["Kim Lee", "Raj Patel", "Ana Sousa", "Lu Wang"])
    }

    @Test func recurringFirstNamePairsNeedEnoughEpisodes() throws {
        let twice = try parse("Pair Show\n#1: Ann and Bob talk.\n#2: Ann and Bob talk again.\n#3: Solo.\n#4: Solo.\n")
        #expect(twice.hosts.isEmpty)
        let often = try parse(
            "Pair Show\n#1: Ann and Bob talk.\n#2: Ann and Bob talk again.\n#3: Ann and Bob, finally.\n")
        #expect(often.hosts == ["Ann", "Bob"])
    }

    @Test func repeatedNumbersGetSuffixes() throws {
        let page = try parse("Dup Show\n#5: One thing.\n#5: Another thing.\n")
        #expect(page.episodes.map(\.id) == ["dup-show-5", "dup-show-5-2"])
    }

    @Test func numberedItemWithoutTextIsSkipped() throws {
        let page = try parse("Empty Show\n#2:\n#1: Something.\n")
        #expect(page.episodes.map(\.id) == ["empty-show-1"])
        #expect(page.skipped == [SkippedItem(location: "line 2", reason: "item #2 has no text")])
    }

    @Test func pageWithoutItemsIsAnError() throws {
        let error = try #require(
            catalogueError { () throws(CatalogueError) in try parse("Some Show\nJust prose here.\n") })
        #expect(error.kind == .noEpisodes)
        #expect(
            error.message
                == "no episodes found in page.txt; expected `#N:` items or date lines such as `Jul 30, 2025 • 50min`")
    }

    @Test func pageWhoseItemsAreAllSkippedIsAnError() throws {
        let error = try #require(
            catalogueError { () throws(CatalogueError) in try parse("Date Show\nJul 1, 2025 • 5min\n") })
        #expect(error.kind == .noEpisodes)
        #expect(
            error.message
                == "no episodes found in page.txt; 1 item(s) skipped, first at line 2: date line without a title line after it"
        )
    }

    @Test func pageWithoutShowNameIsAnError() throws {
        let error = try #require(
            catalogueError { () throws(CatalogueError) in try parse("#1: Straight to the point.\n") })
        #expect(error.kind == .noShowName)
        #expect(error.line == 1)
    }
}
