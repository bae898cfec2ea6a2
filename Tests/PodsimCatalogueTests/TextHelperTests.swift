import Testing

@testable import PodsimCatalogue

@Suite struct TextHelperTests {
    @Test(arguments: [
        ("DevOps Paradox", "devops-paradox"),
        ("Platform Engineering Podcast", "platform-engineering-podcast"),
        ("  Sören’s  Café & Bar!! ", "soren-s-cafe-bar"),
        ("2.0 — Reloaded", "2-0-reloaded"),
    ])
    func slugs(name: String, slug: String) {
        #expect(Slug.make(name) == slug)
    }

    @Test func namesWithoutLatinLettersGetDistinctStableSlugs() {
        let a = Slug.make("ポッドキャスト")
        let b = Slug.make("播客")
        #expect(a.hasPrefix("show-") && b.hasPrefix("show-") && a != b)
        #expect(Slug.make("ポッドキャスト") == a)
    }

    @Test(arguments: [
        ("Jul 30, 2025", "2025-07-30"), ("July 4, 1999", "1999-07-04"), ("Sept 9, 2024", "2024-09-09"),
        ("Feb 29, 2024", "2024-02-29"),
    ])
    func monthDayYearDates(text: String, iso: String) {
        #expect(EpisodeDate.iso(fromMonthDayYear: Substring(text)) == iso)
    }

    @Test(arguments: ["Feb 29, 2023", "Jul 32, 2025", "Foo 1, 2025", "Jul 30 2025 extra", "Jul +3, 2025"])
    func invalidMonthDayYearDates(text: String) {
        #expect(EpisodeDate.iso(fromMonthDayYear: Substring(text)) == nil)
    }

    @Test(arguments: [
        ("50min", 3000), ("1h 3min", 3780), ("1h", 3600), ("1 hr 5 mins", 3900), ("45s", 45), ("2h 0min 30s", 7230),
    ])
    func durations(text: String, seconds: Int) {
        #expect(EpisodeDuration.seconds(in: Substring(text)) == seconds)
    }

    @Test(arguments: ["", "min", "5 parsecs", "1h 3", "1,5h"])
    func invalidDurations(text: String) {
        #expect(EpisodeDuration.seconds(in: Substring(text)) == nil)
    }

    @Test func dateLinesAndItemLinesAreRecognised() {
        #expect(SeedPageLine("Jul 30, 2025 • 50min") == .dated("2025-07-30", 3000))
        #expect(SeedPageLine("Feb 26, 2025 • 1h 3min") == .dated("2025-02-26", 3780))
        #expect(SeedPageLine("Mar 1, 2025") == .dated("2025-03-01", nil))
        #expect(SeedPageLine("#341: Text") == .numbered(341, "Text"))
        #expect(SeedPageLine("#341 no colon") == .chrome)
        #expect(SeedPageLine("#12345678: too many digits here") == .text)
        #expect(SeedPageLine("Comments") == .chrome)
    }

    @Test func titlesStopAtTheFirstSentenceNotAtAbbreviations() {
        #expect(
            EpisodeTitle.derived(number: 7, text: "Tools, e.g. Kubernetes, help. More text.")
                == "#7: Tools, e.g. Kubernetes, help")
        #expect(EpisodeTitle.derived(number: nil, text: "Is it ready? Maybe.") == "Is it ready?")
        #expect(EpisodeTitle.derived(number: 3, text: "") == "#3")
    }

    @Test func longSentencesAreCutAtAWordBoundary() {
        let sentence = String(repeating: "word ", count: 30) + "end."
        let title = EpisodeTitle.derived(number: nil, text: sentence)
        #expect(title.hasSuffix("word…"))
        #expect(title.count <= EpisodeTitle.maxSentenceCharacters + 1)
    }
}
