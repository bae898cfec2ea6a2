import Foundation
import PodsimWorkbench
import Testing

@testable import PodsimCore

/// The tables a server derives from a model at load — show centroids, publication ages, each
/// show's guests — against plain one-thread reckonings of the same things, and the same bits for
/// any number of cores.
@Suite struct DerivedTablesTests {
    /// 23 shows of uneven size (episode i is on show i mod 23), dated episodes, recurring guests.
    static let model: PodsimModel = {
        let catalogue = try! SyntheticCatalogue(SyntheticConfiguration(
            episodes: 1_200, seed: 5, topics: 8, wordsPerTopic: 80, backgroundWords: 1_000, shows: 23, guests: 90))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-derived-\(UUID().uuidString).podsim").path
        _ = try! ModelBuilder.build(episodes: catalogue.episodes(0..<1_200), hosts: [:], options: BuildOptions(dimensions: 16), sourceDigest: "test", to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try! PodsimModel(contentsOf: path)
    }()

    @Test func showCentroidsAreTheMeanOfTheirEpisodesWithTheSameBitsOnAnyNumberOfCores() throws {
        let model = Self.model
        let shows = ShowIndex(model)
        let d = model.dimensions
        #expect(shows.count == 23 && shows.rows.count == model.episodes.count)
        // The reference: every row added in row order to its show's Double sum, then scaled.
        var sums = [Double](repeating: 0, count: shows.count * d)
        for row in 0..<model.episodes.count {
            let show = model.episodes.showNumber(row)
            for (j, value) in model.index.vector(row).enumerated() { sums[show * d + j] += Double(value) }
        }
        var expected = [Float](repeating: 0, count: shows.count * d)
        for show in 0..<shows.count {
            let norm = (0..<d).reduce(0.0) { $0 + sums[show * d + $1] * sums[show * d + $1] }.squareRoot()
            for j in 0..<d where norm > 0 { expected[show * d + j] = Float(sums[show * d + j] / norm) }
        }
        #expect(shows.centroids == expected)
        for parts in [1, 2, 3, 7, 23, 40] {
            #expect(ShowIndex.centroids(offsets: shows.offsets, rows: shows.rows, index: model.index, parts: parts) == expected, "\(parts) parts")
        }
        for show in 0..<shows.count {
            #expect(shows.rows(of: show).map(Int.init) == (0..<model.episodes.count).filter { model.episodes.showNumber($0) == show })
        }
    }

    @Test func agesAreDaysBeforeTheNewestDateReadFromEachDate() throws {
        let table = Self.model.episodes
        let ages = PublicationAges(table)
        let days = (0..<table.count).map { PublicationAges.dayNumber(table.published($0)) }
        let newest = try #require(days.compactMap { $0 }.max())
        #expect(ages.newestDay == newest)
        #expect(days.compactMap { $0 }.count > table.count / 2)
        for row in 0..<table.count {
            if let day = days[row] { #expect(ages.days[row] == Float(newest - day)) } else { #expect(ages.days[row].isNaN) }
        }
        // Read from bytes: what is not a yyyy-mm-dd date has none.
        for text in ["2025-07-30", "2025-7-30", "2025-13-01", "2025-07-3x", "", "2025-07-300"] {
            var bytes = Array(text.utf8)
            let fromBytes = bytes.withUnsafeMutableBytes { PublicationAges.dayNumber(utf8: UnsafeRawBufferPointer($0)) }
            #expect(fromBytes == PublicationAges.dayNumber(text), "\(text)")
        }
        #expect(PublicationAges.dayNumber("2025-07-30") == 20_299)
    }

    @Test func eachShowsGuestsAreItsEpisodesGuestsOnceAscending() {
        let model = Self.model
        var expected = [Set<Int>](repeating: [], count: model.episodes.shows.count)
        for row in 0..<model.episodes.count {
            expected[model.episodes.showNumber(row)].formUnion(model.episodes.guestIndices(row))
        }
        #expect(expected.contains { $0.count > 1 })
        for show in expected.indices {
            #expect(model.guestIndex.guests(ofShow: show).map(Int.init) == expected[show].sorted(), "show \(show)")
        }
    }

    /// A small catalogue's hits take their ids and titles from strings decoded once
    /// (`HitStrings`): the table's own strings, row for row, and the same matches.
    @Test func hitStringsAreTheTablesStrings() throws {
        let model = Self.model
        let strings = try #require(HitStrings(model.episodes))
        #expect(strings.ids == (0..<model.episodes.count).map(model.episodes.id))
        #expect(strings.titles == (0..<model.episodes.count).map(model.episodes.title))
        #expect(HitStrings(model.episodes, maxEpisodes: model.episodes.count - 1) == nil)
        let recommender = Recommender(model: model)
        #expect(recommender.derived.hitStrings != nil)
        for row in stride(from: 0, to: model.episodes.count, by: 37) {
            let match = recommender.match(ScoredRow(row: row, score: 0.25))
            #expect(match == EpisodeMatch(id: model.episodes.id(row), score: 0.25, show: model.episodes.show(row), title: model.episodes.title(row)))
        }
    }
}
