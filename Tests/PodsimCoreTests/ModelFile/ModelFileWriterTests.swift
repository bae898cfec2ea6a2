import Foundation
import PodsimTestSupport
import Testing

@testable import PodsimCore

struct ModelFileWriterTests {
    struct ProducerFailure: Error, Equatable {}

    @Test("a producer that throws halfway leaves the previous file untouched and no temporary file")
    func failedWriteIsAtomic() throws {
        try withSampleModelFile { directory, path in
            let before = try readBytes(path)

            var writer = try SampleModel().writer()
            try writer.addSection("BIG ", kind: .float32, streaming: { stream in
                // 4 MiB written (past the 1 MiB buffer, so bytes reach the temporary file) before failing.
                for _ in 0..<16 {
                    try stream.write(contentsOf: [Float](repeating: 1, count: 65_536))
                }
                throw ProducerFailure()
            })
            #expect(throws: ProducerFailure.self) { try writer.write(to: path) }

            #expect(try readBytes(path) == before)
            #expect(try directory.entries() == ["episodes.podsim"])
            #expect(try ModelFileReader(path: path).hasSection("BIG ") == false)
        }
    }

    @Test("a successful write replaces the previous file and leaves no temporary file")
    func replaces() throws {
        try withSampleModelFile { directory, path in
            var writer = ModelFileWriter()
            try writer.addText("NOTE", "second model")
            try writer.write(to: path)
            #expect(try directory.entries() == ["episodes.podsim"])
            let reader = try ModelFileReader(path: path)
            #expect(reader.sections.map(\.tag) == ["NOTE"])
            #expect(try reader.text("NOTE") == "second model")
        }
    }

    @Test("a duplicate tag is refused when added")
    func duplicateTag() throws {
        var writer = ModelFileWriter()
        try writer.addArray("VECS", [Float(1)])
        let error = #expect(throws: PodsimError.self) { try writer.addText("VECS", "again") }
        #expect(error?.code == .modelFile)
        #expect(error?.message.contains("'VECS' was added twice") == true)
        #expect(writer.tags == ["VECS"])
    }

    @Test("tags must be four printable ASCII characters", arguments: ["VEC", "VECSS", "VÉCS", "VE\u{7}S", ""])
    func invalidTag(text: String) {
        let error = #expect(throws: PodsimError.self) { try SectionTag(validating: text) }
        #expect(error?.message.contains("4 printable ASCII") == true)
    }

    @Test("tag bytes, raw value and description")
    func tagEncoding() throws {
        let tag = try SectionTag(validating: "VECS")
        #expect(tag.bytes == Array("VECS".utf8))
        #expect(tag.rawValue == 0x5343_4556)
        #expect(tag.description == "'VECS'")
        #expect(SectionTag(rawValue: 0x0000_00FF).description == "0xFF000000")
    }

    @Test("writing into a missing directory is an I/O error naming the path, and leaves nothing behind")
    func missingDirectory() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("no-such-dir/episodes.podsim")
            let error = #expect(throws: PodsimError.self) { try SampleModel().write(to: path) }
            #expect(error?.code == .io)
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains("No such file or directory") == true)
            let entries = try directory.entries()
            #expect(entries.isEmpty)
        }
    }

    @Test("writing over a directory fails at the rename and removes the temporary file")
    func destinationIsDirectory() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("episodes.podsim")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            let error = #expect(throws: PodsimError.self) { try SampleModel().write(to: path) }
            #expect(error?.code == .io)
            #expect(error?.message.contains("rename") == true)
            #expect(try directory.entries() == ["episodes.podsim"])
        }
    }
}
