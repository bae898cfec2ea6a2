import PodsimCore
import PodsimProtocol

extension RecommenderService {
    /// On the exact search path (`Recommender.batchesExactly`): the int8 and graph paths pick
    /// candidates a batch would not reproduce, so their queries are answered one by one.
    public var batchesQueries: Bool { recommender.batchesExactly }

    /// Every SIMILAR among `queries` has its scan done by one pass over the vectors
    /// (`Recommender.nearestRows(ofEpisodes:)`); then every query is answered by `answer(_:)`
    /// itself, its scan taken from the batch where the batch holds every row it needs, so each
    /// answer — errors included — is the one-by-one answer.
    public func answer(batch queries: [ModelQuery]) -> [PodsimResponse] {
        var similar: [(index: Int, id: String, k: Int)] = []
        for (index, query) in queries.enumerated() {
            if case .similar(let request) = query { similar.append((index, request.episodeID, Int(request.k))) }
        }
        var nearest = [Recommender.BatchedNearest?](repeating: nil, count: queries.count)
        if similar.count > 1 {
            let rows = recommender.nearestRows(ofEpisodes: similar.map { (id: $0.id, k: $0.k) })
            for (entry, batched) in zip(similar, rows) { nearest[entry.index] = batched }
        }
        return zip(queries, nearest).map { query, batched in Recommender.withNearest(batched) { answer(query) } }
    }
}
