import PodsimCore

/// How the guest ranking the recommender serves (`GuestMethod.candidates` along its path)
/// compares with the exhaustive reference on the same inputs: `podsim bench local --check N`.
/// On an exact path every answer must be identical; after an int8 scan it is measured, as the
/// int8 path's recall is. Also how much of the ranking that fuses every episode (not the pool)
/// the served answers hold: the fusion pool's price, the same as SEARCH's.
struct GuestAgreement: Encodable {
    /// Queries compared.
    var queries = 0
    /// Answers identical to the exhaustive one (names, scores, evidence, order).
    var identical = 0
    /// Share of the exhaustive answers' guests that the served answers hold.
    var guestRecall = 1.0
    /// Share of the every-episode-fused answers' guests that the served answers hold.
    var everyEpisodeFusedRecall = 1.0
    /// Queries whose first candidates held fewer than k guests, so the episodes were scanned
    /// again with more.
    var rescanned = 0
    /// Candidates walked until the k-th guest: median and largest over the queries.
    var rowsWalkedMedian = 0
    var rowsWalkedMax = 0

    enum CodingKeys: String, CodingKey {
        case queries, identical, guestRecall = "guest_recall", everyEpisodeFusedRecall = "every_episode_fused_recall", rescanned, rowsWalkedMedian = "rows_walked_median",
             rowsWalkedMax = "rows_walked_max"
    }

    /// Compares the first `count` of `inputs` (topics for `guests`, names for `guests-like`).
    static func measure(_ recommender: Recommender, operation: QueryOperation, inputs: [String], k: Int, count: Int) throws -> Self {
        var agreement = Self()
        var found = 0
        var expected = 0
        var foundFused = 0
        var expectedFused = 0
        var walked: [Int] = []
        for input in inputs.prefix(count) {
            let served: [GuestMatch]
            let reference: [GuestMatch]
            let fused: [GuestMatch]
            let report: GuestCandidateReport?
            switch operation {
            case .guests:
                served = try recommender.guests(topic: input, k: k)
                reference = try recommender.guests(topic: input, k: k, method: .exhaustive)
                fused = try recommender.guests(topic: input, k: k, method: .everyEpisodeFused)
                report = try recommender.guestCandidates(topic: input, k: k)
            case .guestsLike:
                served = try recommender.guestsLike(input, k: k)
                reference = try recommender.guestsLike(input, k: k, method: .exhaustive)
                fused = try recommender.guestsLike(input, k: k, method: .everyEpisodeFused)
                report = try recommender.guestCandidates(like: input, k: k)
            case .similar, .search, .recommend:
                return agreement
            }
            agreement.queries += 1
            if served == reference { agreement.identical += 1 }
            if let report {
                if report.scans > 1 { agreement.rescanned += 1 }
                walked.append(report.rowsWalked)
            }
            let names = Set(served.map(\.name))
            found += reference.filter { names.contains($0.name) }.count
            expected += reference.count
            foundFused += fused.filter { names.contains($0.name) }.count
            expectedFused += fused.count
        }
        agreement.guestRecall = expected == 0 ? 1 : Double(found) / Double(expected)
        agreement.everyEpisodeFusedRecall = expectedFused == 0 ? 1 : Double(foundFused) / Double(expectedFused)
        walked.sort()
        agreement.rowsWalkedMedian = walked.isEmpty ? 0 : walked[walked.count / 2]
        agreement.rowsWalkedMax = walked.last ?? 0
        return agreement
    }

    var line: String {
        "agreement with the exhaustive guest ranking: \(identical)/\(queries) answers identical, guest recall "
            + String(format: "%.4f", guestRecall) + " (against fusing every episode, not the pool: "
            + String(format: "%.4f", everyEpisodeFusedRecall) + "), \(rescanned) queries scanned again; candidates walked to the k-th guest: "
            + "median \(rowsWalkedMedian), max \(rowsWalkedMax)"
    }
}
