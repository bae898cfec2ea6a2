import FuzzSupport
import PodsimProtocol

/// Checks a decoded request against the limits it was decoded under (docs/PROTOCOL.md §4).
struct RequestLimitCheck {
    let limits: ProtocolLimits

    func check(_ request: PodsimRequest) {
        switch request {
        case .ping, .info, .reload, .stats: break
        case .similar(let similar):
            checkK(similar.k)
            checkText(similar.episodeID, "episode_id")
            checkOptions(similar.options)
        case .search(let search):
            checkK(search.k)
            checkText(search.text, "text")
            checkOptions(search.options)
        case .guests(let guests):
            checkK(guests.k)
            checkText(guests.topic, "topic")
        case .episode(let id): checkText(id, "episode_id")
        case .explain(let explain):
            checkK(explain.k)
            checkText(explain.episodeA, "episode_a")
            checkText(explain.episodeB, "episode_b")
        case .guestsLike(let guestsLike):
            checkK(guestsLike.k)
            checkText(guestsLike.guestName, "guest_name")
        case .recommend(let recommend):
            checkK(recommend.k)
            checkText(recommend.text, "text")
            FuzzCheck.require(!recommend.likeIDs.isEmpty || !recommend.text.isEmpty, "RECOMMEND without liked ids or text accepted")
            for ids in [recommend.likeIDs, recommend.unlikeIDs] {
                FuzzCheck.require(ids.count <= RankingLimits.maxRecommendIDs, "\(ids.count) RECOMMEND ids accepted")
                for id in ids { checkText(id, "episode id") }
            }
            checkOptions(recommend.options)
        case .similarShows(let similarShows):
            checkK(similarShows.k)
            checkText(similarShows.show, "show")
        case .guest(let name): checkText(name, "name")
        case .auth(let token): checkText(token, "token")
        case .add(let jsonl), .upsert(let jsonl):
            FuzzCheck.require(jsonl.utf8.count <= limits.maxFrameBytes, "jsonl of \(jsonl.utf8.count) bytes accepted")
        case .delete(let ids):
            for id in ids { checkText(id, "episode_id") }
        }
    }

    private func checkK(_ k: UInt16) {
        FuzzCheck.require(k >= 1 && Int(k) <= limits.maxK, "k \(k) accepted with max k \(limits.maxK)")
    }

    private func checkText(_ text: String, _ field: String) {
        FuzzCheck.require(
            text.utf8.count <= limits.maxTextBytes,
            "\(field) of \(text.utf8.count) bytes accepted with max text \(limits.maxTextBytes)")
    }

    private func checkOptions(_ options: QueryOptions) {
        if let shows = options.shows {
            FuzzCheck.require(!shows.isEmpty, "an empty shows option was accepted")
            for show in shows { checkText(show, "show") }
        }
        if let diversity = options.diversity {
            FuzzCheck.require(diversity >= 0 && diversity <= 1, "diversity \(diversity) accepted")
        }
        if let ids = options.excludeIDs { FuzzCheck.require(!ids.isEmpty, "an empty exclude_ids option was accepted") }
        if let offset = options.offset { FuzzCheck.require(offset <= RankingLimits.maxOffset, "offset \(offset) accepted") }
        if let minScore = options.minScore { FuzzCheck.require(minScore >= -1 && minScore <= 1, "min_score \(minScore) accepted") }
        if let cap = options.maxPerShow { FuzzCheck.require(cap >= 1, "max_per_show 0 accepted") }
        if let recency = options.recency { FuzzCheck.require(recency.problem == nil, "recency \(recency) accepted") }
        if let from = options.publishedFrom, let to = options.publishedTo {
            FuzzCheck.require(from <= to, "published_from \(from) after published_to \(to) accepted")
        }
    }
}
