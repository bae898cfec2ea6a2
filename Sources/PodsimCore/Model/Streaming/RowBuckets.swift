import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte strings that arrive in catalogue order and must be written in row order — the
/// descriptions, 10 GB at 10M episodes, too many to hold — spilled to temporary files by row
/// range ("buckets") and read back one bucket at a time, ordered by row.
///
/// Each bucket is a file created next to the model and unlinked at once, so it disappears
/// when the build ends however it ends (an error, SIGINT, `kill -9`): nothing to clean up.
/// A record is `u32 row-in-bucket, u32 length, bytes`.
final class RowBuckets: @unchecked Sendable {
    // @unchecked: used by one thread at a time, the build's, which owns it.
    /// Rows per bucket: 262,144 descriptions of ~1 KB make a 256 MB bucket, read back at once.
    static let rowsPerBucket = 1 << 18
    /// Write buffer per bucket (1 MiB).
    static let bufferBytes = 1 << 20

    let rows: Int
    private var descriptors: [Int32] = []
    private var buffers: [[UInt8]]
    private var written: [Int]

    /// Creates the bucket files in `directory`.
    init(rows: Int, directory: String) throws {
        self.rows = rows
        let count = max(1, (rows + Self.rowsPerBucket - 1) / Self.rowsPerBucket)
        buffers = Array(repeating: [], count: count)
        written = Array(repeating: 0, count: count)
        for _ in 0..<count {
            var template = Array((directory + "/.podsim-build-spill-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else {
                throw PodsimError.systemCall("create a temporary spill file in", path: directory, errno: errno)
            }
            // Unlinked at once: the file lives as long as the descriptor, and no longer.
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            descriptors.append(fd)
        }
    }

    deinit {
        for fd in descriptors { close(fd) }
    }

    var bucketCount: Int { descriptors.count }

    func rows(ofBucket bucket: Int) -> Range<Int> {
        (bucket * Self.rowsPerBucket)..<min(rows, (bucket + 1) * Self.rowsPerBucket)
    }

    /// Adds the bytes of row `row`.
    func append(row: Int, _ bytes: UnsafeRawBufferPointer) throws {
        let bucket = row / Self.rowsPerBucket
        var header = (UInt32(row - bucket * Self.rowsPerBucket), UInt32(bytes.count))
        withUnsafeBytes(of: &header) { buffers[bucket].append(contentsOf: $0) }
        buffers[bucket].append(contentsOf: bytes)
        if buffers[bucket].count >= Self.bufferBytes { try flush(bucket) }
    }

    /// Writes out what is buffered (call once every row was appended).
    func finish() throws {
        for bucket in buffers.indices { try flush(bucket) }
        buffers = Array(repeating: [], count: buffers.count)
    }

    /// Bucket `bucket`'s strings concatenated in row order; `lengths[i]` is row
    /// `rows(ofBucket:).lowerBound + i`'s length, which the spilled records must match.
    func ordered(bucket: Int, lengths: ArraySlice<UInt64>) throws -> [UInt8] {
        let range = rows(ofBucket: bucket)
        var start = [Int](repeating: 0, count: range.count + 1)
        for (i, length) in lengths.enumerated() { start[i + 1] = start[i] + Int(length) }
        var spilled = [UInt8](repeating: 0, count: written[bucket])
        try spilled.withUnsafeMutableBytes { raw in
            var done = 0
            while done < raw.count {
                let got = pread(descriptors[bucket], raw.baseAddress! + done, raw.count - done, off_t(done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { throw PodsimError.systemCall("read back a spill file of", path: "the build", errno: errno) }
                done += got
            }
        }
        var out = [UInt8](repeating: 0, count: start[range.count])
        var seen = 0
        try spilled.withUnsafeBytes { raw in
            try out.withUnsafeMutableBytes { target in
                var p = 0
                while p < raw.count {
                    let row = Int(raw.loadUnaligned(fromByteOffset: p, as: UInt32.self))
                    let length = Int(raw.loadUnaligned(fromByteOffset: p + 4, as: UInt32.self))
                    guard row < range.count, start[row + 1] - start[row] == length else {
                        throw PodsimError(.invalidInput, "the catalogue changed while the model was built (row \(range.lowerBound + row))")
                    }
                    if length > 0 {
                        (target.baseAddress! + start[row]).copyMemory(from: raw.baseAddress! + p + 8, byteCount: length)
                    }
                    p += 8 + length
                    seen += 1
                }
            }
        }
        guard seen == range.count else {
            throw PodsimError(.invalidInput, "the catalogue changed while the model was built (\(seen) of \(range.count) rows)")
        }
        return out
    }

    private func flush(_ bucket: Int) throws {
        guard !buffers[bucket].isEmpty else { return }
        let fd = descriptors[bucket]
        try buffers[bucket].withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let put = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(written[bucket] + done))
                if put < 0, errno == EINTR { continue }
                guard put > 0 else { throw PodsimError.systemCall("write a temporary spill file of", path: "the build", errno: errno) }
                done += put
            }
        }
        written[bucket] += buffers[bucket].count
        buffers[bucket].removeAll(keepingCapacity: true)
    }
}
