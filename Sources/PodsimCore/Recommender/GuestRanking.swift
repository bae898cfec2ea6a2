/// Ranks guests for one query vector: a guest's score is their best evidence episode's cosine
/// (CombMAX), guests best first with ties by that episode's row and then by guest (name key
/// order), each listing their best `evidencePerGuest` evidence episodes with cosine > 0, best
/// first.
///
/// The episode ranking a guest ranking walks is SEARCH's: the best rows by latent cosine (those
/// with an eligible guest), re-ranked by the fused score (`Recommender+Fusion`) — P of them,
/// P = `candidateCount(k:)`, times four while P rows hold fewer than k guests (up to every
/// row). Walked best first, each guest met for the first time is the next guest of the answer.
///
/// Three ways to it:
/// - `candidates`, served: the P rows through the recommender's own path (the one SIMILAR and
///   SEARCH take: exact scan, threads, or int8 with rescoring), then the walk. A guest's best
///   episode is the first of theirs in the episode ranking, so on an exact path the answer is
///   the exhaustive one, bit for bit; after the int8 scan its agreement is measured (`podsim
///   bench local --check`), as the int8 path's recall is.
/// - `exhaustive`, the reference the tests hold `candidates` to: every episode scored exactly
///   and sorted, the first P taken from that sort, the same fusion and walk.
/// - `everyEpisodeFused`: every episode fused, every guest's evidence sorted, every guest sorted.
///   Not what is served: fusing a million lexical rows per query is what the fusion pool exists
///   to avoid. With fusion off it equals the other two; with fusion on, how far the pool is
///   from it is the price SEARCH pays too, measured by `--check` (docs/PERFORMANCE.md).
struct GuestRanking {
    let recommender: Recommender
    let query: [Float]
    /// The topic's TF-IDF vector for the fused score (`Recommender+Fusion`); nil ranks by the
    /// latent cosine alone (a guest-like query, which has no text).
    var lexical: LexicalQuery? = nil
    /// Guests never in the answer (options, GUESTS_LIKE's own guest); nil: none.
    let excluded: BitSet?
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

    /// Evidence episodes listed per guest, best first. Default 10. Why a bound: a directory's
    /// prolific guests have thousands of episodes (the synthetic 10M catalogue's busiest, about
    /// 29,000), and listing every one made a GUESTS answer at 10M carry ~65,000 ids — more than a
    /// 1 MiB frame, and most of the query's time in id strings and a sort. The score is the best
    /// episode's (CombMAX), so the list only shows why; ten does that, as SIMILAR_SHOWS' three do
    /// for a show. Every row of the guest is still scored: the ten are the best of all of them.
    public static let evidencePerGuest = 10

    var model: PodsimModel { recommender.model }

    func matches(k: Int, method: Recommender.GuestMethod) -> [GuestMatch] {
        switch method {
        case .candidates: candidates(k: k).matches
        case .exhaustive: exhaustive(k: k)
        case .everyEpisodeFused: everyEpisodeFused(k: k)
        }
    }

    /// Rows with at least one guest who may be answered, and that count as evidence. The rows
    /// with a guest are one bit each (`GuestIndex.rowsWithGuests`); with guests excluded, the
    /// rows whose every guest is excluded are cleared from a copy of those bits, unless the
    /// excluded guests have more episodes than `excludedRowsCopiedUpTo`, where each offered row
    /// looks at its guests instead.
    private var eligible: RowFilter {
        let index = model.guestIndex
        let evidence = evidence
        var rows = index.rowsWithGuests
        if let excluded {
            var excludedRows = 0
            excluded.forEach { excludedRows += index.episodeCount(of: $0) }
            if excludedRows > excludedRowsCopiedUpTo {
                let withGuests = index.rowsWithGuests
                return { row in
                    withGuests.contains(row) && (evidence?(row) ?? true) && index.hasGuest(ofRow: row, notIn: excluded)
                }
            }
            excluded.forEach { guest in
                index.forEachRow(of: guest) { row in
                    if !index.hasGuest(ofRow: row, notIn: excluded) { rows.remove(row) }
                }
            }
        }
        let allowed = rows
        guard let evidence else { return { allowed.contains($0) } }
        return { allowed.contains($0) && evidence($0) }
    }

    /// Episodes of excluded guests up to which `eligible` clears their rows up front. Default
    /// 20,000: clearing looks at each such row's guests once, as the per-row test does for each
    /// row a scan offers (some tens of thousands per query at 1M, in the profile), and the copy
    /// of the row bits (125 KB at 1M, 1.25 MB at 10M) costs less than either.
    var excludedRowsCopiedUpTo = 20_000

