import Foundation
import NIOConcurrencyHelpers
import PodsimCore
import PodsimProtocol
import PodsimTestSupport
import Testing
@testable import PodsimServer

#if canImport(Glibc)
import Glibc
#endif

/// What operators do to a served model file while queries run: `cp` over it
/// (same inode, rewritten), `truncate` it, copy a new model over it slowly. The server keeps
/// answering from the model it verified, never serves new bytes under the old model id, and
/// serves the new model once the new file is complete and verifies.
@Suite("The served model file changing under the server")
struct ModelFileChangeTests {
    static let similar = SimilarRequest(episodeID: "devops-paradox-333", k: 5)
    static let query = PodsimRequest.similar(similar)

    /// A scratch directory with the served model (a copy of the seed model) and a different model
    /// (the seed model with one episode added: another model id, 31 episodes).
    final class Files {
        let directory: URL
        let served: String
        let original: Data
        let replacement: Data
        let originalID: String
        let replacementID: String
        /// The answers to `query` of each model.
        let originalAnswer: PodsimResponse
        let replacementAnswer: PodsimResponse

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-change-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            served = directory.appendingPathComponent("served.podsim").path
            let other = directory.appendingPathComponent("other.podsim").path
            try FileManager.default.copyItem(atPath: ModelFileSourceTests.seedModel, toPath: served)
            try FileManager.default.copyItem(atPath: ModelFileSourceTests.seedModel, toPath: other)
            let source = ModelFileSource.forTests(other)
            let line = #"{"id":"added-1","show":"Added Show","title":"Kubernetes operators","description":"Platform engineering with Kubernetes operators and GitOps."}"#
            _ = try source.add(jsonl: line, to: try source.load())
            original = try Data(contentsOf: URL(fileURLWithPath: served))
            replacement = try Data(contentsOf: URL(fileURLWithPath: other))
            let old = try ModelFileSource.forTests(served).load()
            let new = try source.load()
            originalID = old.modelID
            replacementID = new.modelID
            originalAnswer = old.answer(.similar(ModelFileChangeTests.similar))
            replacementAnswer = new.answer(.similar(ModelFileChangeTests.similar))
            try FileManager.default.removeItem(atPath: other)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    /// Sends `query` on its own connection until stopped; every answer must be one of the two
    /// models' answers (never an error, never a mix).
    final class Hammer: Sendable {
        private let stopped: NIOLockedValueBox<Bool>
        private let answered: NIOLockedValueBox<Int>
        private let task: Task<(answers: Int, wrong: [String]), any Error>

        init(port: Int, files: Files) {
            let stopped = NIOLockedValueBox(false)
            let answered = NIOLockedValueBox(0)
            self.stopped = stopped
            self.answered = answered
            let allowed = [files.originalAnswer, files.replacementAnswer]
            task = Task {
                let client = try await TestClient.connect(port: port)
                var answers = 0
                var wrong: [String] = []
                var id: UInt32 = 0
                while !stopped.withLockedValue({ $0 }) {
                    id += 1
                    let answer = try await client.call(ModelFileChangeTests.query, id: id)
                    answers += 1
                    answered.withLockedValue { $0 += 1 }
                    if !allowed.contains(answer) { wrong.append("\(answer)") }
                }
                await client.close()
                return (answers, wrong)
            }
        }

        /// Returns once the first answer is in, so the file changes while queries really run.
        func started() async throws {
            try await eventually(timeout: .seconds(60), "the querying client has its first answer") {
                answered.withLockedValue { $0 } > 0
            }
        }

        /// Stops and checks: at least one answer, none wrong.
        func stop() async throws {
            stopped.withLockedValue { $0 = true }
            let (answers, wrong) = try await task.value
            #expect(answers > 0)
            #expect(wrong.isEmpty, "answers from neither model: \(wrong.prefix(3))")
        }
    }

    /// A server on `files.served` that looks at the file every 20 ms.
    func withWatchedServer(_ files: Files, _ body: (PodsimServer, Int, TestClient) async throws -> Void) async throws {
        try await withServerAndClient(
            testConfiguration {
                $0.modelCheckInterval = .milliseconds(20)
                $0.idleTimeout = .seconds(600)  // the client may wait long for the watcher on a busy machine
            }, source: ModelFileSource.forTests(files.served), body)
    }

    func servingID(_ client: TestClient) async throws -> String? {
        guard case .info(let info) = try await client.call(.info, id: 9_999) else { return nil }
        return info.modelID
    }

