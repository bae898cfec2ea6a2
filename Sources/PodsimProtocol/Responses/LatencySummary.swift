import NIOCore

/// Latency percentiles in STATS: `u64 count, u64 p50_us, u64 p90_us, u64 p99_us, u64 p999_us,
/// u64 max_us`. Latency is measured on the server, from a request frame being decoded to its
/// answer being handed to the connection, in microseconds; all zero when `count` is 0.
public struct LatencySummary: Sendable, Hashable, WireElement {
    /// Requests measured.
    public var count: UInt64
    /// Median, in microseconds.
    public var p50Microseconds: UInt64
    /// 90th percentile, in microseconds.
    public var p90Microseconds: UInt64
    /// 99th percentile, in microseconds.
    public var p99Microseconds: UInt64
    /// 99.9th percentile, in microseconds.
    public var p999Microseconds: UInt64
    /// Slowest request, in microseconds.
    public var maxMicroseconds: UInt64

    public init(count: UInt64, p50Microseconds: UInt64, p90Microseconds: UInt64, p99Microseconds: UInt64,
                p999Microseconds: UInt64, maxMicroseconds: UInt64) {
        self.count = count
        self.p50Microseconds = p50Microseconds
        self.p90Microseconds = p90Microseconds
        self.p99Microseconds = p99Microseconds
        self.p999Microseconds = p999Microseconds
        self.maxMicroseconds = maxMicroseconds
    }

    static let minimumWireBytes = 6 * 8

    init(reading reader: inout BodyReader) throws(ProtocolError) {
        count = try reader.readInteger("latency_count")
        p50Microseconds = try reader.readInteger("p50_us")
        p90Microseconds = try reader.readInteger("p90_us")
        p99Microseconds = try reader.readInteger("p99_us")
        p999Microseconds = try reader.readInteger("p999_us")
        maxMicroseconds = try reader.readInteger("max_us")
    }

    func write(to buffer: inout ByteBuffer) {
        for value in [count, p50Microseconds, p90Microseconds, p99Microseconds, p999Microseconds, maxMicroseconds] {
            buffer.writeInteger(value)
        }
    }
}
