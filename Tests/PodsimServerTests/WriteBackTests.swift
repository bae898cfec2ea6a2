import Foundation
import PodsimProtocol
import PodsimTestSupport
import Testing
@testable import PodsimServer

/// The server's write-back after ADD removes temporary files of killed writers and logs them
///.
@Suite struct WriteBackTests {
    @Test func addRemovesADeadWritersTemporaryFileAndLogsIt() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-writeback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let model = directory.appendingPathComponent("served.podsim").path
        try FileManager.default.copyItem(atPath: ModelFileSourceTests.seedModel, toPath: model)
        let dead = try PodsimProcess.deadPID()
        let stale = directory.appendingPathComponent(".served.podsim.tmp-\(dead)-c0ffee").path
        let live = directory.appendingPathComponent(".served.podsim.tmp-\(getpid())-beef").path
        for path in [stale, live] { #expect(FileManager.default.createFile(atPath: path, contents: Data(count: 1000))) }
        let logs = CapturedLogs()
        let line = #"{"id":"added-1","show":"Added","description":"Kubernetes operators and GitOps."}"#
        var answer: PodsimResponse?
        try await withServerAndClient(
            testConfiguration { $0.modelCheckInterval = nil }, source: ModelFileSource.forTests(model, logger: logs.logger),
            logger: logs.logger
        ) { _, _, client in
            answer = try await client.call(.add(jsonl: line))
        }
        guard case .added(let result) = answer else { Issue.record("ADD failed: \(String(describing: answer))"); return }
        #expect(result.added == 1)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live), "a live writer's file was removed")
        let logged = logs.lines(containing: "removed a stale temporary model file")
        #expect(logged.count == 1 && logged[0].contains(stale) && logged[0].contains("\(dead)"), "\(logged)")
    }
}
