import Foundation

/// Collects tagged sections and writes them as one model file, atomically.
///
///     var writer = ModelFileWriter()
///     try writer.addStringTable("IDS ", episodeIDs)
///     try writer.addArray("VECS", vectors)            // [Float], kind .float32
///     try writer.addSection("VOCB", kind: .raw) { stream in
///         for term in vocabulary { try stream.write(term.encoded) }
///     }
///     try writer.write(to: "Models/episodes.podsim")
///
/// Sections are written in the order they were added (see `ModelFileFormat` for the layout).
/// `write(to:)` never leaves a partial file at the destination: it writes a temporary file in
/// the same directory, fsyncs it, renames it over the destination and fsyncs the directory; on
/// any error (including one thrown by a streaming producer) the temporary file is removed and
/// the previous file, if any, is left byte-for-byte as it was.
public struct ModelFileWriter: Sendable {
    /// Writes one section's payload into the stream it is given.
    public typealias Producer = @Sendable (inout SectionStream) throws -> Void

    private struct PendingSection: Sendable {
        var tag: SectionTag
        var kind: SectionKind
        var produce: Producer
    }

    private var pending: [PendingSection] = []

    public init() {}

    /// The tags added so far, in file order.
    public var tags: [SectionTag] { pending.map(\.tag) }

    /// Adds a section whose payload is `bytes` as they are (`[UInt8]`, `Data`, a `BinaryWriter`;
    /// kept, not copied, until the file is written). Arrays of other scalars go through
    /// `addArray(_:_:)`, since Foundation makes only byte arrays `ContiguousBytes`.
    /// Throws if `tag` was already added.
    public mutating func addSection(_ tag: SectionTag, kind: SectionKind = .raw, bytes: some ContiguousBytes & Sendable) throws {
        try addSection(tag, kind: kind, streaming: { stream in
            try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in try stream.write(raw) }
        })
    }

    /// Adds a section holding `values` as a little-endian array of kind `T.sectionKind`.
    public mutating func addArray<T: ModelFileScalar>(_ tag: SectionTag, _ values: [T]) throws {
        try addSection(tag, kind: T.sectionKind, streaming: { stream in try stream.write(contentsOf: values) })
    }

    /// Adds a `StringTable` section (kind `.stringTable`) holding `strings`.
    public mutating func addStringTable(_ tag: SectionTag, _ strings: [String]) throws {
        try addSection(tag, kind: .stringTable, bytes: StringTable.encode(strings))
    }

    /// Adds a UTF-8 text section (kind `.utf8Text`), such as a JSON configuration.
    public mutating func addText(_ tag: SectionTag, _ text: String) throws {
        try addSection(tag, kind: .utf8Text, bytes: Array(text.utf8))
    }

    /// Adds a section whose payload `produce` writes when the file is written, so it need not
    /// be held in memory. An error thrown by `produce` aborts the whole write.
    public mutating func addSection(_ tag: SectionTag, kind: SectionKind = .raw, streaming produce: @escaping Producer) throws {
        guard tag.isPrintableASCII else {
            throw PodsimError(.modelFile, "section tag \(tag) is not 4 printable ASCII characters")
        }
        guard !pending.contains(where: { $0.tag == tag }) else {
            throw PodsimError(.modelFile, "section \(tag) was added twice; each tag may appear once in a model file")
        }
        guard kind.rawValue & SectionKind.flagBits == 0 else {
            throw PodsimError(.modelFile, "section \(tag): \(kind) sets flag bits, which format version 1 does not define")
        }
        pending.append(PendingSection(tag: tag, kind: kind, produce: produce))
    }

    /// Writes every section to `path` atomically (see the type's documentation). Throws `.io`
    /// errors naming the path for system failures, or whatever a streaming producer threw.
    /// Returns the temporary files of dead writers it removed first (`StaleTemporaryFiles`).
    @discardableResult
    public func write(to path: String) throws -> [StaleTemporaryFiles.Removed] {
        try ModelFileFormat.requireLittleEndianHost(path: path)
        let output = try AtomicFileOutput(destination: path)
        do {
            let tableSize = pending.count * ModelFileFormat.sectionEntrySize
            // Placeholder header and table; the real ones are known only after the payloads.
            try output.writeZeros(ModelFileFormat.headerSize + tableSize)
            var table: [ModelFileSection] = []
            for section in pending {
                try output.writeZeros(Int(ModelFileFormat.aligned(output.position) - output.position))
                let offset = output.position
                var stream = SectionStream(output: output)
                try section.produce(&stream)
                table.append(ModelFileSection(
                    tag: section.tag, kind: section.kind, offset: offset,
                    length: stream.byteCount, checksum: stream.checksum))
            }
            try Self.encodeHeaderAndTable(table, fileLength: output.position).withUnsafeBytes {
                try output.overwrite($0, at: 0)
            }
            try output.commit()
            return output.removedStale
        } catch {
            output.discard()
            throw error
        }
    }

    /// The header and section table for `sections` in a file of `fileLength` bytes, checksum
    /// included.
    static func encodeHeaderAndTable(_ sections: [ModelFileSection], fileLength: UInt64) -> [UInt8] {
        var writer = BinaryWriter(capacity: ModelFileFormat.headerSize + sections.count * ModelFileFormat.sectionEntrySize)
        ModelFileHeader(version: ModelFileFormat.currentVersion, sectionCount: UInt32(sections.count), fileLength: fileLength, checksum: 0)
            .encode(into: &writer)
        for section in sections {
            section.encode(into: &writer)
        }
        var bytes = writer.bytes
        let checksum = bytes.withUnsafeBytes { all in
            ModelFileHeader.checksum(headerPrefix: all, table: UnsafeRawBufferPointer(rebasing: all[ModelFileFormat.headerSize...]))
        }
        withUnsafeBytes(of: checksum) { bytes.replaceSubrange(ModelFileFormat.checksummedHeaderPrefix..<ModelFileFormat.headerSize, with: $0) }
        return bytes
    }
}
