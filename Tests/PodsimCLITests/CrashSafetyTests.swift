import Foundation
import PodsimTestSupport
import Testing

/// `kill -9` during `podsim build` never leaves a broken model in place.
@Suite struct CrashSafetyTests {
    func temporaryCopyOfSeedModel() throws -> (directory: URL, model: String, original: Data) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let model = directory.appendingPathComponent("episodes.podsim").path
        let original = try Data(contentsOf: PodsimProcess.repository.appendingPathComponent("Models/episodes.podsim"))
        try original.write(to: URL(fileURLWithPath: model))
        return (directory, model, original)
    }

    /// Starts `podsim build` over the seeds into `model` with a different seed, so a completed build
    /// would change the file.
    func startBuild(into model: String, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = PodsimProcess.executable
        process.arguments = ["build", "--seed", "7", "--dimensions", "12", "-o", model, "seeds"]
        process.currentDirectoryURL = PodsimProcess.repository
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func killedJustBeforeTheRenameLeavesThePreviousModel() throws {
        let (directory, model, original) = try temporaryCopyOfSeedModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let build = try startBuild(into: model, environment: ["PODSIM_TEST_STALL_BEFORE_RENAME": "30"])
        // Wait until the complete temporary file is on disk (the writer then stalls before renaming).
        let deadline = Date().addingTimeInterval(20)
        var temporary: [String] = []
        while Date() < deadline {
            temporary = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
            if !temporary.isEmpty, build.isRunning { Thread.sleep(forTimeInterval: 0.3); break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(!temporary.isEmpty, "the build never reached its write phase")
        kill(build.processIdentifier, SIGKILL)
        build.waitUntilExit()
        #expect(build.terminationReason == .uncaughtSignal && build.terminationStatus == SIGKILL)
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == original, "the previous model was changed")
        // The model still loads and answers.
        let answer = try PodsimProcess.run(["similar", "devops-paradox-333", "--k", "1", "--model", model])
        #expect(answer.status == 0 && answer.stdout.contains("platform-engineering-podcast-2025-07-30"))
    }

    @Test func killedAtAnyMomentLeavesEitherTheOldOrTheNewModel() throws {
        let (directory, model, original) = try temporaryCopyOfSeedModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        for delay in [0.05, 0.15, 0.3, 0.6] {
            let build = try startBuild(into: model)
            Thread.sleep(forTimeInterval: delay)
            kill(build.processIdentifier, SIGKILL)
            build.waitUntilExit()
            let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
            if bytes != original {
                // The build finished before the kill: the new model must be complete and valid.
                let check = try PodsimProcess.run(["episodes", "--model", model, "--k", "1"])
                #expect(check.status == 0, "a killed build left an unreadable model: \(check.stderr)")
            }
        }
    }
}

/// Temporary files of killed writers are removed by the next write, and only those (issue 10,
/// item 1): never one whose writer is alive.
@Suite struct StaleTemporaryFileTests {
    /// Creates `name` in `directory` holding `bytes` zero bytes; returns its path.
    static func plant(_ name: String, in directory: URL, bytes: Int = 4096) throws -> String {
        let path = directory.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(count: bytes)))
        return path
    }

    @Test func buildRemovesTheDeadWritersFileAndKeepsTheLiveOnes() throws {
        let (directory, model, _) = try CrashSafetyTests().temporaryCopyOfSeedModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dead = try PodsimProcess.deadPID()
        let stale = try Self.plant(".episodes.podsim.tmp-\(dead)-1a2b3c", in: directory, bytes: 65_536)
        // This test process is alive: its file is being written as far as anyone can tell.
        let live = try Self.plant(".episodes.podsim.tmp-\(getpid())-4d5e6f", in: directory)
        let otherModel = try Self.plant(".other.podsim.tmp-\(dead)-7a8b9c", in: directory)
        let notOurs = try Self.plant(".episodes.podsim.tmp-\(dead)-not-hex", in: directory)
        let build = try PodsimProcess.run(["build", "--seed", "7", "--dimensions", "12", "-o", model, "seeds"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains(
            "removed stale temporary file \(stale) (65536 bytes), left by process \(dead), which is gone"), "\(build.stdout)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        for kept in [live, otherModel, notOurs] {
            #expect(FileManager.default.fileExists(atPath: kept), "\(kept) was removed")
        }
        #expect(build.stdout.components(separatedBy: "removed stale").count == 2, "only one file is reported")
    }

    @Test func addRemovesTheDeadWritersFile() throws {
        let (directory, model, _) = try CrashSafetyTests().temporaryCopyOfSeedModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dead = try PodsimProcess.deadPID()
        let stale = try Self.plant(".episodes.podsim.tmp-\(dead)-abc", in: directory)
        let jsonl = directory.appendingPathComponent("new.jsonl")
        try #"{"id":"new-1","show":"New","description":"Kubernetes operators and GitOps."}"#.write(
            to: jsonl, atomically: true, encoding: .utf8)
        let add = try PodsimProcess.run(["add", "--model", model, jsonl.path])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("removed stale temporary file \(stale)"), "\(add.stdout)")
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    /// The whole story: a build killed with its complete temporary file on disk, then the next build.
    @Test func theBuildAfterAKilledOneCleansUp() throws {
        let crash = CrashSafetyTests()
        let (directory, model, _) = try crash.temporaryCopyOfSeedModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let build = try crash.startBuild(into: model, environment: ["PODSIM_TEST_STALL_BEFORE_RENAME": "30"])
        var temporary: [String] = []
        let deadline = Date().addingTimeInterval(60)
        // Poll for the temporary file (the writer then stalls before its rename).
        while Date() < deadline, build.isRunning, temporary.isEmpty {
            temporary = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(build.processIdentifier, SIGKILL)
        build.waitUntilExit()
        let left = try #require(temporary.first, "the build never reached its write phase")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(left).path))
        let next = try PodsimProcess.run(["build", "--seed", "8", "--dimensions", "12", "-o", model, "seeds"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("removed stale temporary file \(directory.appendingPathComponent(left).path)"), "\(next.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".tmp-") }.isEmpty)
    }
}
