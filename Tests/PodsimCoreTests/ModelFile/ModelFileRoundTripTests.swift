import Foundation
import PodsimTestSupport
import Testing

@testable import PodsimCore

struct ModelFileRoundTripTests {
    @Test("every kind of section reads back as written", arguments: [true, false])
    func roundTrip(verifyChecksums: Bool) throws {
        try withSampleModelFile { _, path in
            let sample = SampleModel()
            let reader = try ModelFileReader(path: path, verifyChecksums: verifyChecksums)
            #expect(reader.formatVersion == ModelFileFormat.currentVersion)
            #expect(reader.sections.map(\.tag) == SampleModel.tags)
            #expect(try reader.fileLength == readBytes(path).count)
            #expect(Array(try reader.floats(SampleModel.vectors)) == sample.vectors)
            #expect(try reader.stringTable(SampleModel.ids).strings() == sample.ids)
            #expect(try reader.text(SampleModel.config) == sample.config)
            #expect(Array(try reader.section(SampleModel.raw)) == sample.raw)
            #expect(Array(try reader.uint64s(SampleModel.offsets)) == sample.offsets)
            #expect(Array(try reader.uint32s(SampleModel.columns)) == sample.columns)
            #expect(Array(try reader.doubles(SampleModel.weights)) == sample.weights)
            #expect(try reader.sectionInfo(SampleModel.vectors).kind == .float32)
            #expect(try reader.sectionInfo(SampleModel.ids).kind == .stringTable)
            try reader.verifyChecksums()
        }
    }

    @Test("typed views refuse a ragged length, the wrong kind and a missing tag")
    func typedViewErrors() throws {
        try withSampleModelFile { _, path in
            let reader = try ModelFileReader(path: path)
            let cases: [(() throws -> Void, [String])] = [
                ({ _ = try reader.floats(SampleModel.raw) }, ["'RAWB'", "37 bytes is not a whole number of Float values"]),
                ({ _ = try reader.uint64s(SampleModel.raw) }, ["'RAWB'", "8 bytes each"]),
                ({ _ = try reader.floats(SampleModel.columns) }, ["'COLS' holds uint32, not float32"]),
                ({ _ = try reader.mappedArray(SampleModel.vectors, as: Double.self) }, ["'VECS' holds float32, not float64"]),
                ({ _ = try reader.section("NONE") }, ["no section 'NONE'", "'VECS', 'IDS ', 'CONF'"]),
                ({ _ = try reader.text(SampleModel.vectors) }, ["'VECS' is not valid UTF-8"]),
            ]
            for (access, fragments) in cases {
                let error = #expect(throws: PodsimError.self) { try access() }
                #expect(error?.code == .modelFile)
                for fragment in [path] + fragments {
                    #expect(error?.message.contains(fragment) == true, "missing \"\(fragment)\" in: \(error?.message ?? "")")
                }
            }
            // A raw section may be viewed as any scalar whose size divides its length.
            #expect(try reader.array(SampleModel.raw, as: UInt8.self).count == 37)
        }
    }

    @Test("payloads start on 64-byte boundaries and the layout is deterministic")
    func layout() throws {
        try withTemporaryDirectory { directory in
            let first = directory.file("a.podsim")
            let second = directory.file("b.podsim")
            try SampleModel().write(to: first)
            try SampleModel().write(to: second)
            #expect(try readBytes(first) == readBytes(second))
            let reader = try ModelFileReader(path: first)
            for section in reader.sections {
                #expect(section.offset % 64 == 0, "\(section)")
                let base = try reader.section(section.tag).baseAddress
                #expect(base.map { Int(bitPattern: $0) % 64 } == 0, "mapped payload of \(section.tag) is 64-byte aligned")
            }
        }
    }

    /// Pins the byte layout of the format: if this changes, the format version must change too.
    @Test("golden bytes of a one-section file")
    func goldenBytes() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("tiny.podsim")
            var writer = ModelFileWriter()
            try writer.addSection("ABCD", kind: .uint8, bytes: [UInt8]([1, 2, 3]))
            try writer.write(to: path)

