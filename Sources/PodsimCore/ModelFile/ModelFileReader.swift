import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A model file opened for reading: read whole into private memory, validated, its sections
/// handed out in place.
///
/// Opening reads the file into anonymous memory of its own (`FileImage`), validates the header
/// and section table (`ModelFileLayout`) and, by default, every section's checksum — over the
/// very bytes that will be served. The buffers it returns point into that memory, so nothing
/// that happens to the file afterwards (a `cp` or `truncate` over it, a `mv` of a new model onto
/// its path) changes or invalidates them; they stay valid for as long as the reader lives and are
/// released in `deinit`. `fileIdentity` records the file as it was read, so a server can tell
/// when it changed (docs/MODEL-FILE-CHANGES.md).
/// Swift may release the reader right after its last use, so either keep using it (or wrap
/// the work in `withExtendedLifetime(reader)`) while a buffer is in use, or take a
/// `MappedArray` / `StringTable`, which hold the reader themselves.
///
/// Checksum policy: `verifyChecksums: true` (the default) hashes every payload at open, in the
/// same pass as the read: every core reads, and each section is hashed chunk by chunk as its
/// bytes arrive (`ChecksummedRead`). Reading the file into private memory costs more at open than
/// mapping it did (the kernel fills fresh pages) and keeps the file's size resident as anonymous
/// memory; docs/MODEL-FILE-CHANGES.md and docs/PERFORMANCE.md have the measurements. A server that must be ready sooner can open with `false` and call
/// `verifyChecksums()` afterwards.
public final class ModelFileReader: @unchecked Sendable {
    // @unchecked: every stored property is immutable after init and the image is read-only,
    // so sharing a reader between tasks and threads is safe.

    /// The path the file was opened from (used in every error message).
    public let path: String
    /// The format version the file was written with.
    public let formatVersion: UInt32
    /// The section table, in file order.
    public let sections: [ModelFileSection]

    private let image: FileImage
    private let sectionsByTag: [SectionTag: ModelFileSection]

    /// Opens and validates the model file at `path`. Throws a `.modelFile` error naming the file
    /// and the problem when it is missing, empty, not a model, of a newer format version,
    /// truncated, corrupt or changing while it is read; `.io` when the system refuses to read it.
    ///
    /// `storage` says where the served bytes live: `.privateCopy` (the default) reads the file
    /// into memory of the reader's own; `.leasedMapping` serves the file's page-cache pages under a
    /// read lease and copies them out only when a writer comes (`LeasedFileMapping`), falling back
    /// to the private copy when the lease cannot be had. Either way nothing that happens to the
    /// file afterwards changes the bytes, and with `verifyChecksums` every section is verified
    /// before `init` returns.
    public init(path: String, verifyChecksums: Bool = true, storage: Storage = .privateCopy) throws {
        try ModelFileFormat.requireLittleEndianHost(path: path)
        self.path = path
        let plan: ((UnsafeRawBufferPointer, Int) -> [Range<Int>]?)? =
            verifyChecksums ? { ModelFileReader.payloadRanges(prefix: $0, fileSize: $1) } : nil
        image = try FileImage(path: path, mapFile: storage == .leasedMapping, checksumming: plan)
        let layout = try ModelFileLayout(validating: image.bytes, path: path)
        formatVersion = layout.version
        sections = layout.sections
        sectionsByTag = Dictionary(uniqueKeysWithValues: layout.sections.map { ($0.tag, $0) })
        if verifyChecksums {
            try verifyChecksumsComputedWhileReading()
            // A copy made when a writer comes is checked against the same sums.
            image.mapping?.expect(sections.map { (Int($0.offset)..<Int($0.end), $0.checksum) })
        }
    }

    /// Where a reader's bytes live.
    public enum Storage: Sendable, Equatable {
        /// Read into memory of the reader's own at open.
        case privateCopy
        /// The file's page-cache pages under a read lease, copied out when a writer comes.
        case leasedMapping
    }

