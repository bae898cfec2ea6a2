import Foundation
import PodsimCore
import PodsimTestSupport
import Testing

/// `podsim build --spark local[2]` against a local build of the same inputs: the same episodes
/// and vocabulary, singular values within 1 % of a converged local fit, the same nearest
/// episode for at least 90 %; and a failed job that leaves the previous model in place.
/// Needs `make spark-setup` (which `make test` runs first). Serialized: each Spark run starts a
/// JVM, and two at once on a 2-core machine only slow each other down.
@Suite(.serialized) struct SparkBuildTests {
    /// Local settings close to converged (16 subspace iterations, 64 extra directions): the
    /// Spark fit (ARPACK) is converged, so it is compared with a converged local fit.
    static let converged = ["--power-iterations", "16", "--oversampling", "64"]

    /// Synthetic catalogue size for the agreement test: 5,000 episodes. The issue asks for ~50k,
    /// but the local fit and the Spark fit both run the debug build's analyzer, and on this shared
    /// 2-core machine a converged local debug fit of 20,000 episodes alone ran past 6 minutes; CI
    /// must stay well under its limit. docs/SCALING.md has the commands for 100k with a release build.
    static let syntheticEpisodes = 5_000

    @Test func seedsFitOnSparkAsLocally() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try compare(inputs: ["seeds"], options: ["--seed", "42", "--dimensions", "24"], in: directory, sample: nil)
    }

    @Test func syntheticCatalogueFitsOnSparkAsLocally() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let catalogue = directory.file("synthetic.jsonl")
        let synth = try PodsimProcess.run(["synth", "--episodes", String(Self.syntheticEpisodes), "--seed", "7", "-o", catalogue])
        try #require(synth.status == 0, "\(synth.stderr)")
        try compare(inputs: [catalogue], options: ["--seed", "42", "--dimensions", "32"], in: directory, sample: 1_000)
    }

    /// Builds `inputs` locally and on Spark and checks that the two models agree; `sample`
    /// bounds how many episodes' nearest neighbours are compared (nil: all).
    private func compare(inputs: [String], options: [String], in directory: TemporaryDirectory, sample: Int?) throws {
        let localPath = directory.file("local.podsim"), sparkPath = directory.file("spark.podsim")
        let local = try PodsimProcess.run(["build"] + options + Self.converged + ["-o", localPath] + inputs)
        try #require(local.status == 0, "\(local.stderr)")
        let spark = try PodsimProcess.run(["build", "--spark", "local[2]"] + options + ["-o", sparkPath] + inputs)
        try #require(spark.status == 0, "\(spark.stderr)")
        #expect(spark.stdout.contains("wrote \(sparkPath)"))

        let a = try PodsimModel(contentsOf: localPath), b = try PodsimModel(contentsOf: sparkPath)
        let fit = try #require(b.info.fit)
        #expect(fit.engine == "spark" && fit.master == "local[2]" && fit.version.hasPrefix("4."))
        #expect(a.info.fit == nil)
        #expect(a.episodes.count == b.episodes.count)
        #expect((0..<a.episodes.count).allSatisfy { a.episodes.id($0) == b.episodes.id($0) })
        // The vocabulary is chosen by the same rules from the same analysis: identical.
        #expect(a.features == b.features)
        #expect(a.info.singularValues.count == b.info.singularValues.count)
        for (index, (x, y)) in zip(a.info.singularValues, b.info.singularValues).enumerated() {
            #expect(abs(x - y) <= 0.01 * x, "σ\(index + 1): local \(x), Spark \(y)")
        }
        let rows = a.episodes.count
        let checked = sample.map { size in stride(from: 0, to: rows, by: max(1, rows / size)).map { $0 } } ?? Array(0..<rows)
        let same = checked.filter { nearest(a, $0) == nearest(b, $0) }.count
        #expect(Double(same) >= 0.9 * Double(checked.count), "same nearest episode for \(same) of \(checked.count)")
    }

    private func nearest(_ model: PodsimModel, _ row: Int) -> String {
        let hit = model.index.search(model.index.vector(row), k: 1, where: { $0 != row })
        return hit.first.map { model.episodes.id($0.row) } ?? ""
    }

    @Test func failedAnalysisLeavesThePreviousModel() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let model = directory.file("m.podsim")
        try FileManager.default.copyItem(atPath: PodsimProcess.repository.appendingPathComponent("Models/episodes.podsim").path, toPath: model)
        let before = try Data(contentsOf: URL(fileURLWithPath: model))
        let result = try PodsimProcess.run(
            ["build", "--spark", "local[2]", "--test-spark-fail-at-row", "3", "--dimensions", "8", "-o", model, "seeds"])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.contains("Spark fit failed in stage 'analyse'"), "\(result.stderr)")
        #expect(result.stderr.contains("podsim analyze exited with status"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == before)
        #expect(try directory.entries() == ["m.podsim"])
    }

    @Test func unreachableMasterFailsAtOnceAndLeavesThePreviousModel() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let model = directory.file("m.podsim")
        try Data("previous".utf8).write(to: URL(fileURLWithPath: model))
        let port = try closedPort()
        let result = try PodsimProcess.run(["build", "--spark", "spark://127.0.0.1:\(port)", "-o", model, "seeds"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Spark fit failed in stage 'connect': cannot reach the Spark master spark://127.0.0.1:\(port)"), "\(result.stderr)")
        #expect(try String(contentsOfFile: model, encoding: .utf8) == "previous")
    }

    @Test func unwritableStagingDirectoryFailsBeforeSparkStarts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let model = directory.file("m.podsim")
        try Data("previous".utf8).write(to: URL(fileURLWithPath: model))
        let result = try PodsimProcess.run(
            ["build", "--spark", "local[2]", "--spark-staging", "/proc/podsim-staging", "-o", model, "seeds"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Spark fit failed in stage 'stage': cannot create the work directory /proc/podsim-staging/"), "\(result.stderr)")
        #expect(try String(contentsOfFile: model, encoding: .utf8) == "previous")
    }

    @Test func missingPySparkOrJavaIsOneClearLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let model = directory.file("m.podsim")
        let noVenv = try PodsimProcess.run(
            ["build", "--spark", "local[2]", "-o", model, "seeds"], environment: ["XDG_DATA_HOME": directory.path])
        #expect(noVenv.status != 0)
        #expect(noVenv.stderr.contains("pyspark is not installed in \(directory.path)/podsim/spark/venv; run `make spark-setup`"), "\(noVenv.stderr)")
        let noJava = try PodsimProcess.run(
            ["build", "--spark", "local[2]", "-o", model, "seeds"], environment: ["PATH": "/nonexistent", "JAVA_HOME": nil])
        #expect(noJava.status != 0)
        #expect(noJava.stderr.contains("no Java found"), "\(noJava.stderr)")
        #expect(!FileManager.default.fileExists(atPath: model))
    }

    @Test(arguments: [
        (["--spark", "local[2]", "--spark-conf", "spark.executor.memory"], "--spark-conf 'spark.executor.memory' is not KEY=VALUE"),
        (["--spark-partitions", "4"], "need --spark MASTER"),
        (["--spark", "local[2]", "--spark-partitions", "0"], "--spark-partitions must be at least 1"),
    ])
    func badSparkOptionsAreRejected(arguments: [String], message: String) throws {
        let result = try PodsimProcess.run(["build"] + arguments + ["-o", "/tmp/podsim-unused.podsim", "seeds"])
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// A loopback port nothing listens on: bound, then closed.
    private func closedPort() throws -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        close(socket)
        try #require(bound)
        return UInt16(bigEndian: address.sin_port)
    }
}
