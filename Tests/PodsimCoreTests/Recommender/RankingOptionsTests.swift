import Foundation
import Testing
@testable import PodsimCore

/// Query options 0x05–0x09 in the core: exclusions, paging, score floor, per-show cap, recency.
@Suite struct RankingOptionsTests {
    let recommender = SeedModel.recommender
    let episode = "devops-paradox-333"

    @Test("pages agree with each other and with one larger query", arguments: [
        RankingOptions(), RankingOptions(maxPerShow: 4), RankingOptions(minScore: 0),
        RankingOptions(recency: .init(halfLifeDays: 30, weight: 0.5)),
        RankingOptions(excludeIDs: ["devops-paradox-341"], maxPerShow: 5, recency: .init(halfLifeDays: 90, weight: 0.3)),
    ])
    func pagesAgree(options: RankingOptions) throws {
        let whole = try recommender.similar(to: episode, k: 12, ranking: options)
        var pages: [EpisodeMatch] = []
        for offset in stride(from: 0, to: 12, by: 4) {
            var paged = options
            paged.offset = offset
            pages += try recommender.similar(to: episode, k: 4, ranking: paged)
        }
        #expect(pages == whole)
        let searchWhole = try recommender.search("kubernetes platform teams", k: 9, ranking: options)
        var searchPaged = options
        searchPaged.offset = 3
        #expect(try recommender.search("kubernetes platform teams", k: 6, ranking: searchPaged) == Array(searchWhole.dropFirst(3)))
    }

    @Test("an offset past the end gives an empty page, not an error")
    func offsetPastTheEnd() throws {
        #expect(try recommender.similar(to: episode, k: 10, ranking: RankingOptions(offset: 10_000)).isEmpty)
    }

    @Test("excluded episodes never come back, unknown ids are ignored, and k hits still do")
    func exclusions() throws {
        let plain = try recommender.similar(to: episode, k: 5)
        let excluded = Array(plain.prefix(3).map(\.id)) + ["no-such-episode"]
        let answer = try recommender.similar(to: episode, k: 5, ranking: RankingOptions(excludeIDs: excluded))
        #expect(answer.count == 5)
        #expect(!answer.contains { excluded.contains($0.id) })
        #expect(Array(answer.prefix(2)) == Array(plain.suffix(2)))
    }

    @Test("min_score cuts the ranking: every hit at or above it, and the same hits as the plain prefix")
    func minScore() throws {
        let plain = try recommender.similar(to: episode, k: 29)
        let floor = plain[6].score
        let answer = try recommender.similar(to: episode, k: 29, ranking: RankingOptions(minScore: floor))
        #expect(answer == plain.filter { $0.score >= floor })
        #expect(answer.count >= 7 && answer.count < 29)
    }

    @Test("max_per_show caps each show and over-fetches so that k hits come back when they exist")
    func perShowCap() throws {
        for cap in 1...3 {
            let answer = try recommender.search("kubernetes", k: 2 * cap, ranking: RankingOptions(maxPerShow: cap))
            #expect(answer.count == 2 * cap, "two shows × \(cap) each exist")
            let perShow = Dictionary(grouping: answer, by: \.show).mapValues(\.count)
            #expect(perShow.values.allSatisfy { $0 == cap })
            // Each show keeps its best hits: they are that show's first hits of the plain ranking.
            let plain = try recommender.search("kubernetes", k: 30)
            for (show, hits) in Dictionary(grouping: answer, by: \.show) {
                #expect(hits == Array(plain.filter { $0.show == show }.prefix(cap)))
            }
        }
    }

    @Test("recency: the score is the cosine times the documented factor, age from the newest date in the model")
    func recencyFactor() throws {
        let recency = RankingOptions.Recency(halfLifeDays: 30, weight: 0.4)
        let plain = try recommender.similar(to: episode, k: 29)
        let weighted = try recommender.similar(to: episode, k: 29, ranking: RankingOptions(recency: recency))
        let table = recommender.model.episodes
        let dates = (0..<table.count).map { table.published($0) }.filter { !$0.isEmpty }
        let newest = try #require(dates.max())
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        func days(_ date: String) -> Double {
            formatter.date(from: newest)!.timeIntervalSince(formatter.date(from: date)!) / 86_400
        }
        for hit in weighted {
            let raw = try #require(plain.first { $0.id == hit.id }).score
            let published = try recommender.episode(hit.id).published
            let factor = published.map { 1 - 0.4 + 0.4 * pow(0.5, days($0) / 30) } ?? 0.6
            #expect(abs(Double(hit.score) - Double(raw) * factor) < 1e-5, "\(hit.id)")
        }
        #expect(zip(weighted, weighted.dropFirst()).allSatisfy { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) })
        #expect(weighted.map(\.id) != plain.map(\.id), "a 30-day half-life at weight 0.4 reorders the seeds")
    }

    @Test("recency reproduces: same answer every time, and weight 0 is the plain ranking")
    func recencyReproduces() throws {
        let options = RankingOptions(recency: .init(halfLifeDays: 14, weight: 1))
        let first = try recommender.search("ai coding agents", k: 10, ranking: options)
        #expect(try Recommender(model: recommender.model).search("ai coding agents", k: 10, ranking: options) == first)
        #expect(try recommender.search("ai coding agents", k: 10, ranking: RankingOptions(recency: .init(halfLifeDays: 14, weight: 0)))
                == recommender.search("ai coding agents", k: 10))
    }

    @Test("ages count back from the newest date; unknown or malformed dates are NaN")
    func publicationAges() {
        #expect(PublicationAges.dayNumber("1970-01-01") == 0)
        #expect(PublicationAges.dayNumber("2000-03-01")! - PublicationAges.dayNumber("2000-02-28")! == 2)
        #expect(PublicationAges.dayNumber("2025-07-30") == 20_299)
        #expect(PublicationAges.dayNumber("") == nil && PublicationAges.dayNumber("2025-13-01") == nil)
        let ages = PublicationAges(recommender.model.episodes)
        #expect(ages.days.contains(0))
        #expect(ages.days.allSatisfy { $0.isNaN || $0 >= 0 })
    }

    @Test("values out of range are refused naming the option", arguments: [
        (RankingOptions(offset: 10_001), "offset must be 0…10000, got 10001"),
        (RankingOptions(offset: -1), "offset must be 0…10000, got -1"),
        (RankingOptions(minScore: .nan), "min_score must be in [-1, 1], got nan"),
        (RankingOptions(minScore: 1.5), "min_score must be in [-1, 1], got 1.5"),
        (RankingOptions(maxPerShow: 0), "max_per_show must be at least 1, got 0"),
        (RankingOptions(recency: .init(halfLifeDays: 0, weight: 0.5)), "recency half-life must be a finite number of days above 0, got 0.0"),
        (RankingOptions(recency: .init(halfLifeDays: 7, weight: .nan)), "recency weight must be in [0, 1], got nan"),
    ])
    func refused(options: RankingOptions, message: String) {
        #expect(throws: PodsimError(.invalidArgument, message)) { try recommender.similar(to: episode, k: 3, ranking: options) }
        #expect(throws: PodsimError(.invalidArgument, message)) { try recommender.search("dns", k: 3, ranking: options) }
    }
}
