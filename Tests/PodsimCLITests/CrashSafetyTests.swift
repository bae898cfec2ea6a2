import Foundation
import PodsimTestSupport
import Testing

/// `kill -9` during `podsim build` never leaves a broken model in place: the path holds the old
/// model or the complete new one, byte for byte. Kills are timed by the build's own events (its
/// progress lines, and the hidden `--test-pause-at` moments around the rename), never by delays.
@Suite struct CrashSafetyTests {
    /// The build every test runs: a different seed than the committed model's, so a completed
    /// build changes the file.
    static let buildArguments = ["build", "--seed", "7", "--dimensions", "12", "--verbose", "seeds"]

    /// What a completed build writes (builds are deterministic for a seed), and how many
    /// progress lines it prints: the moments the phase test kills at. One build gives both.
    static let completed: (model: Data, progressLines: Int) = {
        let directory = try! TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("reference.podsim")
        let result = try! PodsimProcess.run(buildArguments + ["-o", path])
        precondition(result.status == 0, "the reference build failed: \(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("  ") }.count
        return (try! Data(contentsOf: URL(fileURLWithPath: path)), lines)
    }()
    static var reference: Data { completed.model }
    static var progressLines: Int { completed.progressLines }

    /// A directory holding a copy of the committed seed model as `episodes.podsim`.
    func copyOfSeedModel() throws -> (directory: TemporaryDirectory, model: String, original: Data) {
        let directory = try TemporaryDirectory()
        let model = directory.file("episodes.podsim")
        let original = try Data(contentsOf: PodsimProcess.repository.appendingPathComponent("Models/episodes.podsim"))
        try original.write(to: URL(fileURLWithPath: model))
        return (directory, model, original)
    }

    @Test func killedJustBeforeTheRenameLeavesThePreviousModel() throws {
        let (directory, model, original) = try copyOfSeedModel()
        defer { directory.remove() }
        let build = try BuildProcess(Self.buildArguments + ["-o", model, "--test-pause-at", "before-rename"])
        #expect(build.waitForLine(containing: "podsim: paused before-rename"), "the build never reached the rename: \(build.stderr)")
        // The complete new model is on disk beside the old one, not yet in its place.
        #expect(try directory.entries().contains { $0.hasPrefix(".episodes.podsim.tmp-") })
        build.kill()
        #expect(try Data(contentsOf: URL(fileURLWithPath: model)) == original, "the previous model was changed")
        let answer = try PodsimProcess.run(["similar", "devops-paradox-333", "--k", "1", "--model", model])
        #expect(answer.status == 0 && answer.stdout.contains("platform-engineering-podcast-2025-07-30"))
    }

    @Test func killedJustAfterTheRenameLeavesTheCompleteNewModel() throws {
        let (directory, model, original) = try copyOfSeedModel()
        defer { directory.remove() }
        let build = try BuildProcess(Self.buildArguments + ["-o", model, "--test-pause-at", "after-rename"])
        #expect(build.waitForLine(containing: "podsim: paused after-rename"), "the build never renamed: \(build.stderr)")
        build.kill()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        #expect(bytes != original)
        #expect(bytes == Self.reference, "the new model is not the complete build")
        #expect(try PodsimProcess.run(["episodes", "--model", model, "--k", "1"]).status == 0)
    }

    /// One kill at each progress line of the build (analysis, vocabulary, every SVD pass, the
    /// projection, the write): each leaves the old model exactly, or the new one exactly.
    @Test func killedAtEveryPhaseLeavesEitherTheOldOrTheNewModel() throws {
        #expect(Self.progressLines >= 8, "a build reports its phases")
        let (directory, model, original) = try copyOfSeedModel()
        defer { directory.remove() }
        for line in 1...Self.progressLines {
            let build = try BuildProcess(Self.buildArguments + ["-o", model])
            #expect(build.waitForProgressLines(line), "the build ended before progress line \(line)")
            build.kill()
            // The build runs on while the kill is on its way, so which of the two is there depends
            // on timing; that it is one of the two, complete, does not.
            let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
            #expect(bytes == original || bytes == Self.reference, "kill at progress line \(line) left a third state")
            if bytes != original { try original.write(to: URL(fileURLWithPath: model)) }
        }
    }
}

/// Temporary files of killed writers are removed by the next write, and only those: never one whose writer is alive.
@Suite struct StaleTemporaryFileTests {
    /// Creates `name` in `directory` holding `bytes` zero bytes; returns its path.
    static func plant(_ name: String, in directory: TemporaryDirectory, bytes: Int = 4096) throws -> String {
        let path = directory.file(name)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(count: bytes)))
        return path
    }

    @Test func buildRemovesTheDeadWritersFileAndKeepsTheLiveOnes() throws {
        let (directory, model, _) = try CrashSafetyTests().copyOfSeedModel()
        defer { directory.remove() }
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
        let (directory, model, _) = try CrashSafetyTests().copyOfSeedModel()
        defer { directory.remove() }
        let dead = try PodsimProcess.deadPID()
        let stale = try Self.plant(".episodes.podsim.tmp-\(dead)-abc", in: directory)
        let jsonl = directory.file("new.jsonl")
        try #"{"id":"new-1","show":"New","description":"Kubernetes operators and GitOps."}"#.write(
            toFile: jsonl, atomically: true, encoding: .utf8)
        let add = try PodsimProcess.run(["add", "--model", model, jsonl])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("removed stale temporary file \(stale)"), "\(add.stdout)")
        #expect(!FileManager.default.fileExists(atPath: stale))
    }

    /// The whole story: a build killed with its complete temporary file on disk, then the next build.
    @Test func theBuildAfterAKilledOneCleansUp() throws {
        let (directory, model, _) = try CrashSafetyTests().copyOfSeedModel()
        defer { directory.remove() }
        let build = try BuildProcess(CrashSafetyTests.buildArguments + ["-o", model, "--test-pause-at", "before-rename"])
        #expect(build.waitForLine(containing: "podsim: paused before-rename"), "the build never reached the rename: \(build.stderr)")
        build.kill()
        let left = try #require(try directory.entries().first { $0.hasPrefix(".episodes.podsim.tmp-") })
        let next = try PodsimProcess.run(["build", "--seed", "8", "--dimensions", "12", "-o", model, "seeds"])
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("removed stale temporary file \(directory.file(left))"), "\(next.stdout)")
        #expect(try directory.entries().filter { $0.contains(".tmp-") }.isEmpty)
    }
}

/// A `podsim build` child whose standard error is read as events, and whose standard input is
/// held open (a paused build waits for it to close).
final class BuildProcess {
    private let process = Process()
    private let errors = Pipe()
    private let input = Pipe()
    private(set) var stderr = ""

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = PodsimProcess.executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = PodsimProcess.repository
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        process.standardInput = input
        try process.run()
    }

    /// Reads standard error until a line contains `fragment` (true) or the process closes it (false).
    func waitForLine(containing fragment: String) -> Bool {
        waitUntil { $0.contains(fragment) }
    }

    /// Reads standard error until `count` progress lines ("  …") have come (true), or it closes.
    func waitForProgressLines(_ count: Int) -> Bool {
        waitUntil { text in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().filter { $0.hasPrefix("  ") }.count >= count }
    }

    private func waitUntil(_ done: (String) -> Bool) -> Bool {
        while !done(stderr) {
            let data = errors.fileHandleForReading.availableData  // blocks until bytes or EOF
            if data.isEmpty { return false }
            stderr += String(decoding: data, as: UTF8.self)
        }
        return true
    }

    /// SIGKILL, then waits for the process to end.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
