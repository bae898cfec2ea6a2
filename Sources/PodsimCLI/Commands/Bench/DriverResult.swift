import Histogram

/// Latencies of a driver run: answered queries in the histogram, failures counted by kind.
struct DriverResult {
    let histogram: Histogram<UInt64>
    /// Failed queries by kind (`NOT_FOUND (2)`, `timeout`); not in the histogram.
    let errors: [String: Int]
    let seconds: Double

    /// The percentiles reported, by the names text and JSON use.
    static let percentiles: [(name: String, percentile: Double)] = [("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9)]

    var figures: Figures {
        let count = histogram.totalCount
        var latency = Dictionary(uniqueKeysWithValues: Self.percentiles.map {
            ($0.name, Double(histogram.valueAtPercentile($0.percentile)) / 1e6)
        })
        latency["max"] = Double(histogram.max) / 1e6
        return Figures(
            answered: Int(count), seconds: seconds, queriesPerSecond: Double(count) / seconds,
            errors: errors, latencyMilliseconds: latency)
    }

    func print() {
        let f = figures
        Swift.print(String(format: "answered %d, QPS %.1f; errors %d", f.answered, f.queriesPerSecond, errors.values.reduce(0, +))
            + (errors.isEmpty ? "" : " (" + errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"))
        let cells = (Self.percentiles.map(\.name) + ["max"]).map { "\($0) " + String(format: "%.3f", f.latencyMilliseconds[$0] ?? .nan) }
        Swift.print("latency ms: " + cells.joined(separator: "  "))
    }

    /// The run's figures as `--json` prints them.
    struct Figures: Encodable {
        var answered: Int
        var seconds: Double
        var queriesPerSecond: Double
        /// Failed queries by kind; they are not in the latencies.
        var errors: [String: Int]
        /// p50, p90, p99, p99.9 and max, in milliseconds.
        var latencyMilliseconds: [String: Double]

        enum CodingKeys: String, CodingKey {
            case answered, seconds, queriesPerSecond = "qps", errors, latencyMilliseconds = "latency_ms"
        }
    }
}
