import Foundation
import PodsimTestSupport
import Testing
@testable import PodsimCLI

/// `podsim serve`'s operational options as users meet them: JSON logs, the metrics port, the
/// errors a bad value or a taken port gives.
@Suite struct ServeOperationsTests {
    @Test("--log-format json writes one JSON object per line, with the same event as text")
    func jsonLogLines() async throws {
        let missing = "/nonexistent/podsim-\(UUID().uuidString).podsim"
        let json = try await PodsimProcess.run(["serve", "--model", missing, "--port", "0", "--log-format", "json"])
        #expect(json.status != 0)
        let records = try json.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        let failure = try #require(records.first { $0["message"] as? String == "the model did not load" }, "\(json.stderr)")
        #expect(failure["level"] as? String == "error")
        #expect(failure["label"] as? String == "podsim")
        #expect((failure["metadata"] as? [String: Any])?["error"].map { "\($0)" }?.contains(missing) == true)
        let timestamp = try #require(failure["timestamp"] as? String)
        #expect(timestamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(timestamp)")

        let text = try await PodsimProcess.run(["serve", "--model", missing, "--port", "0"])
        #expect(text.stderr.contains("the model did not load") && !text.stderr.contains("\"message\":"), "\(text.stderr)")
    }

    @Test("bad --log-format, --graph-ef, --lexical-weight, --event-loops, --workers and --metrics-port values are refused before anything starts")
    func badValues() async throws {
        let format = try await PodsimProcess.run(["serve", "--log-format", "yaml"])
        #expect(format.status != 0 && format.stderr.contains("--log-format must be text or json, got 'yaml'"), "\(format.stderr)")
        let port = try await PodsimProcess.run(["serve", "--metrics-port", "70000"])
        #expect(port.status != 0 && port.stderr.contains("--metrics-port must be 0…65535, got 70000"), "\(port.stderr)")
        let ef = try await PodsimProcess.run(["serve", "--graph-ef", "0"])
        #expect(ef.status != 0 && ef.stderr.contains("--graph-ef must be 1…4096, got 0"), "\(ef.stderr)")
        let weight = try await PodsimProcess.run(["serve", "--lexical-weight", "1.5"])
        #expect(weight.status != 0 && weight.stderr.contains("--lexical-weight must be between 0 and 1, got 1.5"), "\(weight.stderr)")
        let loops = try await PodsimProcess.run(["serve", "--event-loops", "0"])
        #expect(loops.status != 0 && loops.stderr.contains("--event-loops must be 1…1024, got 0"), "\(loops.stderr)")
        let workers = try await PodsimProcess.run(["serve", "--workers", "5000"])
        #expect(workers.status != 0 && workers.stderr.contains("--workers must be 1…1024, got 5000"), "\(workers.stderr)")
        let same = try await PodsimProcess.run(["serve", "--port", "7411", "--metrics-port", "7411"])
        #expect(same.status != 0 && same.stderr.contains("port of its own"), "\(same.stderr)")
    }

    @Test("a metrics port in use stops podsim serve with a message naming it")
    func metricsPortInUse() async throws {
        try await TestServer.with { server in
            let result = try await PodsimProcess.run([
                "serve", "--model", Repository.seedModel, "--port", "0", "--metrics-port", "\(server.port)",
            ])
            #expect(result.status != 0)
            #expect(result.stderr.contains("cannot listen for metrics on 127.0.0.1:\(server.port)"), "\(result.stderr)")
        }
    }

    @Test("JSON strings escape quotes, backslashes and control characters; metadata nests")
    func escaping() throws {
        #expect(JSONLogHandler.json(.string("a\"b\\c\nd\u{01}é")) == #""a\"b\\c\nd\u0001é""#)
        let nested = JSONLogHandler.json(.dictionary(["b": .array(["1", .stringConvertible(2)]), "a": "x"]))
        #expect(nested == #"{"a":"x","b":["1","2"]}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(JSONLogHandler.json(.string("tab\there\u{1F}")).utf8), options: .fragmentsAllowed)
        #expect(parsed as? String == "tab\there\u{1F}")
    }
}
