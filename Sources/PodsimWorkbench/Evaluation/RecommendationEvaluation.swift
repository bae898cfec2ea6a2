import PodsimCore

/// Ranking quality of the protocol v1.1 questions against a `LabelledSet`: RECOMMEND (liked
/// episodes → what a listener of them all would want) and SIMILAR_SHOWS under each way of
/// comparing shows (`ShowAggregation`), measured the same way as `Evaluation` (MRR, hit@n, recall@5
/// over the top `Evaluation.depth`).
public struct RecommendationEvaluation: Sendable {
    public var recommend: Evaluation.Metrics
    /// SIMILAR_SHOWS metrics by aggregation, in `ShowAggregation.allCases` order.
    public var shows: [(aggregation: ShowAggregation, metrics: Evaluation.Metrics)]
    public var misses: [Evaluation.Miss]

    public init(_ recommender: Recommender, labels: LabelledSet) throws {
        var misses: [Evaluation.Miss] = []
        func judge(_ query: String, _ answers: [String], _ relevant: [String]) -> Evaluation.Score {
            let wanted = Set(relevant)
            let rank = answers.firstIndex { wanted.contains($0) }.map { $0 + 1 }
            if rank != 1 { misses.append(Evaluation.Miss(query: query, rank: rank, expected: relevant, top: Array(answers.prefix(3)))) }
            let found = answers.prefix(5).filter { wanted.contains($0) }.count
            return Evaluation.Score(rank: rank, recallAt5: Double(found) / Double(min(wanted.count, 5)))
        }
        recommend = Evaluation.Metrics(try labels.recommend.map { item in
            judge(item.like.joined(separator: " + "),
                  try recommender.recommend(like: item.like, k: Evaluation.depth).map(\.id), item.relevant)
        })
        shows = try ShowAggregation.allCases.map { aggregation in
            (aggregation, Evaluation.Metrics(try labels.shows.map { item in
                judge("\(item.show) [\(aggregation.rawValue)]",
                      try recommender.similarShows(to: item.show, k: Evaluation.depth, aggregation: aggregation).map(\.show),
                      item.relevant)
            }))
        }
        self.misses = misses
    }
}
