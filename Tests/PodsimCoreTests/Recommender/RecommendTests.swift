import Foundation
import Testing
@testable import PodsimCore

/// RECOMMEND (Rocchio centroid), SIMILAR_SHOWS (show centroids) and GUEST in the core.
@Suite struct RecommendTests {
    let recommender = SeedModel.recommender

    @Test("one liked episode ranks exactly as SIMILAR; text alone exactly as SEARCH")
    func reducesToTheSingleQueries() throws {
        // The same ranking; scores agree to rounding (0.75·v scaled back to unit length).
        let liked = try recommender.recommend(like: ["devops-paradox-333"], k: 10)
        let similar = try recommender.similar(to: "devops-paradox-333", k: 10)
        #expect(liked.map(\.id) == similar.map(\.id))
        #expect(zip(liked, similar).allSatisfy { abs($0.score - $1.score) < 1e-5 })
        #expect(try recommender.recommend(like: [], text: "vibe coding", k: 10) == recommender.search("vibe coding", k: 10))
    }

    @Test("the query is 1·text + 0.75·mean(liked) − 0.15·mean(unliked), unit length")
    func rocchioWeights() throws {
        let index = recommender.model.index
        let text = try #require(recommender.model.foldIn("data orchestration"))
        let (a, b, c) = (3, 7, 11)
        let q = try #require(RocchioQuery.vector(text: text, liked: [a, b], unliked: [c], index: index))
        var expected = [Float](repeating: 0, count: index.dimensions)
        for j in expected.indices {
            expected[j] = text[j] + 0.75 * (index.vector(a)[j] + index.vector(b)[j]) / 2 - 0.15 * index.vector(c)[j]
        }
        let norm = expected.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(zip(q, expected).allSatisfy { abs($0 - $1 / norm) < 1e-5 })
        #expect(abs(q.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
    }

    @Test("liked and unliked episodes never come back; unliking pushes an episode's neighbours down")
    func likedAndUnliked() throws {
        let like = ["devops-paradox-329", "devops-paradox-323"]
        let unlike = ["devops-paradox-333"]
        let answer = try recommender.recommend(like: like, unlike: unlike, k: 27)
        #expect(answer.count == 27)
        #expect(!answer.contains { (like + unlike).contains($0.id) })
        let plain = try recommender.recommend(like: like, k: 28)
        let neighbour = "platform-engineering-podcast-2025-07-30"  // same guest and topic as 333
        let before = try #require(plain.firstIndex { $0.id == neighbour })
        let after = try #require(answer.firstIndex { $0.id == neighbour })
        #expect(after >= before)
    }

    @Test("flag bit 0 leaves out every show of the liked episodes")
    func excludeLikedShows() throws {
        let answer = try recommender.recommend(like: ["devops-paradox-329"], text: "platform", k: 10, excludeLikedShows: true)
        #expect(!answer.isEmpty && answer.allSatisfy { $0.show != "DevOps Paradox" })
    }

    @Test("an unknown liked or unliked id is named with its list; nothing to go on is refused")
    func badInput() {
        #expect(throws: PodsimError(.unknownEpisode, "like_ids: unknown episode id 'devops-paradox-3411' (did you mean 'devops-paradox-341'?)")) {
            try recommender.recommend(like: ["devops-paradox-333", "devops-paradox-3411"], k: 3)
        }
        #expect(throws: PodsimError(.unknownEpisode, "unlike_ids: unknown episode id 'zzz'")) {
            try recommender.recommend(like: ["devops-paradox-333"], unlike: ["zzz"], k: 3)
        }
        #expect(throws: PodsimError(.invalidArgument, "give at least one liked episode id or a text")) {
            try recommender.recommend(like: [], unlike: ["devops-paradox-333"], k: 3)
        }
        #expect(throws: PodsimError(.invalidArgument, "like_ids holds 1001 ids; the limit is 1000")) {
            try recommender.recommend(like: Array(repeating: "devops-paradox-333", count: 1001), k: 3)
        }
    }

    @Test("RECOMMEND pages agree, with options")
    func recommendPages() throws {
        let like = ["devops-paradox-338", "platform-engineering-podcast-2025-05-28"]
        let whole = try recommender.recommend(like: like, k: 10, ranking: RankingOptions(maxPerShow: 6))
        let second = try recommender.recommend(like: like, k: 5, ranking: RankingOptions(offset: 5, maxPerShow: 6))
        #expect(Array(whole.dropFirst(5)) == second)
    }

    @Test("a show's vector is the unit mean of its episodes' vectors, built once per recommender")
    func showVectors() throws {
        let shows = recommender.derived.showIndex
        let table = recommender.model.episodes
        #expect(shows.count == table.shows.count)
        for show in 0..<shows.count {
            let rows = (0..<table.count).filter { table.showNumber($0) == show }
            #expect(shows.rows(of: show).map(Int.init) == rows)
            var mean = [Float](repeating: 0, count: recommender.model.dimensions)
            for row in rows { for (j, x) in recommender.model.index.vector(row).enumerated() { mean[j] += x } }
            let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(zip(shows.centroid(show), mean).allSatisfy { abs($0 - $1 / norm) < 1e-5 })
        }
    }

    @Test("similar shows: never the show itself, evidence from the hit show, best first; unknown show suggests")
    func similarShows() throws {
        let answer = try recommender.similarShows(to: "DevOps Paradox", k: 5)
        #expect(answer.map(\.show) == ["Platform Engineering Podcast"])
        let hit = try #require(answer.first)
        #expect(hit.episodes == (0..<recommender.model.episodes.count).filter { recommender.model.episodes.show($0) == hit.show }.count)
        #expect(hit.evidence.count == 3)
        #expect(try hit.evidence.allSatisfy { try recommender.episode($0).show == hit.show })
        #expect(throws: PodsimError(.unknownEpisode, "unknown show 'devops paradoxx' (did you mean 'DevOps Paradox'?)")) {
            try recommender.similarShows(to: "devops paradoxx", k: 3)
        }
        #expect(throws: PodsimError(.unknownEpisode, "unknown show 'Cooking'")) { try recommender.similarShows(to: "Cooking", k: 3) }
    }

    @Test("GUEST: any spelling with honorifics, white space, case and accents is one person")
    func guestSpellings() throws {
        let profile = try recommender.guestProfile("Pete Hunt")
        for spelling in ["Dr. Pete Hunt", "  pete\thunt ", "PROFESSOR Pete Hunt", "Mr. Pète Hunt"] {
            #expect(try recommender.guestProfile(spelling).episodes == profile.episodes, "\(spelling)")
        }
        #expect(profile.topTerms.count <= 10)
        #expect(throws: PodsimError(.unknownEpisode, "unknown guest 'Pete Hant' (did you mean 'Pete Hunt'?)")) {
            try recommender.guestProfile("Pete Hant")
        }
        #expect(throws: PodsimError(.unknownEpisode, "unknown guest 'Nobody Here'")) { try recommender.guestProfile("Nobody Here") }
    }
}
