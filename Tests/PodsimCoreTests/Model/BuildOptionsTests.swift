import PodsimText
import Testing
@testable import PodsimCore

@Suite struct BuildOptionsTests {
    /// Small catalogues keep words found once and get character grams; from 1,000 episodes on,
    /// neither (docs/HOW-IT-WORKS.md says why).
    @Test func smallCataloguesGetCharacterGramsAndSingleEpisodeWords() {
        let small = BuildOptions.defaults(episodes: BuildOptions.smallCatalogueEpisodes - 1)
        #expect(small.analyzer.characterGrams == CharacterGrams())
        #expect(small.analyzer.minDocumentFrequency == 1)
        let large = BuildOptions.defaults(episodes: BuildOptions.smallCatalogueEpisodes)
        #expect(large.analyzer.characterGrams == nil)
        #expect(large.analyzer.minDocumentFrequency == 2)
        #expect(CharacterGrams() == CharacterGrams(shortest: 4, longest: 6, share: 0.5))
    }
}
