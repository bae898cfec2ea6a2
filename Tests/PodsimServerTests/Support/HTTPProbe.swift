import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A raw HTTP/1.1 client for the metrics endpoint: writes the request bytes as given (so tests
/// can send oversized or malformed ones), reads until the server closes, parses the answer.
enum HTTPProbe {
    struct Answer: CustomStringConvertible {
        var status: Int
        var headers: [String: String]
        var body: String
        var description: String { "\(status) \(body.prefix(200))" }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `GET path` (or `method path`) with the headers curl would send.
    static func request(_ method: String, _ path: String, port: Int, extraHeaders: String = "") async throws -> Answer {
        try await send(Array("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: podsim-tests\r\n\(extraHeaders)\r\n".utf8),
                       port: port)
    }

    /// Writes `bytes` to 127.0.0.1:`port` and parses everything received until the server closes.
    static func send(_ bytes: [UInt8], port: Int) async throws -> Answer {
        let raw = try await exchange(bytes, port: port)
        guard let text = String(bytes: raw, encoding: .utf8), let split = text.range(of: "\r\n\r\n") else {
            throw Failure(description: "not an HTTP answer: \(raw.prefix(100))")
        }
        var lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(description: "bad status line in \(text.prefix(100))") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Answer(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    /// The request is written from the channel's own event loop the moment it connects, not
    /// from this task after `connect` returns: on a loaded machine the task can wait longer for
    /// a cooperative thread than the server's request deadline, and the server then closes an
    /// idle connection unanswered (CI saw "not an HTTP answer: []" so, with 120 s of deadline).
    static func exchange(_ bytes: [UInt8], port: Int) async throws -> [UInt8] {
        let received = NIOLockedValueBox<[UInt8]>([])
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(request: ByteBuffer(bytes: bytes), received: received))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        try await channel.closeFuture.get()
        return received.withLockedValue { $0 }
    }

    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let request: ByteBuffer
        let received: NIOLockedValueBox<[UInt8]>
        init(request: ByteBuffer, received: NIOLockedValueBox<[UInt8]>) {
            self.request = request
            self.received = received
        }

        func channelActive(context: ChannelHandlerContext) {
            // The server may close before taking every byte of an oversized request: a failed
            // write is not an error here, the answer (or its absence) is what the test reads.
            context.writeAndFlush(wrapOutboundOut(request), promise: nil)
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            received.withLockedValue { $0 += buffer.readableBytesView }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)  // a reset after the answer: keep what arrived
        }
    }
}

/// One sample of a Prometheus text exposition: `name{label="value",…} value`.
struct PrometheusSample: Hashable {
    var name: String
    var labels: [String: String]
    var value: Double
}

/// Parses the Prometheus text format (0.0.4) as a scraper does: `# HELP`/`# TYPE` lines and
/// samples; throws on any line that is neither, so a malformed exposition fails the test.
func parsePrometheus(_ text: String) throws -> (samples: [PrometheusSample], types: [String: String]) {
    var samples: [PrometheusSample] = []
    var types: [String: String] = [:]
    for line in text.split(separator: "\n") {
        if line.hasPrefix("# TYPE ") {
            let parts = line.split(separator: " ")
            guard parts.count == 4 else { throw HTTPProbe.Failure(description: "bad TYPE line: \(line)") }
            types[String(parts[2])] = String(parts[3])
            continue
        }
        if line.hasPrefix("#") { continue }
        var rest = Substring(line)
        guard let nameEnd = rest.firstIndex(where: { $0 == "{" || $0 == " " }) else {
            throw HTTPProbe.Failure(description: "bad sample line: \(line)")
        }
        let name = String(rest[..<nameEnd])
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            guard let close = rest.firstIndex(of: "}") else { throw HTTPProbe.Failure(description: "unclosed labels: \(line)") }
            for pair in rest[rest.index(after: rest.startIndex)..<close].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, kv[1].hasPrefix("\""), kv[1].hasSuffix("\"") else {
                    throw HTTPProbe.Failure(description: "bad label in: \(line)")
                }
                labels[String(kv[0])] = String(kv[1].dropFirst().dropLast())
            }
            rest = rest[rest.index(after: close)...]
        }
        let valueText = rest.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
        guard let value = Double(valueText) ?? (valueText == "+Inf" ? .infinity : nil) else {
            throw HTTPProbe.Failure(description: "bad value in: \(line)")
        }
        samples.append(PrometheusSample(name: name, labels: labels, value: value))
    }
    return (samples, types)
}

extension Array where Element == PrometheusSample {
    /// The value of the one sample named `name` whose labels include `labels`; nil if none.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        first { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }?.value
    }

    /// The sum over every sample named `name` whose labels include `labels`.
    func sum(_ name: String, _ labels: [String: String] = [:]) -> Double {
        filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
            .reduce(0) { $0 + $1.value }
    }
}
