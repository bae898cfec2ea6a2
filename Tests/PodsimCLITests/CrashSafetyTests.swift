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
