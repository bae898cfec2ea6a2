import Foundation

/// How fast one thread reads memory: the yardstick a memory-bound scan is held to. A 1M × 128
/// Float scan reads 512 MB; at bandwidth B it cannot finish in less than 512 MB / B, and the
/// benchmark reports the scan's time as a multiple of that.
///
/// The probe sums a buffer far larger than any cache with the cheapest possible loop (two
/// 16-lane accumulators, one add per 64 bytes), once as one sequential stream and once as eight
/// far-apart streams read in lockstep (the pattern of `RowScan`); the faster of the two is the
/// machine's bandwidth, so the reported ratio is never flattered by a weak probe.
public final class MemoryBandwidth: @unchecked Sendable {
    // @unchecked: the buffer is written once in init and only read afterwards.

    /// Bytes summed per probe. Default 1 GiB, far beyond any cache.
    public static let probeBytes = 1 << 30

    private let buffer: UnsafeMutableBufferPointer<Float>

    public var bytes: Int { buffer.count * MemoryLayout<Float>.size }

    /// Allocates and touches `bytes` (rounded down to whole 256-byte steps), so no probe pays for
    /// first-touch page faults.
    public init(bytes: Int = probeBytes) {
        let floats = max(64 * RowScan.streams, bytes / MemoryLayout<Float>.size / (64 * RowScan.streams) * 64 * RowScan.streams)
        buffer = .allocate(capacity: floats)
        buffer.initialize(repeating: 1)
    }

    deinit { buffer.deallocate() }

    /// Seconds for one pass reading the buffer as a single sequential stream.
    public func sequentialPass() -> Double {
        time { sum(0..<buffer.count) }
    }

    /// Seconds for one pass reading it as `RowScan.streams` segments in lockstep.
    public func streamedPass() -> Double {
        time {
            let segment = buffer.count / RowScan.streams
            var total: Float = 0
            for offset in stride(from: 0, to: segment, by: 4_096) {
                for stream in 0..<RowScan.streams {
                    let start = stream * segment + offset
                    total += sum(start..<min(start + 4_096, (stream + 1) * segment))
                }
            }
            return total
        }
    }

    private func time(_ body: () -> Float) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let total = body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The sum is every element (all 1), checked so the optimiser cannot drop the reads.
        precondition(total > 0, "bandwidth probe summed nothing")
        return seconds
    }

    // Σ buffer[range], 32 Floats (128 bytes) per step in two independent 16-lane accumulators:
    // enough independent adds to hide their latency, and few enough registers that baseline
    // x86-64 (16 SSE registers, 4 per SIMD16) never spills them to the stack.
    private func sum(_ range: Range<Int>) -> Float {
        let base = UnsafeRawPointer(buffer.baseAddress! + range.lowerBound)
        var a = SIMD16<Float>(), b = SIMD16<Float>()
        var offset = 0
        let end = range.count * MemoryLayout<Float>.size
        while offset < end {
            a += base.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
            b += base.loadUnaligned(fromByteOffset: offset + 64, as: SIMD16<Float>.self)
            offset += 128
        }
        return (a + b).sum()
    }
}
