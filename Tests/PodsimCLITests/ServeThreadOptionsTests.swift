import Foundation
import PodsimTestSupport
import Testing

/// `podsim serve --event-loops N --workers M` size the server's threads, and the start's log
/// line says what it runs with (the bad values' messages are in `ServeOperationsTests`).
@Suite struct ServeThreadOptionsTests {
    @Test func theListeningLineNamesTheThreadsAskedFor() throws {
        let serve = try BuildProcess([
            "serve", "--model", "Models/episodes.podsim", "--host", "127.0.0.1", "--port", "0", "--model-check-interval", "0",
            "--event-loops", "1", "--workers", "3",
        ])
        defer { serve.kill() }
        #expect(serve.waitForLine(containing: "podsim listening"), "\(serve.stderr)")
        let line = try #require(serve.stderr.split(separator: "\n").first { $0.contains("podsim listening") }, "\(serve.stderr)")
        #expect(line.contains("event_loops=1") && line.contains("workers=3"), "\(line)")
    }
}