    /// Where this reader's bytes live now: `.leasedMapping` while they are the file's pages,
    /// `.privateCopy` when they were read at open or copied out since.
    public var storage: Storage {
        image.mapping?.state == .mapped ? .leasedMapping : .privateCopy
    }

    /// The payload ranges the section table names, read leniently from the file's first bytes
    /// so the read can hash them as they arrive; nil when the header or table is not all there
    /// or names bytes outside the file. `ModelFileLayout` checks everything properly once the
    /// whole file is in, and the sums are used only when its table names exactly these ranges.
    static func payloadRanges(prefix: UnsafeRawBufferPointer, fileSize: Int) -> [Range<Int>]? {
        let headerSize = ModelFileFormat.headerSize
        guard prefix.count >= headerSize, prefix.prefix(ModelFileFormat.magic.count).elementsEqual(ModelFileFormat.magic)
        else { return nil }
        let count = Int(ModelFileHeader(decoding: prefix).sectionCount)
        guard headerSize + count * ModelFileFormat.sectionEntrySize <= prefix.count else { return nil }
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(count)
        for index in 0..<count {
            let start = headerSize + index * ModelFileFormat.sectionEntrySize
            let section = ModelFileSection(decoding: UnsafeRawBufferPointer(
                rebasing: prefix[start..<(start + ModelFileFormat.sectionEntrySize)]))
            guard section.offset <= UInt64(fileSize), section.length <= UInt64(fileSize) - section.offset else { return nil }
            ranges.append(Int(section.offset)..<Int(section.end))
        }
        return ranges
    }

    /// Compares the sums `FileImage` computed while reading with the validated table, in table
    /// order; when they were not computed over exactly the table's payloads, hashes again.
    private func verifyChecksumsComputedWhileReading() throws {
        guard image.checksummedRanges.elementsEqual(sections.lazy.map { Int($0.offset)..<Int($0.end) }) else {
            return try verifyChecksums()
        }
        for (section, computed) in zip(sections, image.checksums) where computed != section.checksum {
            throw corruption(of: section, computed: computed)
        }
    }

    /// Size of the file in bytes.
    public var fileLength: Int { image.bytes.count }

    /// The file as it was when read (inode, size, times): differs from `FileIdentity(path:)`
    /// once something has replaced or rewritten it.
    public var fileIdentity: FileIdentity { image.identity }

    /// Whether the file has a section with this tag.
    public func hasSection(_ tag: SectionTag) -> Bool {
        sectionsByTag[tag] != nil
    }

    /// The table entry for `tag`; throws naming the file and the tags it does have.
    public func sectionInfo(_ tag: SectionTag) throws -> ModelFileSection {
        guard let section = sectionsByTag[tag] else {
            let present = sections.isEmpty ? "none" : sections.map(\.tag.description).joined(separator: ", ")
            throw PodsimError(.modelFile, "\(path): no section \(tag) (the file has: \(present))")
        }
        return section
    }

    /// The payload of section `tag`, in place. Valid while this reader lives.
    public func section(_ tag: SectionTag) throws -> UnsafeRawBufferPointer {
        payload(of: try sectionInfo(tag))
    }

    /// Section `tag` as an array of `T`, in place. The section's kind must be `T`'s kind or
    /// `.raw`, and its length a whole number of elements. Valid while this reader lives.
    public func array<T: ModelFileScalar>(_ tag: SectionTag, as type: T.Type = T.self) throws -> UnsafeBufferPointer<T> {
        let section = try sectionInfo(tag)
        guard section.kind == T.sectionKind || section.kind == .raw else {
            throw PodsimError(.modelFile, "\(path): section \(tag) holds \(section.kind), not \(T.sectionKind)")
        }
        return try payload(of: section).typedView(as: T.self, origin: origin(of: section), at: 0)
    }

