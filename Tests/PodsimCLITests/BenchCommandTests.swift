import Foundation
import PodsimTestSupport
import Testing

/// `podsim bench local` and `bench scan` on small inputs: every figure is present and the JSON
/// parses; speed itself is never asserted (that is the benchmarks' business).
@Suite struct BenchCommandTests {
    @Test func localJSONCarriesTheFigures() throws {
        let object = try #require(try PodsimProcess.json([
            "bench", "local", "--model", "Models/episodes.podsim", "--op", "search", "--duration", "0.2",
        ]) as? [String: Any])
        let figures = try #require(object["result"] as? [String: Any])
        #expect((figures["answered"] as? Int ?? 0) > 0)
        #expect((figures["qps"] as? Double ?? 0) > 0)
        #expect(Set((figures["latency_ms"] as? [String: Double] ?? [:]).keys) == ["p50", "p90", "p99", "p99.9", "max"])
        #expect(object["episodes"] as? Int == 30 && object["op"] as? String == "search" && object["path"] as? String == "auto")
        #expect((object["open_seconds"] as? Double ?? -1) >= 0)
    }

    @Test func scanJSONNamesEveryPathWithItsRecall() throws {
        let object = try #require(try PodsimProcess.json([
            "bench", "scan", "--vectors", "2000", "--dimensions", "16", "--threads", "1", "--repetitions", "2",
            "--queries", "10", "--probe-megabytes", "4",
        ]) as? [String: Any])
        #expect(object["threads"] as? Int == 1 && object["rows"] as? Int == 2000 && object["k"] as? Int == 10)
        #expect(object["batch_size"] as? Int == 8, "the batch path's default size")
        #expect(object["exact_paths_disagreed"] as? Int == 0)
        let paths = try #require(object["paths"] as? [[String: Any]])
        // Then the exact and int8 scans with each kernel level below the one this CPU runs best.
        let lower: [String: [String]] = ["baseline": [], "avx2": ["baseline"], "avx512": ["baseline", "avx2"]]
        let levels = try #require(lower[object["kernel"] as? String ?? ""])
        #expect(paths.map { $0["path"] as? String } == ["plain", "exact", "exact_threads", "batch", "int8", "int8_threads"]
            + levels.map { "exact_\($0)" } + levels.map { "int8_\($0)" })
        for path in paths {
            #expect((path["ms_per_query"] as? Double ?? 0) > 0)
            let recall = try #require(path["recall_at_10"] as? Double)
            #expect((0...1).contains(recall))
            if (path["path"] as? String ?? "").hasPrefix("int8") == false { #expect(recall == 1) }
        }
        #expect((object["bandwidth_gb_per_s"] as? Double ?? 0) > 0)
    }

    /// `--ef` has no fixed default any more (it follows the graph's size), and a given one must
    /// still be at least 1.
    @Test func scanRefusesAnEFBelowOne() throws {
        let result = try PodsimProcess.run(["bench", "scan", "--vectors", "100", "--ann", "--ef", "0"])
        #expect(result.status != 0 && result.stderr.contains("--ef must be at least 1"), "\(result.stderr)")
    }

    /// `--batch` takes 1…1024 queries; outside that the command says so and runs nothing.
    @Test func scanRefusesABatchOutOfRange() throws {
        for batch in ["0", "1025"] {
            let result = try PodsimProcess.run(["bench", "scan", "--vectors", "100", "--batch", batch])
            #expect(result.status != 0 && result.stderr.contains("--batch must be between 1 and 1024, got \(batch)"), "\(result.stderr)")
            #expect(!result.stdout.contains("memory bandwidth"), "nothing measured")
        }
    }

    @Test func scanTextReportsEachPathAgainstTheBandwidth() throws {
        let result = try PodsimProcess.run([
            "bench", "scan", "--vectors", "1000", "--dimensions", "8", "--repetitions", "1", "--queries", "5", "--skip-plain", "--probe-megabytes", "4",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("memory bandwidth, 1 thread: "))
        #expect(result.stdout.contains("int8 scan + rescoring, 1 thread"))
        #expect(!result.stdout.contains("plain loop"))
        #expect(result.stdout.contains("exact paths disagreed 0 time(s)"))
    }
}
