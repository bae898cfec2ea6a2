import Foundation
import PodsimTestSupport
import Testing

/// `podsim evaluate`: the table, `--json` with every case, and the files `Benchmarks/relevance.sh`
/// reads (`--corpus`, `--neighbours`).
@Suite struct EvaluateCommandTests {
    @Test func jsonListsEveryCaseWithItsRank() throws {
        let report = try #require(try PodsimProcess.json(["evaluate", "--json"]) as? [String: Any])
        let cases = try #require(report["cases"] as? [[String: Any]])
        #expect(cases.filter { $0["task"] as? String == "similar" }.count == 19)
        #expect(cases.filter { $0["task"] as? String == "search" }.count == 10)
        #expect(cases.filter { $0["task"] as? String == "guests" }.count == 18)
        let similar = try #require(report["similar"] as? [String: Any])
        // The MRR printed is the mean of 1/rank over the cases listed.
        let ranks = cases.filter { $0["task"] as? String == "similar" }.map { ($0["rank"] as? Int).map { 1 / Double($0) } ?? 0 }
        let mrr = try #require(similar["meanReciprocalRank"] as? Double)
        #expect(abs(mrr - ranks.reduce(0, +) / Double(ranks.count)) < 1e-9)
        #expect(cases.allSatisfy { ($0["answers"] as? [String])?.count ?? 0 <= 10 })
    }

    @Test func corpusAndNeighboursFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let corpus = directory.file("corpus.jsonl"), neighbours = directory.file("neighbours.jsonl")
        let result = try PodsimProcess.run(["evaluate", "--no-labels", "--corpus", corpus, "--neighbours", neighbours, "--sample", "7"])
        #expect(result.status == 0, "\(result.stderr)")
        let episodes = try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(episodes.count == 30)
        let first = try #require(episodes.first)
        #expect((first["text"] as? String)?.contains("\n") == true && first["show"] is String && first["guests"] is [String])
        let lines = try String(contentsOfFile: neighbours, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        // 30 episodes, 7 asked: every 4th row from row 0.
        let ids = episodes.map { $0["id"] as! String }
        #expect(lines.map { $0["id"] as! String } == [0, 4, 8, 12, 16, 20, 24].map { ids[$0] })
        for line in lines {
            let answers = try #require(line["neighbours"] as? [String])
            let similar = try #require(try PodsimProcess.json(["similar", line["id"] as! String, "--json"]) as? [[String: Any]])
            #expect(answers == similar.map { $0["id"] as! String }, "the answers `podsim similar` gives")
        }
    }

    @Test(arguments: [
        (["evaluate", "--lexical-weight", "1.5"], "--lexical-weight must be between 0 and 1, got 1.5"),
        (["evaluate", "--sample", "0", "--neighbours", "/tmp/unused.jsonl"], "--sample must be at least 1"),
        (["evaluate", "--no-labels"], "--no-labels leaves nothing to do"),
        (["evaluate", "--labels", "/nonexistent/labels.json"], "cannot read labelled set /nonexistent/labels.json"),
    ])
    func badArgumentsAreRefused(arguments: [String], fragment: String) throws {
        let result = try PodsimProcess.run(arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(fragment), "\(result.stderr)")
    }

    /// Weight 0 is the latent ranking alone; the default fuses — both are answers of the model.
    @Test func lexicalWeightChangesTheRanking() throws {
        let fused = try #require(try PodsimProcess.json(["evaluate", "--json"]) as? [String: Any])
        let latent = try #require(try PodsimProcess.json(["evaluate", "--json", "--lexical-weight", "0"]) as? [String: Any])
        let scores = { (report: [String: Any]) in (report["cases"] as! [[String: Any]]).map { $0["answers"] as! [String] } }
        #expect(scores(fused) != scores(latent))
    }
}
