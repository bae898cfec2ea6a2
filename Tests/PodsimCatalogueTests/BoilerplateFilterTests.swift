import PodsimEpisodes
import Testing

@testable import PodsimCatalogue

@Suite struct BoilerplateFilterTests {
    @Test func linkListBlocksAreDroppedEvenWhenTheLabelStandsApart() {
        let text =
            "Real content here.   Ann's contact information:  X: https://x.com/ann LinkedIn: https://linkedin.com/in/ann   Join us: https://example.com/join"
        #expect(BoilerplateFilter.clean([text]) == ["Real content here."])
    }

    @Test func aSentenceWithAURLKeepsItsWords() {
        let text = "See the demo at https://example.com/demo which shows the whole flow."
        #expect(BoilerplateFilter.clean([text]) == ["See the demo at which shows the whole flow."])
        #expect(!BoilerplateFilter.isLinkList("See the demo at https://example.com/demo which shows it."))
        #expect(BoilerplateFilter.isLinkList("Review the podcast on Apple Podcasts: https://example.com/review"))
    }

    @Test func sentencesInHalfOfThreeOrMoreEpisodesAreBoilerplate() {
        let texts = [
            "Episode about queues. Subscribe and tell a friend today.",
            "Episode about caches. Subscribe and tell a friend today.",
            "Episode about logs. Nothing else.",
            "Episode about metrics.",
        ]
        #expect(
            BoilerplateFilter.clean(texts) == [
                "Episode about queues.", "Episode about caches.", "Episode about logs. Nothing else.",
                "Episode about metrics.",
            ])
    }

    @Test func sentencesInUnderHalfTheEpisodesStay() {
        let texts = [
            "Episode about queues. Subscribe and tell a friend today.",
            "Episode about caches.",
            "Episode about logs.",
        ]
        #expect(BoilerplateFilter.clean(texts) == texts)
    }

    @Test func repeatsNeedAtLeastThreeEpisodes() {
        let texts = ["Queues. Subscribe and tell a friend today.", "Caches. Subscribe and tell a friend today."]
        #expect(BoilerplateFilter.clean(texts) == texts)
    }

    @Test func shortRepeatedFragmentsAreNotJudged() {
        let texts = [
            "Key topics: queues and streams.", "Key topics: caches and stores.", "Key topics: logs and traces.",
        ]
        #expect(BoilerplateFilter.clean(texts) == texts)
    }

    @Test func gluedRepeatsAreFoundAndRemovedWithoutUngluingTheRest() {
        let texts = [
            "Queues scale workflowsThe end of Kafka.Links to things from this episode:Kafka",
            "Caches are hard to invalidate.Links to things from this episode:Redis",
            "Logs are data.Links to things from this episode:Loki",
        ]
        #expect(
            BoilerplateFilter.clean(texts) == [
                "Queues scale workflowsThe end of Kafka. Kafka",
                "Caches are hard to invalidate. Redis",
                "Logs are data. Loki",
            ])
    }

    @Test func aSentenceGluedAfterAPeriodGetsASpaceButDottedNamesDoNot() {
        #expect(
            BoilerplateFilter.clean(["Engineer at Syntasso.A hands-on person."]) == [
                "Engineer at Syntasso. A hands-on person."
            ])
        #expect(BoilerplateFilter.clean(["We use Node.JS and ASP.NET daily."]) == ["We use Node.JS and ASP.NET daily."])
    }

    @Test func bareHostPathURLsAreRemoved() {
        #expect(URLDetector.isURL("github.com/prequel-dev"))
        #expect(URLDetector.isURL("Xprequel.devgithub.com/prequel-devPrequel,"))
        #expect(URLDetector.isURL("(www.example.org)"))
        #expect(!URLDetector.isURL("CI/CD"))
        #expect(!URLDetector.isURL("Terraform/OpenTofu"))
        #expect(!URLDetector.isURL("1.33"))
    }
}
