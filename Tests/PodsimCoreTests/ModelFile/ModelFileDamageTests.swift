import Foundation
import PodsimTestSupport
import Testing

@testable import PodsimCore

/// Every kind of bad file fails to open with a `.modelFile` error that names the file and the
/// problem — never a crash.
struct ModelFileDamageTests {
    /// Writes the sample model, lets `damage` change its bytes, writes them back; returns the path.
    private func damagedModel(in directory: TemporaryDirectory, _ damage: (inout [UInt8], ModelFileReader) throws -> Void) throws -> String {
        let path = directory.file("episodes.podsim")
        try SampleModel().write(to: path)
        var bytes = try readBytes(path)
        try damage(&bytes, try ModelFileReader(path: path))
        try writeBytes(bytes, to: path)
        return path
    }

    /// Replaces the header and table with ones for `sections` (checksum recomputed), so that
    /// only the table's own consistency checks can catch the change.
    private func rewriteTable(_ bytes: inout [UInt8], _ sections: [ModelFileSection], replacing originalCount: Int) {
        let originalEnd = ModelFileFormat.headerSize + originalCount * ModelFileFormat.sectionEntrySize
        bytes.replaceSubrange(0..<originalEnd, with: repeatElement(0, count: originalEnd))
        let table = ModelFileWriter.encodeHeaderAndTable(sections, fileLength: UInt64(bytes.count))
        bytes.replaceSubrange(0..<table.count, with: table)
    }

    @Test("a file cut short anywhere is reported as truncated")
    func truncated() throws {
        try withSampleModelFile { _, path in
            let whole = try readBytes(path)
            let sections = try ModelFileReader(path: path).sections
            var cuts = [5, 20, 31, 32, 40, 32 + 32 * sections.count - 1, whole.count - 1]
            cuts += sections.filter { $0.length > 1 }.map { Int($0.offset + $0.length / 2) }  // inside each section
            cuts += sections.map { Int($0.offset) - 1 }  // inside the padding or table before each
            for cut in cuts {
                try writeBytes(Array(whole.prefix(cut)), to: path)
                expectOpenFails(path, mentioning: ["truncated"])
            }
        }
    }

