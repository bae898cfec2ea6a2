import PodsimEpisodes
import Testing

@testable import PodsimCatalogue

@Suite struct GuestExtractorTests {
    let extractor = GuestExtractor()

    @Test func labelTakesTheNameUpToTheCommaAndTrimsSpaces() {
        #expect(
            extractor.guests(title: nil, text: "Guest: Danny Allan , Chief Technology Officer at Snyk") == [
                "Danny Allan"
            ])
    }

    @Test func labelGluedToTheSentencesAroundIt() {
        let text = "no CRE exists yetGuest: Tony Meehan, CTO at PrequelTony is an engineering leader."
        #expect(extractor.guests(title: nil, text: text) == ["Tony Meehan"])
    }

    @Test func labelWithoutACommaTakesTheCapitalizedRun() {
        #expect(extractor.guests(title: nil, text: "Guest: Pete Hunt is the CEO of Dagster.") == ["Pete Hunt"])
        #expect(extractor.guests(title: nil, text: "Guest: Whitney") == ["Whitney"])
    }

    @Test func labelListingSeveralNamesGivesEach() {
        #expect(extractor.guests(title: nil, text: "Guest: Ann Lee and Bo Chen, founders of X") == ["Ann Lee", "Bo Chen"])
        #expect(extractor.guests(title: nil, text: "Guest: Pete Hunt is the CEO of Dagster and Twitter alum") == ["Pete Hunt"])
    }

    @Test func contactLineWidensToTheFullNameInTheText() {
        let text =
            "We talk with Mathias Buus Madsen, creator of Pear.   Mathias' contact information: X: https://x.com/m"
        #expect(extractor.guests(title: nil, text: text) == ["Mathias Buus Madsen"])
        let curly = "Alex Gusev from Uploadcare joins.   Alex’s contact information: X: https://x.com/a"
        #expect(extractor.guests(title: nil, text: curly) == ["Alex Gusev"])
    }

    @Test func contactLineWithoutAFullNameKeepsTheNameAsGiven() {
        let text = "Whitney walks the floor. Whitney's contact information: X: https://x.com/w"
        #expect(extractor.guests(title: nil, text: text) == ["Whitney"])
    }

    @Test(arguments: [
        ("vCluster with Lukas Gentele: Rethinking Multi-Tenancy", "Lukas Gentele joins.", ["Lukas Gentele"]),
        ("Smart TV Testing Made Simple with Dave Lucia of TV Labs", "Dave Lucia, CTO.", ["Dave Lucia"]),
        ("Portability, and Durable Systems with Mark Fussell", "Mark Fussell joins.", ["Mark Fussell"]),
        ("From DevOps to 'Vibe Coding': Gene Kim on AI-Assisted Development", "Gene Kim talks.", ["Gene Kim"]),
        ("Snyk’s Danny Allan on Making Security Developer-Friendly", "Allan shares.", ["Danny Allan"]),
        ("Building Better Platforms with Dapr: Abstractions", "Dapr is a runtime.", []),
        ("Scaling Up with Platform Teams", "How platform teams scale.", []),
        ("Kubernetes With TV Labs", "TV Labs tests televisions.", []),
    ])
    func titlePatterns(title: String, text: String, expected: [String]) {
        #expect(extractor.guests(title: title, text: text) == expected)
    }

    @Test func derivedTitlesAreNotSearched() {
        // A nil title stands for a title derived from the text: `with Ann Lee` there is prose.
        #expect(extractor.guests(title: nil, text: "We argued with Ann Lee about it.") == [])
    }

    @Test func hostsAreNeverGuestsByFullOrFirstName() {
        let hosted = GuestExtractor(hosts: HostSet(["Cory O’Daniel", "Darin Pope"]))
        #expect(hosted.guests(title: "Testing with Cory O'Daniel", text: "Cory O'Daniel hosts.") == [])
        #expect(hosted.guests(title: nil, text: "Guest: Darin, producer") == [])
        #expect(hosted.guests(title: nil, text: "Guest: Darin Smith, producer") == ["Darin Smith"])
    }

    @Test func guestsAreDedupedAndOrderedByFirstAppearance() {
        let title = "Queues with Rosa Díaz: Lessons"
        let text =
            "Bo Chen and Rosa Diaz talk.Guest: Rosa Díaz, engineer. Guest: Bo Chen, founder. Bo's contact information: X: https://x.com/bo"
        #expect(extractor.guests(title: title, text: text) == ["Rosa Díaz", "Bo Chen"])
    }
}
