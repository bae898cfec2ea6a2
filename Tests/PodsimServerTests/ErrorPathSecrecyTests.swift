import Foundation
import PodsimProtocol
import Testing
@testable import PodsimServer

#if canImport(Glibc)
import Glibc
#endif

/// Error answers say what a client may know; the server's file paths go to its log only.
@Suite struct ErrorPathSecrecyTests {
    /// A server on a copy of the seed model in a scratch directory, not watching the file (these
    /// tests ask for the reload themselves), logging into `logs`.
    func withServer(
        _ body: (_ directory: String, _ model: String, _ client: TestClient, _ logs: CapturedLogs) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-secret-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("served-secret.podsim").path
        try FileManager.default.copyItem(atPath: ModelFileSourceTests.seedModel, toPath: model)
        let logs = CapturedLogs()
        try await withServerAndClient(
            testConfiguration { $0.modelCheckInterval = nil }, source: ModelFileSource.forTests(model), logger: logs.logger
        ) { _, _, client in
            try await body(directory.path, model, client, logs)
        }
    }

    @Test("RELOAD of a truncated file: status 9 without the path; the log has it")
    func reloadNamesNoPath() async throws {
        try await withServer { directory, model, client, logs in
            let size = try #require(FileManager.default.attributesOfItem(atPath: model)[.size] as? Int)
            #expect(truncate(model, off_t(size / 2)) == 0)
            guard case .failure(let failure) = try await client.call(.reload) else {
                Issue.record("RELOAD of a truncated file succeeded"); return
            }
            #expect(failure.status == .modelRejected)
            #expect(failure.message.contains("the model file") && failure.message.contains("truncated"), "\(failure.message)")
            #expect(!failure.message.contains(directory) && !failure.message.contains("served-secret"), "\(failure.message)")
            #expect(!logs.lines(containing: model).isEmpty, "the log names the file for the operator")
        }
    }

    @Test("ADD whose write-back fails: status 1 without the path; the log has it")
    func addNamesNoPath() async throws {
        try await withServer { directory, model, client, logs in
            try FileManager.default.removeItem(atPath: directory)
            let line = #"{"id":"added-1","show":"Added","description":"Kubernetes operators and GitOps."}"#
            guard case .failure(let failure) = try await client.call(.add(jsonl: line)) else {
                Issue.record("ADD into a removed directory succeeded"); return
            }
            #expect(failure.status == .badRequest)
            #expect(failure.message.hasSuffix("nothing was added"), "\(failure.message)")
            #expect(!failure.message.contains(directory) && !failure.message.contains("podsim-secret-dir"), "\(failure.message)")
            #expect(!logs.lines(containing: directory).isEmpty, "the log names the file for the operator")
        }
    }

    @Test("DELETE and UPSERT whose write-back fails: status 1 without the path; the log has it")
    func deleteAndUpsertNameNoPath() async throws {
        try await withServer { directory, model, client, logs in
            try FileManager.default.removeItem(atPath: directory)
            let upsert = #"{"id":"devops-paradox-339","show":"Added","description":"Kubernetes operators and GitOps."}"#
            for request in [PodsimRequest.delete(episodeIDs: ["devops-paradox-339"]), .upsert(jsonl: upsert)] {
                guard case .failure(let failure) = try await client.call(request) else {
                    Issue.record("\(request.opcode) into a removed directory succeeded"); return
                }
                #expect(failure.status == .badRequest)
                #expect(failure.message.hasSuffix("nothing was changed"), "\(failure.message)")
                #expect(!failure.message.contains(directory) && !failure.message.contains("podsim-secret-dir"), "\(failure.message)")
            }
            #expect(logs.lines(containing: directory).count >= 2, "the log names the file for the operator")
        }
    }

    @Test func redactionCoversBothSpellingsAndTheDirectory() {
        let cwd = FileManager.default.currentDirectoryPath
        let text = "could not create a temporary file for model file m.podsim at \(cwd)/.m.podsim.tmp-1-ab: (errno 2); \(cwd)/m.podsim: truncated"
        let redacted = ModelSourceError.redact(text, modelPath: "m.podsim")
        #expect(!redacted.contains(cwd))
        #expect(redacted.contains("the model file: truncated"))
    }
}