            let payloadChecksum = XXH64.hash([UInt8]([1, 2, 3]))
            var entry: [UInt8] = Array("ABCD".utf8) + [0x10, 0, 0, 0]
            entry += littleEndian(UInt64(64)) + littleEndian(UInt64(3)) + littleEndian(payloadChecksum)
            let prefix: [UInt8] = [0x89, 0x50, 0x4F, 0x44, 0x0D, 0x0A, 0x1A, 0x0A,  // magic
                                   1, 0, 0, 0,  // version
                                   1, 0, 0, 0]  // section count
                + littleEndian(UInt64(67))  // file length
            let headerChecksum = XXH64.hash(prefix + entry)
            #expect(try readBytes(path) == prefix + littleEndian(headerChecksum) + entry + [1, 2, 3])
        }
    }

    @Test("a file with no sections is valid")
    func noSections() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("empty.podsim")
            try ModelFileWriter().write(to: path)
            let reader = try ModelFileReader(path: path)
            #expect(reader.sections.isEmpty)
            #expect(reader.fileLength == ModelFileFormat.headerSize)
        }
    }

    @Test("streamed and empty sections")
    func streamed() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("streamed.podsim")
            // 3 MiB so the stream passes through the output buffer several times.
            let rows = 3 * 1024 * 1024 / (4 * 64)
            var writer = ModelFileWriter()
            try writer.addSection("EMPT", bytes: [UInt8]())
            try writer.addSection("STRM", kind: .float32, streaming: { stream in
                for row in 0..<rows {
                    try stream.write(contentsOf: (0..<64).map { Float(row * 64 + $0) })
                }
                try stream.write(Float(-1))
            })
            try writer.write(to: path)

            let reader = try ModelFileReader(path: path)
            #expect(try reader.section("EMPT").isEmpty)
            let floats = try reader.floats("STRM")
            #expect(floats.count == rows * 64 + 1)
            #expect(floats[12_345] == 12_345)
            #expect(floats.last == -1)
        }
    }

    @Test("a reader keeps its mapping after the file is replaced by rename")
    func survivesReplacement() throws {
        try withSampleModelFile { directory, path in
            let old = SampleModel()
            let reader = try ModelFileReader(path: path)
            let oldVectors = try reader.floats(SampleModel.vectors)
            let oldIDs = try reader.stringTable(SampleModel.ids)

            var new = SampleModel()
            new.vectors = new.vectors.map { $0 + 100 }
            new.ids = ["replaced"]
            try new.write(to: path)

            #expect(Array(oldVectors) == old.vectors)
            #expect(try oldIDs.strings() == old.ids)
            try reader.verifyChecksums()
            let newVectors = try ModelFileReader(path: path).mappedArray(SampleModel.vectors, as: Float.self)
            #expect(Array(newVectors) == new.vectors)
            #expect(try directory.entries() == ["episodes.podsim"])
        }
    }

    @Test("string tables and mapped arrays keep their reader's mapping alive")
    func ownersKeepMapping() throws {
        try withSampleModelFile { _, path in
            let sample = SampleModel()
            // Each reader is a temporary, released as soon as the accessor returns.
            let table = try ModelFileReader(path: path).stringTable(SampleModel.ids)
            let vectors = try ModelFileReader(path: path).mappedArray(SampleModel.vectors, as: Float.self)
            let weights = try ModelFileReader(path: path).mappedArray(SampleModel.weights, as: Double.self)
            #expect(try table.string(at: 2) == sample.ids[2])
            #expect(Array(vectors) == sample.vectors)
            #expect(vectors.withUnsafeBufferPointer { $0.reduce(0, +) } == sample.vectors.reduce(0, +))
            #expect(Array(weights) == sample.weights)
        }
    }

    private func littleEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}