    /// Overwrites `path` in place, as `cp` does: same inode, truncated, then written.
    static func overwriteInPlace(_ path: String, with bytes: Data) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    static func inode(_ path: String) throws -> UInt64 {
        try #require(FileIdentity(path: path)).inode
    }

    @Test("cp over the served file: the old model answers as before until the new file is loaded")
    func copyOverServesNothingNewUnderTheOldID() async throws {
        let files = try Files()
        // No watcher: nothing reloads until RELOAD, so the old model must answer exactly as before.
        try await withServerAndClient(
            testConfiguration {
                $0.modelCheckInterval = nil
                $0.idleTimeout = .seconds(600)
            }, source: ModelFileSource.forTests(files.served)
        ) { _, _, client in
            try Self.overwriteInPlace(files.served, with: files.replacement)
            #expect(try await servingID(client) == files.originalID)
            #expect(try await client.call(Self.query, id: 2) == files.originalAnswer, "new bytes under the old model id")
            #expect(try await client.call(.reload, id: 3) == .reloaded(ReloadResult(modelID: files.replacementID, episodes: 31)))
            #expect(try await client.call(Self.query, id: 4) == files.replacementAnswer)
        }
    }

    @Test("cp over the served file while queries run: the watcher serves the new model under its own id")
    func copyOver() async throws {
        let files = try Files()
        try await withWatchedServer(files) { server, port, client in
            #expect(try await client.call(Self.query) == files.originalAnswer)
            let hammer = Hammer(port: port, files: files)
            try await hammer.started()
            let inode = try Self.inode(files.served)
            try Self.overwriteInPlace(files.served, with: files.replacement)
            #expect(try Self.inode(files.served) == inode, "cp keeps the inode")
            try await eventually(timeout: .seconds(20), "the new model serves") {
                try await servingID(client) == files.replacementID
            }
            #expect(try await client.call(Self.query, id: 2) == files.replacementAnswer)
            try await hammer.stop()
        }
    }

    @Test("truncate the served file: no SIGBUS, the verified model keeps answering until a good file is back")
    func truncate() async throws {
        let files = try Files()
        try await withWatchedServer(files) { server, port, client in
            let watcher = try #require(server.runningState?.watcher)
            let hammer = Hammer(port: port, files: files)
            try await hammer.started()
            #expect(Glibc.truncate(files.served, off_t(files.original.count / 2)) == 0)
            try await eventually(timeout: .seconds(20), "the watcher refused the truncated file") {
                watcher.counts.rejections >= 1
            }
            #expect(try await servingID(client) == files.originalID)
            #expect(try await client.call(Self.query, id: 2) == files.originalAnswer)
            #expect(Glibc.truncate(files.served, 0) == 0)
            try await eventually(timeout: .seconds(20), "the watcher refused the empty file") {
                watcher.counts.rejections >= 2
            }
            #expect(try await client.call(Self.query, id: 3) == files.originalAnswer)
            try Self.overwriteInPlace(files.served, with: files.replacement)
            try await eventually(timeout: .seconds(20), "the new model serves") {
                try await servingID(client) == files.replacementID
            }
            try await hammer.stop()
        }
    }

    @Test("a slow copy over the served file: every state the watcher sees before the end is refused")
    func slowCopyOver() async throws {
        let files = try Files()
        try await withWatchedServer(files) { server, port, client in
            let watcher = try #require(server.runningState?.watcher)
            let hammer = Hammer(port: port, files: files)
            try await hammer.started()
            let handle = try #require(FileHandle(forWritingAtPath: files.served))
            try handle.truncate(atOffset: 0)
            let chunk = 64 << 10
            var offset = 0
            while offset < files.replacement.count {
                let end = min(offset + chunk, files.replacement.count)
                try handle.write(contentsOf: files.replacement[offset..<end])
                offset = end
                guard offset < files.replacement.count else { break }
                // Two whole checks after this write: the watcher has seen the partial file.
                let checks = watcher.counts.checks
                try await eventually(timeout: .seconds(20), "the watcher looked at the partial file") {
                    watcher.counts.checks >= checks + 2
                }
                #expect(try await servingID(client) == files.originalID, "at \(offset) bytes")
                #expect(try await client.call(Self.query, id: UInt32(offset)) == files.originalAnswer)
            }
            try handle.close()
            #expect(watcher.counts.rejections >= 1)
            try await eventually(timeout: .seconds(20), "the new model serves") {
                try await servingID(client) == files.replacementID
            }
            #expect(try await client.call(Self.query, id: 1) == files.replacementAnswer)
            try await hammer.stop()
        }
    }
}
