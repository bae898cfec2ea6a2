import Foundation
import PodsimTestSupport
import Testing

/// `podsim build --stream` / `--fit-sample` / `--memory-limit` end to end: it prints that it
/// streams and its progress, the model answers, a build that would not fit in memory stops
/// early saying how much it needs, and a streaming build killed before its rename leaves the
/// previous model (and no spill file) behind.
@Suite struct StreamingBuildTests {
    /// A 1,200-episode synthetic catalogue in a temporary directory.
    static func catalogue() throws -> (directory: TemporaryDirectory, path: String) {
        let directory = try TemporaryDirectory()
        let path = directory.file("catalogue.jsonl")
        let synth = try PodsimProcess.run(["synth", "--episodes", "1200", "--seed", "4", "--topics", "8", "-o", path])
        #expect(synth.status == 0, "\(synth.stderr)")
        return (directory, path)
    }

    static let build = ["build", "--seed", "7", "--dimensions", "12", "--power-iterations", "1", "--index", "none"]

    @Test func aStreamingBuildSaysSoPrintsProgressAndAnswers() throws {
        let (directory, catalogue) = try Self.catalogue()
        defer { directory.remove() }
        let model = directory.file("streamed.podsim")
        let result = try PodsimProcess.run(Self.build + ["--fit-sample", "500", "-o", model, catalogue])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("streaming build (--fit-sample): fitting on a seeded sample of 500 episodes"))
        #expect(result.stdout.contains("fitted on a seeded sample of 500 of 1200 episodes"))
        #expect(result.stdout.contains("lexical rows (LX) left out"))
        #expect(result.stderr.contains("read 1200 episodes") && result.stderr.contains("projected 1200 of 1200 episodes"))
        let similar = try PodsimProcess.run(["similar", "--model", model, "--k", "3", "--json", Self.firstID(catalogue)])
        #expect(similar.status == 0, "\(similar.stderr)")
    }

    @Test func tooLittleMemoryFailsEarlySayingHowMuchItNeeds() throws {
        let (directory, catalogue) = try Self.catalogue()
        defer { directory.remove() }
        let model = directory.file("none.podsim")
        let result = try PodsimProcess.run(Self.build + ["--memory-limit", "0.001", "-o", model, catalogue])
        #expect(result.status != 0)
        #expect(result.stderr.contains("this build needs about"), "\(result.stderr)")
        #expect(result.stderr.contains("more than the 1 MB this machine allows"))
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    @Test func killedBeforeTheRenameLeavesThePreviousModelAndNoSpill() throws {
        let (directory, catalogue) = try Self.catalogue()
        defer { directory.remove() }
        let model = directory.file("episodes.podsim")
        let original = try Data(contentsOf: PodsimProcess.repository.appendingPathComponent("Models/episodes.podsim"))
        try original.write(to: URL(fileURLWithPath: model))
        let build = try BuildProcess(Self.build + ["--stream", "-o", model, "--test-pause-at", "before-rename", catalogue])
        #expect(build.waitForLine(containing: "podsim: paused before-rename"), "the build never reached the rename: \(build.stderr)")
        build.kill()
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == original, "the previous model was changed")
        // The spill files were unlinked when created; only the killed writer's temporary file
        // remains, for the next write to remove (StaleTemporaryFiles).
        let left = try directory.entries().filter { !["catalogue.jsonl", "episodes.podsim"].contains($0) }
        #expect(left.count == 1 && left[0].hasPrefix(".episodes.podsim.tmp-"), "left: \(left)")
    }

    static func firstID(_ catalogue: String) throws -> String {
        let line = try String(contentsOfFile: catalogue, encoding: .utf8).prefix { $0 != "\n" }
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        return object["id"] as! String
    }
}
