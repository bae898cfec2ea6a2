import Foundation
import PodsimCore

/// How fast one thread reads memory: the yardstick a memory-bound scan is held to. A 1M × 128
/// Float scan reads 512 MB; at bandwidth B it cannot finish in less than 512 MB / B, and the
/// benchmark reports the scan's time as a multiple of that.
///
/// The probe sums a buffer far larger than any cache with the cheapest possible loop (two
/// 16-lane accumulators — few enough that baseline x86-64 keeps them in its 16 SSE registers),
/// once as one sequential stream and once as eight far-apart streams read in lockstep (the
/// pattern of `RowScan`); the faster of the two is the machine's bandwidth, so the reported
/// ratio is never flattered by a weak probe.
public final class MemoryBandwidth: @unchecked Sendable {
    // @unchecked: the buffer is written once in init and only read afterwards.

    /// Bytes summed per probe. Default 1 GiB, far beyond any cache.
    public static let probeBytes = 1 << 30

    private let buffer: UnsafeMutableBufferPointer<Float>

    public var bytes: Int { buffer.count * MemoryLayout<Float>.size }

    /// Allocates and touches `bytes` (rounded down to whole 2 KB — 8 streams × 256 bytes — and at
    /// least 2 KB), so no probe pays for first-touch page faults.
    public init(bytes: Int = probeBytes) {
        let floats = max(64 * RowScan.streams, bytes / MemoryLayout<Float>.size / (64 * RowScan.streams) * 64 * RowScan.streams)
        buffer = .allocate(capacity: floats)
        buffer.initialize(repeating: 1)
    }

    deinit { buffer.deallocate() }

    /// Seconds for one pass reading the buffer as a single sequential stream.
    public func sequentialPass() -> Double {
        time {
            let base = UnsafeRawPointer(buffer.baseAddress!)
            let end = buffer.count * MemoryLayout<Float>.size
            var a = SIMD16<Float>(), b = SIMD16<Float>()
            var offset = 0
            while offset < end {
                a += base.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                b += base.loadUnaligned(fromByteOffset: offset + 64, as: SIMD16<Float>.self)
                offset += 128
            }
            return (a + b).sum()
        }
    }

    /// Seconds for one pass reading it as `RowScan.streams` far-apart segments in lockstep, 128
    /// bytes from each in turn. On the project's Xeon this reads about 1.4× faster than one
    /// sequential stream (more cache-line misses in flight), so it is the probe that matters.
    public func streamedPass() -> Double {
        time {
            let base = UnsafeRawPointer(buffer.baseAddress!)
            let segmentBytes = buffer.count / RowScan.streams * MemoryLayout<Float>.size
            var a = SIMD16<Float>(), b = SIMD16<Float>()
            var offset = 0
            while offset < segmentBytes {
                for stream in 0..<RowScan.streams {
                    let start = stream * segmentBytes + offset
                    a += base.loadUnaligned(fromByteOffset: start, as: SIMD16<Float>.self)
                    b += base.loadUnaligned(fromByteOffset: start + 64, as: SIMD16<Float>.self)
                }
                offset += 128
            }
            return (a + b).sum()
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
}
