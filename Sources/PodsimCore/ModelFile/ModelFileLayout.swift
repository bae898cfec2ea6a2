/// The header and section table of a model file, validated against the file's bytes.
///
/// Checks run from the outside in, so the error names the first thing that is wrong and says
/// it plainly: magic (empty, text, text-mode damage), header size, format version, header
/// checksum, total length (truncated or trailing bytes), then each table entry (tag, flags,
/// bounds, alignment, order, padding). Payload checksums are not checked here; see
/// `ModelFileReader.verifyChecksums()`.
struct ModelFileLayout {
    let version: UInt32
    let sections: [ModelFileSection]

    init(validating bytes: UnsafeRawBufferPointer, path: String) throws {
        try Self.checkMagic(bytes, path: path)
        let actual = UInt64(bytes.count)
        let headerSize = ModelFileFormat.headerSize
        guard bytes.count >= headerSize else {
            throw PodsimError(.modelFile, "\(path): truncated inside the header: the file has \(actual) bytes, the header alone is \(headerSize)")
        }
        let header = ModelFileHeader(decoding: bytes)
        let current = ModelFileFormat.currentVersion
        guard header.version <= current else {
            throw PodsimError(.modelFile, "\(path) was written by a newer podsim (format version \(header.version)); this build reads version \(current)")
        }
        guard header.version >= 1 else {
            throw PodsimError(.modelFile, "\(path): corrupt header: format version 0 does not exist")
        }
        // Cannot overflow: at most 32 + 32 · (2^32 - 1).
        let tableEnd = UInt64(headerSize) + UInt64(header.sectionCount) * UInt64(ModelFileFormat.sectionEntrySize)
        if tableEnd <= actual {
            // Checked before the length so a flipped bit in the length field reads as
            // corruption, not as truncation.
            let table = UnsafeRawBufferPointer(rebasing: bytes[headerSize..<Int(tableEnd)])
            let computed = ModelFileHeader.checksum(headerPrefix: bytes, table: table)
            guard computed == header.checksum else {
                throw PodsimError(.modelFile, "\(path): corrupt header or section table: checksum is \(ModelFileFormat.hex(computed)), the header says \(ModelFileFormat.hex(header.checksum))")
            }
        }
        guard actual >= header.fileLength else {
            throw PodsimError(.modelFile, "\(path): truncated: the header says the file is \(header.fileLength) bytes but it has \(actual) (\(header.fileLength - actual) bytes missing)")
        }
        guard tableEnd <= actual else {
            throw PodsimError(.modelFile, "\(path): corrupt header: \(header.sectionCount) sections need a table ending at byte \(tableEnd), past the end of the file (\(actual) bytes)")
        }
        guard actual == header.fileLength else {
            throw PodsimError(.modelFile, "\(path): the file has \(actual) bytes but the header says \(header.fileLength): \(actual - header.fileLength) unexpected bytes at the end")
        }
        version = header.version
        sections = try Self.validateTable(bytes, count: Int(header.sectionCount), tableEnd: tableEnd, path: path)
    }

    /// Tells an empty file, a text file, a text-mode copy and a truncated magic apart.
    private static func checkMagic(_ bytes: UnsafeRawBufferPointer, path: String) throws {
        let magic = ModelFileFormat.magic
        guard !bytes.isEmpty else {
            throw PodsimError(.modelFile, "\(path): empty file (0 bytes), not a podsim model")
        }
        let start = Array(bytes.prefix(magic.count))
        if start == Array(magic.prefix(start.count)) {
            guard start.count == magic.count else {
                throw PodsimError(.modelFile, "\(path): truncated inside the magic: the file has only \(bytes.count) bytes")
            }
            return
        }
        let found = start.map { ModelFileFormat.hex($0) }.joined(separator: " ")
        let expected = magic.map { ModelFileFormat.hex($0) }.joined(separator: " ")
        if start.starts(with: magic.prefix(4)) {
            throw PodsimError(.modelFile, "\(path): damaged magic bytes \(found) (expected \(expected)): the line endings were rewritten, probably by a text-mode copy; copy the file as binary")
        }
        let looksLikeText = start.allSatisfy { (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        throw PodsimError(.modelFile, "\(path): not a podsim model file\(looksLikeText ? " (it looks like text)" : ""): it starts with \(found), expected \(expected)")
    }

    /// Decodes the table and checks each entry against the canonical layout.
    private static func validateTable(_ bytes: UnsafeRawBufferPointer, count: Int, tableEnd: UInt64, path: String) throws -> [ModelFileSection] {
        var sections: [ModelFileSection] = []
        sections.reserveCapacity(count)
        var seen: Set<SectionTag> = []
        var previousEnd = tableEnd
        var previousName = "the section table"
        let fileLength = UInt64(bytes.count)
        for index in 0..<count {
            let entryStart = ModelFileFormat.headerSize + index * ModelFileFormat.sectionEntrySize
            let section = ModelFileSection(decoding: UnsafeRawBufferPointer(rebasing: bytes[entryStart..<(entryStart + ModelFileFormat.sectionEntrySize)]))
            let name = "section \(index) (\(section.tag))"
            func corrupt(_ problem: String) -> PodsimError {
                PodsimError(.modelFile, "\(path): corrupt section table: \(name) \(problem)")
            }
            guard section.tag.isPrintableASCII else { throw corrupt("has a tag that is not 4 printable ASCII characters") }
            guard seen.insert(section.tag).inserted else { throw corrupt("repeats a tag used by an earlier section") }
            guard section.kind.rawValue & SectionKind.flagBits == 0 else {
                throw corrupt("has flag bits \(ModelFileFormat.hex(section.kind.rawValue & SectionKind.flagBits)) set; format version 1 defines none")
            }
            guard section.offset <= fileLength, section.length <= fileLength - section.offset else {
                throw corrupt("claims \(section.length) bytes at byte \(section.offset), which extend past the end of the file (\(fileLength) bytes)")
            }
            guard section.offset % UInt64(ModelFileFormat.sectionAlignment) == 0 else {
                throw corrupt("starts at byte \(section.offset), not a multiple of \(ModelFileFormat.sectionAlignment)")
            }
            guard section.offset >= previousEnd else {
                throw corrupt("starts at byte \(section.offset), overlapping \(previousName), which ends at byte \(previousEnd)")
            }
            let expected = ModelFileFormat.aligned(previousEnd)
            guard section.offset == expected else {
                throw corrupt("starts at byte \(section.offset); expected \(expected), the first 64-byte boundary after \(previousName)")
            }
            try checkPadding(bytes, Int(previousEnd)..<Int(expected), before: name, path: path)
            sections.append(section)
            previousEnd = section.end
            previousName = name
        }
        guard previousEnd == fileLength else {
            throw PodsimError(.modelFile, "\(path): corrupt section table: the file continues \(fileLength - previousEnd) bytes past the end of \(previousName)")
        }
        return sections
    }

    /// Padding carries no data and no checksum covers it, so it must be zero to be trusted.
    private static func checkPadding(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, before name: String, path: String) throws {
        if let bad = range.first(where: { bytes[$0] != 0 }) {
            throw PodsimError(.modelFile, "\(path): corrupt padding: byte \(bad) before \(name) is \(ModelFileFormat.hex(bytes[bad])), expected 0")
        }
    }
}
