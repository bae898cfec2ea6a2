import Foundation
import Logging
import NIOConcurrencyHelpers
import PodsimCatalogue

/// `--log-format json`: one JSON object per line on standard error, for log pipelines (Loki,
/// Elasticsearch, CloudWatch…). The same events and levels as the text format:
///
/// ```json
/// {"timestamp":"2026-12-02T06:30:00.123Z","level":"info","label":"podsim","message":"podsim listening","metadata":{"address":"127.0.0.1:7411"}}
/// ```
/// `timestamp` is UTC, RFC 3339 with milliseconds; `metadata` holds the handler's, the
/// logger's and the call's metadata, nested values as JSON arrays and objects.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let write: @Sendable (String) -> Void

    /// Lines from every logger of the process go out whole, one `write(2)` each, in order.
    private static let lock = NIOLock()

    init(label: String, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    static let standardError: @Sendable (String) -> Void = { line in
        lock.withLock { FileHandle.standardError.write(Data(line.utf8)) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var line = "{\"timestamp\":\(JSONText.string(Self.timestamp(Date())))"
        line += ",\"level\":\(JSONText.string(event.level.rawValue))"
        line += ",\"label\":\(JSONText.string(label))"
        line += ",\"message\":\(JSONText.string(event.message.description))"
        line += ",\"metadata\":\(Self.json(.dictionary(merged)))}\n"
        write(line)
    }

    /// `2026-12-02T06:30:00.123Z`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string): JSONText.string(string)
        case .stringConvertible(let convertible): JSONText.string(convertible.description)
        case .array(let values): "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            "{" + dictionary.sorted { $0.key < $1.key }.map { JSONText.string($0.key) + ":" + json($0.value) }.joined(separator: ",") + "}"
        }
    }
}