    /// Section `tag` as `Float`s (kind `.float32` or `.raw`), in place.
    public func floats(_ tag: SectionTag) throws -> UnsafeBufferPointer<Float> { try array(tag) }
    /// Section `tag` as `Double`s (kind `.float64` or `.raw`), in place.
    public func doubles(_ tag: SectionTag) throws -> UnsafeBufferPointer<Double> { try array(tag) }
    /// Section `tag` as `UInt32`s (kind `.uint32` or `.raw`), in place.
    public func uint32s(_ tag: SectionTag) throws -> UnsafeBufferPointer<UInt32> { try array(tag) }
    /// Section `tag` as `UInt64`s (kind `.uint64` or `.raw`), in place.
    public func uint64s(_ tag: SectionTag) throws -> UnsafeBufferPointer<UInt64> { try array(tag) }

    /// A cursor for decoding section `tag` field by field; valid while this reader lives.
    public func binaryReader(_ tag: SectionTag) throws -> BinaryReader {
        let section = try sectionInfo(tag)
        return BinaryReader(payload(of: section), origin: origin(of: section))
    }

    /// Section `tag` as a lazily decoded `StringTable`; the table keeps this reader alive.
    public func stringTable(_ tag: SectionTag) throws -> StringTable {
        let section = try sectionInfo(tag)
        return try StringTable(payload(of: section), origin: origin(of: section), owner: self)
    }

    /// Section `tag` as UTF-8 text (such as a JSON configuration), validated.
    public func text(_ tag: SectionTag) throws -> String {
        let section = try sectionInfo(tag)
        guard let text = validatedUTF8(payload(of: section)) else {
            throw PodsimError(.modelFile, "\(path): section \(tag) is not valid UTF-8 text")
        }
        return text
    }

    /// Hashes every payload and compares it with the table; throws naming the first corrupt
    /// section (in table order). Reads the whole file once.
    ///
    /// Sections are independent, so they are hashed on every core, largest first so the long
    /// ones start early: on 2 cores a 2.8 GB model verifies in about half the single-thread time.
    public func verifyChecksums() throws {
        let bySize = sections.indices.sorted { sections[$0].length > sections[$1].length }
        var failures = [PodsimError?](repeating: nil, count: sections.count)
        let queue = TakeNext(count: bySize.count)
        failures.withUnsafeMutableBufferPointer { failures in
            // Each worker writes only the slots of the sections it took: no two write one slot.
            nonisolated(unsafe) let slots = failures
            let workers = min(ProcessInfo.processInfo.activeProcessorCount, sections.count)
            DispatchQueue.concurrentPerform(iterations: max(workers, 1)) { _ in
                while true {
                    guard let position = queue.take() else { return }
                    let index = bySize[position]
                    do {
                        try verifyChecksum(of: sections[index])
                    } catch {
                        slots[index] = error as? PodsimError
                            ?? PodsimError(.modelFile, "\(path): section \(sections[index].tag): \(error)")
                    }
                }
            }
        }
        if let first = failures.compactMap({ $0 }).first { throw first }
    }

    /// Hashes one section's payload and compares it with the table.
    public func verifyChecksum(_ tag: SectionTag) throws {
        try verifyChecksum(of: try sectionInfo(tag))
    }

    private func verifyChecksum(of section: ModelFileSection) throws {
        let computed = XXH64.hash(payload(of: section))
        guard computed == section.checksum else { throw corruption(of: section, computed: computed) }
    }

    private func corruption(of section: ModelFileSection, computed: UInt64) -> PodsimError {
        PodsimError(
            .modelFile,
            "\(path): section \(section.tag) (bytes \(section.offset)..<\(section.end)) is corrupt: its checksum is \(ModelFileFormat.hex(computed)), the table says \(ModelFileFormat.hex(section.checksum))")
    }

    private func payload(of section: ModelFileSection) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: image.bytes[Int(section.offset)..<Int(section.end)])
    }

    private func origin(of section: ModelFileSection) -> ByteOrigin {
        ByteOrigin(path: path, section: section.tag, fileOffset: section.offset)
    }
}

/// Hands out 0, 1, 2, … up to a count, once each, to any number of threads.
private final class TakeNext: @unchecked Sendable {
    // @unchecked: `next` is only touched under `lock`.
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func take() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
