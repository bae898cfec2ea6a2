import Foundation

/// Tables derived from one model value: for the v1.1 queries the show index (SIMILAR_SHOWS) and
/// the episodes' publication ages (recency), built at most once, on first use or when the server
/// warms them at load (`Recommender.prepareDerivedTables`); for a small catalogue its lexical
/// pairs (filled as they are asked for) and hit strings. All live exactly as long as the
/// `Recommender` over that model — a RELOAD or ADD makes a new model, a new recommender and so
/// new tables; no query ever builds them twice.
final class DerivedTables: @unchecked Sendable {
    // @unchecked: every stored value is written once under `lock` and never changed after.
    private let model: PodsimModel
    private let lock = NSLock()
    private var showIndexValue: ShowIndex?
    private var agesValue: PublicationAges?
    /// Episode-to-episode lexical scores, kept as they are asked for; nil when the model has no
    /// lexical rows or more episodes than `LexicalPairs.maxEpisodes`.
    let lexicalPairs: LexicalPairs?
    /// Every episode's id and title as strings for the hits; nil above `HitStrings.maxEpisodes`.
    let hitStrings: HitStrings?

    init(_ model: PodsimModel) {
        self.model = model
        lexicalPairs = model.lexical.flatMap { LexicalPairs($0) }
        hitStrings = HitStrings(model.episodes)
    }

    var showIndex: ShowIndex {
        lock.withLock {
            if let showIndexValue { return showIndexValue }
            let built = ShowIndex(model)
            showIndexValue = built
            return built
        }
    }

    var ages: PublicationAges {
        lock.withLock {
            if let agesValue { return agesValue }
            let built = PublicationAges(model.episodes)
            agesValue = built
            return built
        }
    }
}
