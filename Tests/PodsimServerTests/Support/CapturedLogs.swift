import Logging
import NIOConcurrencyHelpers

/// Every log record of a logger made by `logger`, rendered as one string with its metadata, at
/// every level: tests read what an operator would see.
final class CapturedLogs: Sendable {
    let lines = NIOLockedValueBox<[String]>([])
    func append(_ line: String) { lines.withLockedValue { $0.append(line) } }
    var all: [String] { lines.withLockedValue { $0 } }

    /// The lines containing `text`.
    func lines(containing text: String) -> [String] { all.filter { $0.contains(text) } }

    /// A logger writing into this capture.
    var logger: Logger { Logger(label: "podsim.test") { _ in CapturingHandler(captured: self) } }

    struct CapturingHandler: LogHandler {
        let captured: CapturedLogs
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            captured.append("\(event.level) \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 }) \(event.source)")
        }
    }
}