    @Test("the truncation message gives the expected and actual sizes")
    func truncationSizes() throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, _ in bytes.removeLast(10) }
            let expected = try readBytes(path).count + 10
            expectOpenFails(path, mentioning: ["truncated", "\(expected) bytes", "has \(expected - 10)"])
        }
    }

    @Test("a flipped bit in any section names that section", arguments: SampleModel.tags)
    func flippedBit(tag: SectionTag) throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, reader in
                let section = try reader.sectionInfo(tag)
                bytes[Int(section.offset + section.length / 2)] ^= 0x10
            }
            expectOpenFails(path, mentioning: ["section \(tag)", "corrupt"])
            // Without verification at open the damage is found when asked for.
            let reader = try ModelFileReader(path: path, verifyChecksums: false)
            let error = #expect(throws: PodsimError.self) { try reader.verifyChecksum(tag) }
            #expect(error?.message.contains("section \(tag)") == true)
            for other in SampleModel.tags where other != tag {
                try reader.verifyChecksum(other)
            }
        }
    }

    @Test("a flipped bit in the header or table fails the header checksum", arguments: [12, 13, 18, 30, 33, 40, 50, 60])
    func flippedHeaderBit(offset: Int) throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, _ in bytes[offset] ^= 0x02 }
            expectOpenFails(path, mentioning: ["corrupt"])
        }
    }

    @Test("non-zero padding between sections is corrupt")
    func dirtyPadding() throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, reader in
                let config = try reader.sectionInfo(SampleModel.config)  // follows a padded string table
                bytes[Int(config.offset) - 1] = 0xFF
            }
            expectOpenFails(path, mentioning: ["padding", "\(SampleModel.config)"])
        }
    }

    @Test("an empty file is not a model")
    func emptyFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("episodes.podsim")
            try writeBytes([], to: path)
            expectOpenFails(path, mentioning: ["empty"])
        }
    }

    @Test("a text file is not a model")
    func textFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory.file("episodes.podsim")
            try writeBytes(Array(#"{"episodes": [1, 2, 3]}"#.utf8) + [0x0A], to: path)
            expectOpenFails(path, mentioning: ["not a podsim model file", "looks like text", "7B 22"])
        }
    }

    @Test("a text-mode copy (CR LF → LF) is recognized from the magic")
    func textModeCopy() throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, _ in
                var converted: [UInt8] = []
                for (index, byte) in bytes.enumerated() where !(byte == 0x0D && bytes.dropFirst(index + 1).first == 0x0A) {
                    converted.append(byte)
                }
                bytes = converted
            }
            expectOpenFails(path, mentioning: ["damaged magic", "text-mode"])
        }
    }

    @Test("a file from a newer podsim names both versions")
    func newerVersion() throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, _ in bytes[8] = 2 }
            let message = expectOpenFails(path, mentioning: [])
            #expect(message == "\(path) was written by a newer podsim (format version 2); this build reads version 1")
        }
    }

    @Test("format version 0 is corrupt")
    func versionZero() throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, _ in bytes[8] = 0 }
            expectOpenFails(path, mentioning: ["version 0"])
        }
    }

    @Test("a section table entry pointing outside the file")
    func sectionOutsideFile() throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, reader in
                var sections = reader.sections
                sections[2].length = UInt64(bytes.count)
                rewriteTable(&bytes, sections, replacing: reader.sections.count)
            }
            expectOpenFails(path, mentioning: ["\(SampleModel.config)", "past the end of the file"])
        }
    }

    @Test("a section table entry with an offset near 2^64 does not overflow")
    func hugeOffset() throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, reader in
                var sections = reader.sections
                sections[1].offset = UInt64.max - 63
                rewriteTable(&bytes, sections, replacing: reader.sections.count)
            }
            expectOpenFails(path, mentioning: ["\(SampleModel.ids)", "past the end of the file"])
        }
    }

    @Test("misaligned, overlapping, gapped and duplicate sections are rejected", arguments: [
        ("misaligned", "not a multiple of 64"),
        ("overlapping", "overlapping"),
        ("gap", "expected"),
        ("duplicate", "repeats a tag"),
        ("tag", "printable"),
        ("flags", "flag bits"),
        ("trailing", "continues"),
    ])
    func inconsistentTable(change: String, fragment: String) throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, reader in
                var sections = reader.sections
                switch change {
                // Section 1, the string table, is over 64 bytes long and follows a 48-byte section.
                case "misaligned": sections[1].offset += 8; sections[1].length -= 8
                case "overlapping": sections[1].offset -= 64; sections[1].length += 64
                case "gap": sections[1].offset += 64; sections[1].length -= 64
                case "duplicate": sections[4].tag = sections[1].tag
                case "tag": sections[0].tag = SectionTag(rawValue: 0x0000_0041)
                case "flags": sections[0].kind = SectionKind(rawValue: 0x0001_0020)
                default: sections.removeLast()
                }
                rewriteTable(&bytes, sections, replacing: reader.sections.count)
            }
            expectOpenFails(path, mentioning: ["corrupt section table", fragment])
        }
    }

    @Test("bytes after the last section")
    func trailingBytes() throws {
        try withTemporaryDirectory { directory in
            let path = try damagedModel(in: directory) { bytes, _ in bytes += [0, 0, 0] }
            expectOpenFails(path, mentioning: ["3 unexpected bytes at the end"])
        }
    }

    @Test("a missing file and a directory")
    func notAFile() throws {
        try withTemporaryDirectory { directory in
            expectOpenFails(directory.file("missing.podsim"), mentioning: ["no model file"])
            expectOpenFails(directory.path, mentioning: ["not a regular file"])
        }
    }
}
