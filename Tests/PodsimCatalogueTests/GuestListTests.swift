import Foundation
import PodsimEpisodes
import Testing

@testable import PodsimCatalogue

/// One way to clean a guest list (`GuestList.unique`), used by feed person tags, JSON Lines,
/// text extraction and the loader alike; honorifics; titles that only look like names.
@Suite struct GuestListTests {
    @Test func blanksHonorificsAloneHostsAndRepeatsGo() {
        let hosts = HostSet(["Darin Pope"])
        let names = ["Ann Lee", "  ", "", "Dr.", "Darin", "Darin Pope", "ann  LEE", "Prof. Bo Chen", "Bo Chen"]
        #expect(GuestList.unique(names, excluding: hosts).map(\.display) == ["Ann Lee", "Prof. Bo Chen"])
    }

    @Test func honorificsAreNotPartOfTheKeyAndTheDisplayIsKept() {
        for spelling in ["Dr. Greg Jackson", "Dr Greg Jackson", "Professor Greg Jackson", "Prof. Greg Jackson",
            "Mr. Greg Jackson", "Sir Greg Jackson", "greg jackson"]
        {
            #expect(GuestName.key(for: spelling) == "greg jackson", "\(spelling)")
        }
        #expect(GuestName("Dr. Greg Jackson").display == "Dr. Greg Jackson")
        #expect(GuestName("Mrs. Ann Lee").firstNameKey == "ann" && GuestName("Ms. Ann Lee").wordCount == 2)
        // A name that is only a title-like word stays a name.
        #expect(GuestName.key(for: "Sir") == "sir")
    }

    @Test func everySourceDropsTheSameNames() throws {
        // JSON Lines: the same list as the feed's person tags below.
        let jsonl = #"{"id":"s-1","show":"S","description":"d","guests":["Ann Lee"," ","Dr. Ann Lee","Bo Chen"]}"#
        let fromJSONL = try JSONLCatalogue.decode(Data(jsonl.utf8), source: "g.jsonl")
        #expect(fromJSONL.first?.guests == ["Ann Lee", "Bo Chen"])
        let persons = ["Ann Lee", " ", "Dr. Ann Lee", "Bo Chen"].map { "<podcast:person role=\"guest\">\($0)</podcast:person>" }
        let feed = try FeedXML.parse(FeedXML.item("<title>T</title>" + persons.joined()))
        #expect(feed.episodes.first?.guests == ["Ann Lee", "Bo Chen"])
        let text = GuestExtractor().guests(title: nil, text: "Guest: Ann Lee, founder. Guest: Dr. Ann Lee. Guest: Bo Chen, CTO")
        #expect(text == ["Ann Lee", "Bo Chen"])
    }

    @Test func theLoaderRemovesAShowsHostsWhateverTheSource() throws {
        let directory = try TempDirectory()
        let feed = try directory.write(
            "show.xml",
            String(decoding: FeedXML.feed(
                "<podcast:person role=\"host\">Ann Lee</podcast:person>"
                    + FeedXML.item("<title>T</title><guid>1</guid><podcast:person role=\"guest\">Bo Chen</podcast:person>"),
                title: "S"), as: UTF8.self))
        let jsonl = try directory.write(
            "more.jsonl", #"{"id":"s-extra","show":"S","description":"d","guests":["Ann Lee","Dr. Bo Chen","Cy Diaz"]}"#)
        let loaded = try CatalogueLoader.load(paths: [feed, jsonl])
        // The host goes from the JSON Lines episode too; Bo Chen is one person under the spelling
        // the directory prefers (most common, then the longer: a spelling the sources gave).
        #expect(loaded.episodes.first { $0.id == "s-extra" }?.guests == ["Dr. Bo Chen", "Cy Diaz"])
        #expect(loaded.episodes.first { $0.id != "s-extra" }?.guests == ["Dr. Bo Chen"])
        #expect(loaded.guestDirectory().count == 2)
    }

    @Test func honorificsStartANameInTextAndTitles() {
        let extractor = GuestExtractor()
        #expect(extractor.guests(title: nil, text: "Guest: Dr. Greg Jackson, compiler writer") == ["Dr. Greg Jackson"])
        #expect(
            extractor.guests(title: "Interview With Professor Greg Jackson", text: "Greg Jackson on compilers.")
                == ["Professor Greg Jackson"])
        #expect(
            extractor.guests(title: "Dr. Greg Jackson on Parsers", text: "Our guest Greg Jackson returns.")
                == ["Dr. Greg Jackson"])
    }

    @Test func titleGuessesMustLookLikeAPersonsName() {
        let extractor = GuestExtractor()
        let text = "The whole team joins the All Hands call. Big Ideas from Every Day work."
        #expect(extractor.guests(title: "Episode 34: All Hands on Deck", text: text).isEmpty)
        #expect(extractor.guests(title: "Big Ideas on Testing", text: text).isEmpty)
        #expect(extractor.guests(title: "Gene Kim on DevOps", text: "Gene Kim joins us.") == ["Gene Kim"])
    }
}
