import Testing

@testable import PodsimCatalogue
@testable import PodsimEpisodes

@Suite struct GuestNameTests {
    /// The ASCII fast path collapses white space exactly as the scalar path: every ASCII white
    /// space byte, runs of them, at both ends, between words, and strings of random ASCII.
    @Test func asciiWhiteSpaceIsCollapsedAsScalarsAre() {
        var random = SystemRandomNumberGenerator()
        let fixed = [" Danny\tAllan ", "\u{0B}a\u{0C}\u{0C}b\r\n", "", "   ", "a", "Dr.  Greg\n\nJackson\t"]
        let generated = (0..<2_000).map { _ in
            String((0..<Int.random(in: 0...24, using: &random)).map { _ in
                Character(Unicode.Scalar(UInt8.random(in: 0...0x7F, using: &random)))
            })
        }
        for text in fixed + generated {
            #expect(GuestName.collapsingWhiteSpace(text) == GuestName.collapsingWhiteSpaceOfScalars(text), "\(Array(text.utf8))")
        }
        #expect(GuestName.collapsingWhiteSpace("\u{0B}a\u{0C}\u{0C}b\r\n") == "a b")
    }

    @Test func keyFoldsCaseDiacriticsApostrophesAndSpaces() {
        #expect(GuestName.key(for: "Sören Martius") == "soren martius")
        #expect(GuestName("Cory O’Daniel") == GuestName("cory  o'daniel"))
        #expect(GuestName(" Danny\tAllan ").display == "Danny Allan")
        #expect(GuestName("Pete Hunt") != GuestName("Pete Hunter"))
    }

    @Test func hostSetMatchesFirstNamesAndUpgradesToFullNames() {
        var hosts = HostSet(["Darin"])
        hosts.insert("Darin Pope")
        hosts.insert("viktor")
        #expect(hosts.names == ["Darin Pope", "viktor"])
        #expect(hosts.contains("DARIN") && hosts.contains("Darin Pope") && hosts.contains("Viktor"))
        #expect(!hosts.contains("Darin Smith"))
    }
}

@Suite struct GuestDirectoryTests {
    func episode(_ id: String, _ guests: [String]) -> Episode {
        Episode(id: id, show: "Show", title: id, description: "", guests: guests)
    }

    @Test func groupsOnePersonAcrossSpellingsAndShows() throws {
        let directory = GuestDirectory(episodes: [
            episode("a", ["Soren Martius", "Ann Lee"]), episode("b", ["Sören Martius"]),
            episode("c", ["sören  martius"]),
        ])
        #expect(directory.count == 2)
        let soren = try #require(directory.entry(for: "SOREN MARTIUS"))
        #expect(soren.episodeIDs == ["a", "b", "c"])
        #expect(soren.spellings == ["Soren Martius", "Sören Martius", "sören martius"])
        #expect(directory.entries.map(\.key) == ["ann lee", "soren martius"])
    }

    @Test func displayNameIsTheMostCommonSpelling() {
        let directory = GuestDirectory(episodes: [
            episode("a", ["Soren Martius"]), episode("b", ["Soren Martius"]), episode("c", ["Sören Martius"]),
        ])
        #expect(directory.displayName(for: "Sören Martius") == "Soren Martius")
    }

    @Test func tiesPreferDiacriticsThenFirstSeen() {
        let diacritics = GuestDirectory(episodes: [episode("a", ["Soren Martius"]), episode("b", ["Sören Martius"])])
        #expect(diacritics.displayName(for: "soren martius") == "Sören Martius")
        // Spellings of one key rarely differ in length (whitespace is collapsed first), so this
        // tie usually falls through to first seen.
        let collapsed = GuestDirectory(episodes: [
            episode("a", ["Ann  Lee"]), episode("b", ["ANN LEE"]), episode("c", ["Ann Lee"]),
        ])
        #expect(collapsed.displayName(for: "ann lee") == "Ann Lee")
        let first = GuestDirectory(episodes: [episode("a", ["ANN LEE"]), episode("b", ["Ann Lee"])])
        #expect(first.displayName(for: "ann lee") == "ANN LEE")
    }

    @Test func unknownGuestsHaveNoEntry() {
        #expect(GuestDirectory(episodes: [episode("a", ["Ann Lee"])]).entry(for: "Bo Chen") == nil)
    }
}
