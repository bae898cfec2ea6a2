import Foundation
import PodsimTestSupport
import Testing

@testable import PodsimCore

/// The parallel read that hashes sections as they arrive (`FileImage` with a plan,
/// `ChecksummedRead`): the same bytes and the same sums as a plain read and a separate hash, for
/// any thread count and however the ranges fall on chunk boundaries; a corrupt byte anywhere in a
/// large section is caught and named.
struct ChecksummedReadTests {
    /// 3 MiB + 4,101 bytes of seeded noise: several 1 MiB chunks and a ragged end.
    static let noise: [UInt8] = {
        var generator = SplitMix64(seed: 12)
        return (0..<(3 << 20) + 4_101).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }()

    /// Ranges inside the 64 KiB prefix, across its end, across chunk ends, empty, and to the end.
    static let ranges: [Range<Int>] = [
        0..<0, 10..<100, 100..<100, (64 << 10) - 5..<(64 << 10) + 70_000, (1 << 20) + 3..<(3 << 20) + 17,
        (3 << 20) + 17..<(3 << 20) + 4_101,
    ]

    @Test("sums and bytes equal a plain read and the reference hash", arguments: [1, 2, 3, 8])
    func matchesReference(threads: Int) throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("noise.bin")
            try writeBytes(Self.noise, to: path)
            let image = try FileImage(path: path, threads: threads) { prefix, size in
                #expect(prefix.count == FileImage.prefixBytes)
                #expect(size == Self.noise.count)
                return Self.ranges
            }
            #expect(Array(image.bytes) == Self.noise)
            #expect(image.checksummedRanges == Self.ranges)
            let expected = Self.ranges.map { XXH64Reference.hash(Array(Self.noise[$0])) }
            #expect(image.checksums == expected)
        }
    }

    @Test("a plan that is unsorted, overlapping or past the end hashes nothing", arguments: [
        [10..<20, 5..<8], [10..<20, 15..<30], [0..<(4 << 20)],
    ])
    func invalidPlan(ranges: [Range<Int>]) throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("noise.bin")
            try writeBytes(Self.noise, to: path)
            let image = try FileImage(path: path) { _, _ in ranges }
            #expect(image.checksums.isEmpty)
            #expect(image.checksummedRanges.isEmpty)
            #expect(Array(image.bytes) == Self.noise)
        }
    }

    @Test("a flipped bit anywhere in a multi-chunk section names it, on any thread count", arguments: [1, 2])
    func corruptLargeSection(threads: Int) throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("large.podsim")
            var model = SampleModel()
            model.vectors = (0..<(900_000)).map { Float($0 % 977) * 0.25 }  // 3.6 MB: four chunks
            try model.write(to: path)
            let clean = try readBytes(path)
            let section = try ModelFileReader(path: path).sectionInfo(SampleModel.vectors)
            #expect(section.length > 3 << 20)
            for position in [section.offset, section.offset + (1 << 20) + 1, section.end - 1] {
                var bytes = clean
                bytes[Int(position)] ^= 0x01
                try writeBytes(bytes, to: path)
                expectOpenFails(path, mentioning: ["section \(SampleModel.vectors)", "corrupt"])
            }
            try writeBytes(clean, to: path)
            #expect(try ModelFileReader(path: path).floats(SampleModel.vectors).count == 900_000)
        }
    }

    @Test("the plan the reader takes from a file's first bytes names every payload")
    func payloadRangesFromPrefix() throws {
        try withSampleModelFile { _, path in
            let bytes = try readBytes(path)
            let reader = try ModelFileReader(path: path)
            let ranges = bytes.withUnsafeBytes { ModelFileReader.payloadRanges(prefix: $0, fileSize: bytes.count) }
            #expect(ranges == reader.sections.map { Int($0.offset)..<Int($0.offset + $0.length) })
            // A prefix too short for the table, or not a model, gives no plan.
            #expect(bytes.withUnsafeBytes { ModelFileReader.payloadRanges(prefix: UnsafeRawBufferPointer(rebasing: $0[..<40]), fileSize: bytes.count) } == nil)
            let text = Array("not a model at all, just some text that is long enough".utf8)
            #expect(text.withUnsafeBytes { ModelFileReader.payloadRanges(prefix: $0, fileSize: text.count) } == nil)
        }
    }
}
