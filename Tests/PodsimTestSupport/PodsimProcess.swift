import Foundation

/// Runs the `podsim` binary that `swift build` put next to the test bundle, as a user runs it.
/// Shared by the test targets that check the command line (PodsimCLITests, PodsimClientTests).
public enum PodsimProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    public struct Failure: Error {
        public var message: String
    }

    /// The repository root (the package's directory).
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/<config>/podsim`: the directory of the running test bundle holds the products.
    public static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("podsim")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/podsim")
    }()

    /// Runs `podsim arguments…` in the repository root and waits for it. `environment` is added to
    /// this process's environment; a nil value removes the variable.
    public static func run(_ arguments: [String], environment: [String: String?] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = repository
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so the child never blocks on a full pipe; its standard error is a
        // line or two, well under a pipe's buffer, so reading it second is safe.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `run` off the cooperative thread pool, for async tests.
    public static func run(_ arguments: [String], environment: [String: String?] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try run(arguments, environment: environment) })
            }
        }
    }

    /// A pid that no longer exists: a child that ran, exited and was reaped. Throws in the rare
    /// case that the system handed the pid out again at once.
    public static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let pid = process.processIdentifier
        guard kill(pid, 0) != 0 && errno == ESRCH else { throw Failure(message: "pid \(pid) was reused at once") }
        return pid
    }

    /// Runs `podsim arguments… --json` and parses its standard output.
    public static func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw Failure(message: "podsim \(arguments) failed: \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}
