/// Ranks guests for one query vector: a guest's score is their best evidence episode's cosine
/// (CombMAX), guests best first with ties by that episode's row and then by guest (name key
/// order), each listing their evidence episodes with cosine > 0, best first.
///
/// Two ways to the same answer:
/// - `candidates`: the episode ranking's top `candidateCount(k:)` rows through the recommender's
///   own path (the one SIMILAR and SEARCH take: exact scan, threads, or int8 with rescoring),
///   restricted to rows with at least one eligible guest, then walked best first; each guest
///   met for the first time is the next guest of the answer. A guest's best episode is the
///   first of their episodes in the episode ranking, so the walk meets guests exactly in the
///   exhaustive order: on an exact path the answer is the exhaustive one, bit for bit. When the
///   walk runs out of candidates before k guests (and before the cosines reach 0), it asks for
///   four times as many and walks again, up to every row; how often that happens is measured
///   by the tests and `podsim bench local --check`.
/// - `exhaustive`: every episode's score, every guest's evidence sorted, every guest sorted —
///   the reference the tests hold `candidates` to.
struct GuestRanking {
    let recommender: Recommender
    let query: [Float]
    /// The topic's TF-IDF vector for the fused score (`Recommender+Fusion`); nil ranks by the
    /// latent cosine alone (a guest-like query, which has no text).
    var lexical: LexicalQuery? = nil
    /// Guests never in the answer (options, GUESTS_LIKE's own guest); nil: none.
    let excluded: GuestBitSet?
    /// Which episodes count as evidence; nil: all.
    let evidence: RowFilter?

    /// Episode candidates per guest asked for. Default 16: on the synthetic 1M catalogue (74,786
    /// guests recurring Zipfian within their topic; 70 % of episodes have a guest) the top-10
    /// guests' best episodes lay within the top 64 rows with an eligible guest in most queries
    /// (docs/PERFORMANCE.md); 16 per guest leaves room for topics dominated by a few prolific guests.
    static let candidatesPerGuest = 16
    /// …and at least this many. Default 256: a 256-row heap costs the scan next to nothing.
    static let minimumCandidates = 256
    /// Growth of the candidate count when a walk runs out. Default 4.
    static let growth = 4

    static func candidateCount(k: Int) -> Int { max(minimumCandidates, candidatesPerGuest * k) }

    var model: PodsimModel { recommender.model }

    func matches(k: Int, method: Recommender.GuestMethod) -> [GuestMatch] {
        switch method {
        case .candidates: candidates(k: k).matches
        case .exhaustive: exhaustive(k: k)
        }
    }

    /// The answer along the recommender's path, and what it took (`GuestCandidateReport`).
    func candidates(k: Int) -> (matches: [GuestMatch], report: GuestCandidateReport) {
        let index = model.guestIndex
        let excluded = excluded
        let evidence = evidence
        let allowed: RowFilter = { row in
            if let evidence, !evidence(row) { return false }
            var eligible = false
            index.forEachGuest(ofRow: row) { guest in
                eligible = !(excluded?.contains(guest) ?? false)
                return !eligible
            }
            return eligible
        }
        var report = GuestCandidateReport(scans: 0, candidates: Self.candidateCount(k: k), rowsWalked: 0)
        var count = report.candidates
        while true {
            report.scans += 1
            report.candidates = count
            let pool = recommender.fusedNearest(query, lexical: lexical, k: count, where: allowed)
            let (found, walked, complete) = walk(pool, k: k)
            report.rowsWalked = walked
            if complete || pool.count < count || count >= model.index.count {
                return (answer(found, k: k), report)
            }
            count = min(model.index.count, count * Self.growth)
        }
    }

    /// Guests in the order the ranked `pool` meets them, up to `k`; how many rows that took;
    /// `complete` when that is the whole answer (k found, or the cosines reached 0 so no later
    /// row can add a guest).
    private func walk(_ pool: [ScoredRow], k: Int) -> (guests: [Int], walked: Int, complete: Bool) {
        var seen = GuestBitSet(count: model.guests.count)
        var found: [Int] = []
        for (position, scored) in pool.enumerated() {
            guard scored.score > 0 else { return (found, position, true) }
            model.guestIndex.forEachGuest(ofRow: scored.row) { guest in
                if !(excluded?.contains(guest) ?? false), seen.insert(guest) { found.append(guest) }
                return found.count < k
            }
            if found.count == k { return (found, position + 1, true) }
        }
        return (found, pool.count, false)
    }

    /// Each guest with their evidence, scored exactly; ordered by their best evidence episode
    /// (on an exact path that is the walk's order already; after an int8 scan it may not be).
    private func answer(_ guests: [Int], k: Int) -> [GuestMatch] {
        let exactQuery = ScanQuery(query)
        let ranked = guests.compactMap { guest -> (guest: Int, evidence: [ScoredRow])? in
            var rows = model.guestIndex.rows(of: guest)
            if let evidence { rows = rows.filter(evidence) }
            let scores = recommender.fused(model.index.exactScores(exactQuery, rows: rows, kernel: recommender.options.kernel), rows: rows, lexical: lexical)
            let matching = zip(rows, scores).map { ScoredRow(row: $0, score: $1) }.filter { $0.score > 0 }
            return matching.isEmpty ? nil : (guest, matching.sorted { $0.ranksAbove($1) })
        }
        return Self.ordered(ranked, k: k).map(match)
    }

    /// The reference: every episode scored, every guest's evidence sorted, every guest sorted.
    func exhaustive(k: Int) -> [GuestMatch] {
        let latent = model.index.scores(query, kernel: recommender.options.kernel)
        let scores = recommender.fused(latent, rows: Array(latent.indices), lexical: lexical)
        var ranked: [(guest: Int, evidence: [ScoredRow])] = []
        for guest in 0..<model.guests.count where !(excluded?.contains(guest) ?? false) {
            let matching = model.guests.episodeRows(of: guest)
                .filter { evidence?($0) ?? true }
                .map { ScoredRow(row: $0, score: scores[$0]) }
                .filter { $0.score > 0 }
                .sorted { $0.ranksAbove($1) }
            if !matching.isEmpty { ranked.append((guest, matching)) }
        }
        return Self.ordered(ranked, k: k).map(match)
    }

    /// Best evidence first; ties by that episode's row, then by guest (name key order).
    private static func ordered(_ ranked: [(guest: Int, evidence: [ScoredRow])], k: Int) -> [(guest: Int, evidence: [ScoredRow])] {
        let sorted = ranked.sorted { a, b in
            a.evidence[0].ranksAbove(b.evidence[0]) || (a.evidence[0] == b.evidence[0] && a.guest < b.guest)
        }
        return Array(sorted.prefix(k))
    }

    private func match(_ entry: (guest: Int, evidence: [ScoredRow])) -> GuestMatch {
        GuestMatch(
            name: model.guests.names[entry.guest], score: entry.evidence[0].score,
            episodes: entry.evidence.map { model.episodes.id($0.row) })
    }
}

/// What a candidate guest ranking took: for `podsim bench local --check` and the tests that
/// justify `GuestRanking.candidatesPerGuest`.
public struct GuestCandidateReport: Sendable, Equatable {
    /// Episode scans: 1 unless the first candidates held fewer than k guests.
    public var scans: Int
    /// Candidates the last scan kept.
    public var candidates: Int
    /// Candidates walked, best first, until the k-th guest (or the end of the answer) was met.
    public var rowsWalked: Int
}
