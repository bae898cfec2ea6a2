import Foundation
import PodsimEpisodes
import Testing

@testable import PodsimCore

/// The labelled "whom to invite next" cases (`Tests/Labels/guests-not-on.json`) on the seed
/// model: GUESTS with not_on_shows must never name a guest of those shows, and should rank the
/// guest the case was written for near the top.
@Suite struct GuestLabelsTests {
    struct Case: Decodable {
        var topic: String
        var notOn: [String]
        var relevant: [String]
        enum CodingKeys: String, CodingKey { case topic, notOn = "not_on", relevant }
    }

    struct Labels: Decodable { var cases: [Case] }

    static let labels: Labels = {
        let path = SeedModel.repository.appendingPathComponent("Tests/Labels/guests-not-on.json")
        return try! JSONDecoder().decode(Labels.self, from: Data(contentsOf: path))
    }()

    /// Rank (1-based) of the first relevant guest among `names`, nil when none is there.
    static func rank(_ names: [String], _ relevant: [String]) -> Int? {
        let wanted = Set(relevant.map(GuestName.key(for:)))
        return names.firstIndex { wanted.contains(GuestName.key(for: $0)) }.map { $0 + 1 }
    }

    @Test func invitesComeFromOtherShowsAndRankTheLabelledGuestHigh() throws {
        let recommender = SeedModel.recommender
        #expect(Self.labels.cases.count >= 16)
        var ranks: [Int?] = []
        var ranksWithoutOption: [Int?] = []
        for item in Self.labels.cases {
            let options = GuestOptions(notOnShows: item.notOn)
            let answer = try recommender.guests(topic: item.topic, k: 10, options: options)
            for hit in answer {
                let shows = try recommender.guestProfile(hit.name).shows
                #expect(Set(shows).isDisjoint(with: item.notOn), "\(item.topic): \(hit.name) was on \(shows)")
            }
            ranks.append(Self.rank(answer.map(\.name), item.relevant))
            ranksWithoutOption.append(Self.rank(try recommender.guests(topic: item.topic, k: 10).map(\.name), item.relevant))
        }
        let metrics = Metrics(ranks)
        print("guests not_on_shows labels: \(metrics) (without the option: \(Metrics(ranksWithoutOption)))")
        #expect(metrics.hitAt3 >= 0.8, "\(metrics)")
        #expect(metrics.meanReciprocalRank >= Metrics(ranksWithoutOption).meanReciprocalRank)
    }

    struct Metrics: CustomStringConvertible {
        var cases: Int
        var meanReciprocalRank: Double
        var hitAt1: Double
        var hitAt3: Double

        init(_ ranks: [Int?]) {
            let n = Double(max(ranks.count, 1))
            cases = ranks.count
            meanReciprocalRank = ranks.reduce(0) { $0 + ($1.map { 1 / Double($0) } ?? 0) } / n
            hitAt1 = Double(ranks.filter { $0 == 1 }.count) / n
            hitAt3 = Double(ranks.filter { ($0 ?? .max) <= 3 }.count) / n
        }

        var description: String {
            String(format: "%d cases, MRR %.3f, hit@1 %.3f, hit@3 %.3f", cases, meanReciprocalRank, hitAt1, hitAt3)
        }
    }
}
