import ArgumentParser
import PodsimClient
import PodsimCore

/// `--exclude`, `--offset`, `--min-score`, `--max-per-show`, `--recency` for `similar`,
/// `search` and `recommend`: the protocol's query options 0x05–0x09, checked before anything runs.
struct RankingCLIOptions: ParsableArguments {
    @Option(name: .customLong("exclude"), help: ArgumentHelp(
        "Never return this episode (repeatable; e.g. what the listener heard). Unknown ids are ignored.", valueName: "id"))
    var excludeIDs: [String] = []

    @Option(help: "Skip this many of the best hits first (paging: --offset 10 --k 10 is page 2), 0…10000.")
    var offset: Int = 0

    @Option(name: .customLong("min-score"), help: "Leave out hits whose final score is below this, -1…1.")
    var minScore: Float?

    @Option(name: .customLong("max-per-show"), help: "At most this many hits from any one show (≥ 1).")
    var maxPerShow: Int?

    @Option(help: ArgumentHelp(
        "Favour recent episodes: the boost halves every HALF_LIFE_DAYS before the model's newest episode; WEIGHT 0…1 (default 0.5) is how much it counts.",
        valueName: "HALF_LIFE_DAYS[:WEIGHT]"))
    var recency: String?

    /// The weight `--recency` uses when none is given: half the score from recency.
    static let defaultRecencyWeight: Float = 0.5

    func validate() throws {
        guard (0...RankingOptions.maxOffset).contains(offset) else {
            throw ValidationError("--offset must be between 0 and \(RankingOptions.maxOffset), got \(offset)")
        }
        if let minScore, !(minScore >= -1 && minScore <= 1) {
            throw ValidationError("--min-score must be between -1 and 1, got \(minScore)")
        }
        if let maxPerShow, !(1...Int(UInt16.max)).contains(maxPerShow) {
            throw ValidationError("--max-per-show must be between 1 and \(UInt16.max), got \(maxPerShow)")
        }
        _ = try parsedRecency()
    }

    /// `--recency` as half-life and weight; throws a `ValidationError` that says what is wrong.
    func parsedRecency() throws -> RankingOptions.Recency? {
        guard let recency else { return nil }
        let parts = recency.split(separator: ":", omittingEmptySubsequences: false)
        let usage = "--recency must be HALF_LIFE_DAYS or HALF_LIFE_DAYS:WEIGHT, like 30 or 30:0.5; got '\(recency)'"
        guard (1...2).contains(parts.count), let halfLife = Float(parts[0]) else { throw ValidationError(usage) }
        let weight = parts.count == 2 ? Float(parts[1]) : Self.defaultRecencyWeight
        guard let weight else { throw ValidationError(usage) }
        guard halfLife.isFinite && halfLife > 0 else {
            throw ValidationError("--recency: the half-life must be a number of days above 0, got \(parts[0])")
        }
        guard weight >= 0 && weight <= 1 else {
            throw ValidationError("--recency: the weight must be between 0 and 1, got \(parts[1])")
        }
        return RankingOptions.Recency(halfLifeDays: halfLife, weight: weight)
    }

    /// For the local model. Valid once `validate()` passed.
    var ranking: RankingOptions {
        RankingOptions(
            excludeIDs: excludeIDs, offset: offset, minScore: minScore, maxPerShow: maxPerShow,
            recency: (try? parsedRecency()) ?? nil)
    }

    /// `options` with these set, for the wire (options left at their defaults are not sent).
    func adding(to options: QueryOptions) -> QueryOptions {
        var options = options
        options.excludeIDs = excludeIDs.isEmpty ? nil : excludeIDs
        options.offset = offset > 0 ? UInt32(offset) : nil
        options.minScore = minScore
        options.maxPerShow = maxPerShow.map { UInt16($0) }
        options.recency = ranking.recency.map { RecencyOption(halfLifeDays: $0.halfLifeDays, weight: $0.weight) }
        return options
    }
}
