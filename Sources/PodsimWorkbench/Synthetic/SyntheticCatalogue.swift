import Foundation
import PodsimCore
import PodsimEpisodes
import PodsimLinearAlgebra

/// A topic's share of a synthetic episode.
public struct TopicWeight: Sendable, Equatable {
    public var topic: Int
    /// Share of the episode's topic words drawn from this topic; an episode's shares sum to 1.
    public var weight: Double
}

/// One generated episode with the truth it was generated from, so tests can check that a model
/// recovers the topics.
public struct SyntheticEpisode: Sendable {
    public var episode: Episode
    /// The topics mixed into the description, largest share first.
    public var topics: [TopicWeight]
    public var dominantTopic: Int { topics[0].topic }
}

/// A catalogue with the structure that makes "more like this" meaningful, generated without
/// network access to measure fit and query at 100k–1M episodes (`podsim synth`).
///
/// Generative story: there are `topics` topics, each with its own vocabulary of made-up words
/// (`SyntheticWords`) used Zipfian, and a few dozen two-word phrases; a background vocabulary,
/// also Zipfian, is shared by all. Show s leans to topic s mod topics. An episode takes a mixture
/// of one to three topics (its show's topic dominant 70% of the time), then writes sentences of
/// topic words, phrases and background words, joined mostly by stop words — so bigrams form
/// within phrases, as in real text, and not between every pair of words. Guests have a home topic
/// and recur Zipfian among that topic's episodes. Every episode is a pure function of (seed,
/// index): chunks can be generated in any order, in parallel, and streamed.
public struct SyntheticCatalogue: Sendable {
    public let configuration: SyntheticConfiguration
    private let background: AliasSampler
    private let topicWord: AliasSampler
    private let guestRank: AliasSampler
    private let guestsPerTopic: Int

    /// Phrases per topic: pairs of its words that appear side by side. Default 40.
    static let phrasesPerTopic = 40
    /// Stop words joining content words (removed by the analyzer, so they break bigrams).
    static let connectors = ["and", "the", "of", "with", "for", "about", "in", "on", "from", "to"]

    public init(_ configuration: SyntheticConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        background = .zipf(count: configuration.backgroundWords, exponent: 1.07)
        topicWord = .zipf(count: configuration.wordsPerTopic, exponent: 1.0)
        guestsPerTopic = max(1, configuration.guests / configuration.topics)
        guestRank = .zipf(count: guestsPerTopic, exponent: 1.2)
    }

    /// Episode `index` (0-based) of the catalogue.
    public func episode(_ index: Int) -> SyntheticEpisode {
        let c = configuration
        var random = Xoshiro256StarStar(seed: c.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let show = index % c.shows
        let number = index / c.shows + 1
        let topics = mixture(show: show, &random)
        let mixtureSampler = AliasSampler(weights: topics.map(\.weight))

        let length = c.wordsPerEpisode.lowerBound + Int(random.next() % UInt64(c.wordsPerEpisode.count))
        var description = ""
        var written = 0
        var sentenceLeft = 0
        while written < length {
            var words: [Int]
            if random.nextUniform() < c.backgroundShare {
                words = [background.draw(&random)]
            } else {
                let topic = topics[mixtureSampler.draw(&random)].topic
                if random.nextUniform() < 0.2 {
                    let (first, second) = phrase(topic: topic, Int(random.next() % UInt64(Self.phrasesPerTopic)))
                    words = [first, second]
                } else {
                    words = [topicWordIndex(topic, topicWord.draw(&random))]
                }
            }
            if sentenceLeft == 0 {
                if written > 0 { description += ". " }
                sentenceLeft = 6 + Int(random.next() % 7)
                description += SyntheticWords.capitalized(words.removeFirst())
            } else {
                description += random.nextUniform() < 0.75 ? " \(Self.connectors[Int(random.next() % 10)]) " : " "
                description += SyntheticWords.word(words.removeFirst())
            }
            for word in words { description += " " + SyntheticWords.word(word) }
            written += 1 + words.count
            sentenceLeft -= 1
        }
        description += "."

        let dominant = topics[0].topic
        let titleWords = (0..<3).map { _ in SyntheticWords.capitalized(topicWordIndex(dominant, topicWord.draw(&random))) }
        let showName = SyntheticWords.showName(show)
        let episode = Episode(
            id: Self.slug(showName) + "-\(number)", show: showName, number: number,
            title: "#\(number): \(titleWords[0]) and \(titleWords[1]) of \(titleWords[2])",
            published: Self.isoDate(daysSince2010: (number - 1) * 7 + show % 7),
            durationSeconds: 1_200 + Int(random.next() % 4_200), description: description,
            guests: guests(topics: topics, &random))
        return SyntheticEpisode(episode: episode, topics: topics)
    }

    /// Episodes `range`, generated on `threads` threads, in index order.
    public func episodes(_ range: Range<Int>, threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Episode] {
        ParallelScan.run(range, parts: threads) { part in part.map { episode($0).episode } }.flatMap { $0 }
    }

    // MARK: - Pieces

    private func mixture(show: Int, _ random: inout Xoshiro256StarStar) -> [TopicWeight] {
        let t = configuration.topics
        let dominant = random.nextUniform() < 0.7 ? show % t : Int(random.next() % UInt64(t))
        let extra = min(t - 1, Int(random.next() % 3))
        var topics = [TopicWeight(topic: dominant, weight: extra == 0 ? 1 : 0.55 + 0.3 * random.nextUniform())]
        while topics.count <= extra {
            let topic = Int(random.next() % UInt64(t))
            guard !topics.contains(where: { $0.topic == topic }) else { continue }
            topics.append(TopicWeight(topic: topic, weight: (1 - topics[0].weight) / Double(extra)))
        }
        return topics
    }

    /// Word index (into `SyntheticWords`) of rank `rank` in `topic`'s vocabulary.
    private func topicWordIndex(_ topic: Int, _ rank: Int) -> Int {
        configuration.backgroundWords + topic * configuration.wordsPerTopic + rank
    }

    /// Phrase `number` of `topic`: two of its 100 most frequent words, fixed by (seed, topic, number).
    private func phrase(topic: Int, _ number: Int) -> (Int, Int) {
        var random = Xoshiro256StarStar(seed: configuration.seed ^ UInt64(topic * 1_000 + number) &* 0xD1B5_4A32_D192_ED03)
        let pool = UInt64(min(100, configuration.wordsPerTopic))
        return (topicWordIndex(topic, Int(random.next() % pool)), topicWordIndex(topic, Int(random.next() % pool)))
    }

    private func guests(topics: [TopicWeight], _ random: inout Xoshiro256StarStar) -> [String] {
        let draw = random.nextUniform()
        let count = draw < 0.15 ? 2 : (draw < 0.7 ? 1 : 0)
        var guests: [String] = []
        for number in 0..<count {
            let topic = topics[number < topics.count ? number : 0].topic
            let name = SyntheticWords.personName((topic + configuration.topics * guestRank.draw(&random)) % configuration.guests)
            if !guests.contains(name) { guests.append(name) }
        }
        return guests
    }

    static func slug(_ name: String) -> String {
        name.lowercased().split(separator: " ").joined(separator: "-")
    }

    /// `yyyy-mm-dd` of 2010-01-01 plus `days` (proleptic Gregorian; Hinnant's civil_from_days).
    static func isoDate(daysSince2010 days: Int) -> String {
        let z = days + 14_610 + 719_468  // 14,610 days from 1970-01-01 to 2010-01-01
        let era = z / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
