import Foundation
import PodsimTestSupport
import Testing

@testable import PodsimCore

#if canImport(Glibc)
import Glibc
#endif

/// A model served from its file's pages under a read lease (`ModelFileReader.Storage.leasedMapping`,
/// `LeasedFileMapping`, `LeaseKeeper`): the same sections as a private copy, and whatever a writer
/// does to the file afterwards — truncate it, rewrite it in place, rename another over it — the
/// reader keeps the bytes it verified. The writer's own call is the synchronisation: the kernel
/// holds a truncate or an open for writing until the keeper has copied the bytes out.
struct LeasedFileMappingTests {
    /// A sample model with a vectors section of several pages, so a copy spans more than one.
    static func writeModel(to path: String, scale: Float = 0.25) throws {
        var model = SampleModel()
        model.vectors = (0..<300_000).map { Float($0 % 977) * scale }
        try model.write(to: path)
    }

    static func expectSameSections(_ reader: ModelFileReader, as path: String) throws {
        let copy = try ModelFileReader(path: path, storage: .privateCopy)
        #expect(copy.storage == .privateCopy)
        #expect(reader.sections == copy.sections)
        for section in copy.sections {
            #expect(Array(try reader.section(section.tag)) == Array(try copy.section(section.tag)), "section \(section.tag)")
        }
    }

    @Test("served from the file's pages: the same sections as a private copy, verified")
    func sameSections() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("model.podsim")
            try Self.writeModel(to: path)
            let reader = try ModelFileReader(path: path, storage: .leasedMapping)
            #expect(reader.storage == .leasedMapping, "the lease on a file of our own should be granted")
            try Self.expectSameSections(reader, as: path)
            try reader.verifyChecksums()
        }
    }

    @Test("truncate in place waits for the copy: the reader keeps the verified bytes, no SIGBUS")
    func truncateInPlace() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("model.podsim")
            try Self.writeModel(to: path)
            let before = try readBytes(path)
            let reader = try ModelFileReader(path: path, storage: .leasedMapping)
            let vectors = try reader.mappedArray(SampleModel.vectors, as: Float.self)
            #expect(reader.storage == .leasedMapping)
            #expect(truncate(path, 0) == 0)
            #expect(reader.storage == .privateCopy, "the truncate returned only after the copy")
            #expect(try readBytes(path).isEmpty)
            try reader.verifyChecksums()
            #expect(vectors.count == 300_000)
            #expect(vectors[299_999] == Float(299_999 % 977) * 0.25)
            let whole = try reader.section(SampleModel.vectors)
            let section = try reader.sectionInfo(SampleModel.vectors)
            #expect(Array(whole) == Array(before[Int(section.offset)..<Int(section.end)]))
        }
    }

    /// A model at `path` opened as a leased mapping, and another (vectors × 2) at `other`.
    static func withServedAndOther(_ body: (_ reader: ModelFileReader, _ path: String, _ other: String) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("model.podsim")
            let other = directory.file("other.podsim")
            try writeModel(to: path)
            try writeModel(to: other, scale: 0.5)
            try body(try ModelFileReader(path: path, storage: .leasedMapping), path, other)
        }
    }

    @Test("rewritten in place, as cp does: the reader keeps the old model's bytes")
    func rewriteInPlace() throws {
        try Self.withServedAndOther { reader, path, other in
            let vectors = try reader.mappedArray(SampleModel.vectors, as: Float.self)
            let handle = try #require(FileHandle(forWritingAtPath: path))  // the open waits for the copy
            #expect(reader.storage == .privateCopy)
            try handle.truncate(atOffset: 0)
            try handle.write(contentsOf: Data(try readBytes(other)))
            try handle.close()
            try reader.verifyChecksums()
            #expect(vectors[1_000] == Float(1_000 % 977) * 0.25)
            #expect(try ModelFileReader(path: path, storage: .leasedMapping).mappedArray(SampleModel.vectors, as: Float.self)[1_000]
                == Float(1_000 % 977) * 0.5)
        }
    }

    @Test("a new file renamed over the path (podsim's atomic write) leaves the mapping as it is")
    func renameOver() throws {
        try Self.withServedAndOther { reader, path, other in
            #expect(rename(other, path) == 0)
            #expect(reader.storage == .leasedMapping, "the old inode is still whole: nothing to copy")
            try reader.verifyChecksums()
            #expect(try reader.mappedArray(SampleModel.vectors, as: Float.self)[1_000] == Float(1_000 % 977) * 0.25)
        }
    }

    @Test("a file someone has open for writing gets no lease: it is read into a private copy")
    func openForWritingFallsBack() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("model.podsim")
            try Self.writeModel(to: path)
            let handle = try #require(FileHandle(forUpdatingAtPath: path))
            defer { try? handle.close() }
            let reader = try ModelFileReader(path: path, storage: .leasedMapping)
            #expect(reader.storage == .privateCopy)
            try Self.expectSameSections(reader, as: path)
        }
    }
}