    /// The answer along the recommender's path, and what it took (`GuestCandidateReport`).
    func candidates(k: Int) -> (matches: [GuestMatch], report: GuestCandidateReport) {
        let allowed = eligible
        return grow(k: k) { count in recommender.fusedNearest(query, lexical: lexical, k: count, where: allowed) }
    }

    /// The reference for `candidates`: every episode scored exactly and sorted, then the same
    /// pool, fusion and walk.
    func exhaustive(k: Int) -> [GuestMatch] {
        let allowed = eligible
        let latent = model.index.scores(query, kernel: recommender.options.kernel)
        let ranked = latent.indices.filter(allowed).map { ScoredRow(row: $0, score: latent[$0]) }.sorted { $0.ranksAbove($1) }
        return grow(k: k) { count in
            guard let lexical, let rows = model.lexical, recommender.fusion.lexicalWeight > 0 else {
                return Array(ranked.prefix(count))
            }
            return recommender.fusedTop(Array(ranked.prefix(recommender.fusionPoolSize(k: count))), lexical: lexical, rows: rows, k: count)
        }.matches
    }

    /// Walks the first `candidateCount(k:)` rows of `ranking(count)`, and four times as many
    /// while they hold fewer than k guests.
    private func grow(k: Int, _ ranking: (Int) -> [ScoredRow]) -> (matches: [GuestMatch], report: GuestCandidateReport) {
        var report = GuestCandidateReport(scans: 0, candidates: Self.candidateCount(k: k), rowsWalked: 0)
        var count = report.candidates
        while true {
            report.scans += 1
            report.candidates = count
            let pool = ranking(count)
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
        var seen = BitSet(count: model.guests.count)
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
    /// Every row of the guest is scored; a bounded heap keeps the best `evidencePerGuest`.
    private func answer(_ guests: [Int], k: Int) -> [GuestMatch] {
        var lists: [Range<Int>] = []
        var rows: [Int] = []
        for guest in guests {
            let start = rows.count
            if let evidence {
                model.guestIndex.forEachRow(of: guest) { if evidence($0) { rows.append($0) } }
            } else {
                model.guestIndex.forEachRow(of: guest) { rows.append($0) }
            }
            lists.append(start..<rows.count)
        }
        let scores = evidenceScores(rows)
        let ranked = zip(guests, lists).compactMap { guest, list -> (guest: Int, evidence: [ScoredRow])? in
            var best = TopKSelector(k: Self.evidencePerGuest)
            for i in list where scores[i] > 0 { best.insert(row: rows[i], score: scores[i]) }
            let matching = best.sorted()
            return matching.isEmpty ? nil : (guest, matching)
        }
        return Self.ordered(ranked, k: k).map(match)
    }

    /// The fused score of each of `rows` (the answered guests' episodes, one list after another),
    /// split over the search options' threads from `parallelEvidenceFrom` rows. Why: prolific
    /// guests bring thousands of rows in random order, each a few cache misses for its vector
    /// and its TF-IDF row — at 1M the single-threaded evidence cost GUESTS as much as its scan
    /// on two threads. Each row's score is its own, so any split gives the same bits.
    private func evidenceScores(_ rows: [Int]) -> [Float] {
        let recommender = recommender
        let exactQuery = ScanQuery(query)
        let lexical = lexical
        let score = { @Sendable (part: Range<Int>) -> [Float] in
            let rows = Array(rows[part])
            let latent = recommender.model.index.exactScores(exactQuery, rows: rows, kernel: recommender.options.kernel)
            return recommender.fused(latent, rows: rows, lexical: lexical)
        }
        let threads = recommender.options.threads
        guard rows.count >= parallelEvidenceFrom, threads > 1 else { return score(rows.indices) }
        return Array(ParallelScan.run(rows.indices, parts: threads, score).joined())
    }

    /// Evidence rows from which their scores are split across threads. Default 2,048: below it
    /// the rows cost less than a thread hop (tens of microseconds).
    var parallelEvidenceFrom = 2_048

    /// Every episode scored and fused, every guest's evidence sorted, every guest sorted.
    func everyEpisodeFused(k: Int) -> [GuestMatch] {
        let latent = model.index.scores(query, kernel: recommender.options.kernel)
        let scores = recommender.fused(latent, rows: Array(latent.indices), lexical: lexical)
        var ranked: [(guest: Int, evidence: [ScoredRow])] = []
        for guest in 0..<model.guests.count where !(excluded?.contains(guest) ?? false) {
            let matching = model.guests.episodeRows(of: guest)
                .filter { evidence?($0) ?? true }
                .map { ScoredRow(row: $0, score: scores[$0]) }
                .filter { $0.score > 0 }
                .sorted { $0.ranksAbove($1) }
                .prefix(Self.evidencePerGuest)
            if !matching.isEmpty { ranked.append((guest, Array(matching))) }
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
