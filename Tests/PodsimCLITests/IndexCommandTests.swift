import Foundation
import PodsimTestSupport
import Testing

/// `podsim build --index`, `podsim index` and `bench scan --ann` as users run them.
@Suite struct IndexCommandTests {
    @Test func buildIndexAndBenchTheGraph() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let model = directory.file("seeds.podsim")
        let built = try PodsimProcess.run(["build", "--seed", "42", "--dimensions", "24", "--index", "hnsw", "-o", model, "seeds"])
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("graph index "), "the build times its graph phase: \(built.stdout)")
        let bench = try #require(try PodsimProcess.json([
            "bench", "scan", "--model", model, "--threads", "1", "--repetitions", "2", "--queries", "10",
            "--probe-megabytes", "4", "--skip-plain", "--sweep-ef", "4,16",
        ]) as? [String: Any])
        let paths = try #require(bench["paths"] as? [[String: Any]])
        let ann = try #require(paths.first { $0["path"] as? String == "ann" })
        #expect((ann["ms_per_query"] as? Double ?? 0) > 0)
        #expect(ann["recall_at_10"] as? Double == 1, "30 episodes: ef 128 sees them all")
        #expect(bench["ann_ef"] as? Int == 128)  // the serving ef (GraphParameters): recall@10 ≥ 0.98 on LSA vectors
        let sweep = try #require(bench["ann_sweep"] as? [[String: Any]])
        #expect(sweep.map { $0["ef"] as? Int } == [4, 16])

        let removed = try PodsimProcess.run(["index", "--model", model, "--index", "none"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(removed.stdout == "wrote \(model) without a graph index\n")
        let plain = try #require(try PodsimProcess.json(["bench", "scan", "--model", model, "--repetitions", "1", "--queries", "3", "--probe-megabytes", "4", "--skip-plain"]) as? [String: Any])
        #expect(try #require(plain["paths"] as? [[String: Any]]).allSatisfy { $0["path"] as? String != "ann" })
        let added = try PodsimProcess.run(["index", "--model", model])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("linked 30 episodes (M 16, ef_construction 200, seed 42) in "))
        let bad = try PodsimProcess.run(["index", "--model", model, "--m", "1"])
        #expect(bad.status != 0 && bad.stderr.contains("--m must be between 2 and 10000"))
    }

    @Test func benchScanBuildsAGraphOverSyntheticVectors() throws {
        let object = try #require(try PodsimProcess.json([
            "bench", "scan", "--vectors", "3000", "--dimensions", "16", "--threads", "1", "--repetitions", "2",
            "--queries", "20", "--probe-megabytes", "4", "--skip-plain", "--ann",
        ]) as? [String: Any])
        #expect((object["graph_build_seconds"] as? Double ?? 0) > 0)
        let ann = try #require((object["paths"] as? [[String: Any]])?.first { $0["path"] as? String == "ann" })
        #expect((ann["recall_at_10"] as? Double ?? 0) >= 0.9)
    }
}
