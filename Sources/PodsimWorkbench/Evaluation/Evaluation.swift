import PodsimCore
import PodsimEpisodes

/// Ranking quality of a recommender against a `LabelledSet`.
///
/// For each case the answer list (top `depth`) is compared with the relevant set:
/// - reciprocal rank: 1 / rank of the first relevant answer (0 if none in the list); MRR is its mean;
/// - hit@n: whether a relevant answer is among the first n;
/// - recall@5: share of the relevant answers (at most 5) found in the first 5.
public struct Evaluation: Sendable {
    public struct Metrics: Sendable, Equatable, Encodable {
        public var cases: Int
        public var meanReciprocalRank: Double
        public var hitAt1: Double
        public var hitAt3: Double
        public var recallAt5: Double
    }

    /// A case whose first relevant answer was not ranked first.
    public struct Miss: Sendable, Equatable {
        public var query: String
        /// Rank of the first relevant answer, or nil when none was in the list.
        public var rank: Int?
        public var expected: [String]
        public var top: [String]
    }

    public var similar: Metrics
    public var search: Metrics
    public var guests: Metrics
    public var misses: [Miss]
    /// Every case as judged, in the labelled set's order (task `similar`, `search` or `guests`),
    /// for tools that score other systems on the same cases (`Benchmarks/relevance.py`).
    public var cases: [CaseResult]

    /// One judged case: the rank of its first relevant answer and the answers given.
    public struct CaseResult: Sendable, Equatable, Encodable {
        public var task: String
        public var query: String
        /// Rank of the first relevant answer (1-based), or nil when none was in the list.
        public var rank: Int?
        public var answers: [String]
    }

    /// Answer lists this deep are judged.
    public static let depth = 10

    public init(_ recommender: Recommender, labels: LabelledSet) throws {
        var misses: [Miss] = []
        var cases: [CaseResult] = []
        func judge(
            _ task: String, _ query: String, _ answers: [String], _ relevant: [String], key: (String) -> String = { $0 }
        ) -> Score {
            let wanted = Set(relevant.map(key))
            let rank = answers.firstIndex { wanted.contains(key($0)) }.map { $0 + 1 }
            cases.append(CaseResult(task: task, query: query, rank: rank, answers: answers))
            if rank != 1 { misses.append(Miss(query: query, rank: rank, expected: relevant, top: Array(answers.prefix(3)))) }
            let found = answers.prefix(5).filter { wanted.contains(key($0)) }.count
            return Score(rank: rank, recallAt5: Double(found) / Double(min(wanted.count, 5)))
        }
        similar = Metrics(try labels.similar.map { item in
            judge("similar", item.query, try recommender.similar(to: item.query, k: Self.depth).map(\.id), item.relevant)
        })
        search = Metrics(try labels.search.map { item in
            judge("search", item.text, try recommender.search(item.text, k: Self.depth).map(\.id), item.relevant)
        })
        guests = Metrics(try labels.guests.map { item in
            judge("guests", item.topic, try recommender.guests(topic: item.topic, k: Self.depth).map(\.name), item.relevant,
                  key: GuestName.key(for:))
        })
        self.misses = misses
        self.cases = cases
    }

    struct Score {
        var rank: Int?
        var recallAt5: Double
    }
}

extension Evaluation.Metrics {
    init(_ scores: [Evaluation.Score]) {
        let n = Double(max(scores.count, 1))
        cases = scores.count
        meanReciprocalRank = scores.reduce(0) { $0 + ($1.rank.map { 1 / Double($0) } ?? 0) } / n
        hitAt1 = Double(scores.filter { $0.rank == 1 }.count) / n
        hitAt3 = Double(scores.filter { ($0.rank ?? .max) <= 3 }.count) / n
        recallAt5 = scores.reduce(0) { $0 + $1.recallAt5 } / n
    }
}
