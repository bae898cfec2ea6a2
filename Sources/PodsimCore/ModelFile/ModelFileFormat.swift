import Foundation

/// The podsim model file container, format version 1 (also described in docs/MODEL-FORMAT.md).
///
/// One file (`Models/episodes.podsim`) holds every part of a trained model as tagged sections.
/// Everything is little-endian. Offsets and lengths are in bytes from the start of the file.
///
///     offset  size  field
///     ------  ----  ------------------------------------------------------------------------
///          0     8  magic: 89 50 4F 44 0D 0A 1A 0A  ("\x89POD\r\n\x1A\n")
///          8     4  u32 format version (1)
///         12     4  u32 section count N
///         16     8  u64 total file length in bytes
///         24     8  u64 header checksum: XXH64 (seed 0) of bytes 0..<24 followed by the table
///         32  32·N  section table, N entries of 32 bytes:
///                     +0  4  tag: 4 printable ASCII bytes (0x20–0x7E), unique in the file
///                     +4  4  u32 element kind (`SectionKind`); bits 16–31 are flags, all zero in v1
///                     +8  8  u64 payload offset (a multiple of 64)
///                    +16  8  u64 payload length
///                    +24  8  u64 payload checksum: XXH64 (seed 0) of the payload bytes
///              …     payloads, in table order, each at the first 64-byte boundary after the end
///                    of the previous one (after the table for the first); the gaps are zero bytes;
///                    the file ends exactly at the end of the last payload.
///
/// Why this shape:
/// - The magic copies PNG's trick. 0x89 is not ASCII, so a text file is never mistaken for a
///   model and a transfer that strips the 8th bit is caught; "POD" names the file in a hex
///   dump; CR LF catches a CR LF → LF conversion and the lone LF after 0x1A catches LF → CR LF
///   (a text-mode copy changes the length of the magic itself); 0x1A (Ctrl-Z) stops `type` on
///   DOS-era consoles from printing binary garbage.
/// - The header records the total length, so a truncated file is named as truncated (with the
///   expected and actual sizes) rather than as an obscure out-of-bounds section.
/// - Every payload starts on a 64-byte boundary. The reader's copy of the file (`FileImage`)
///   starts on a page boundary, so every payload is aligned for any scalar type and for cache lines / AVX-512 loads: the reader
///   hands out `UnsafeBufferPointer<Float>` straight into that copy without copying again.
/// - The layout is canonical (order, padding and length follow from the table), so the same
///   sections always give the same bytes and a reader needs no overlap search: any other
///   layout is rejected as corrupt.
/// - A checksum per section lets a reader verify only what it uses, or verify lazily.
public enum ModelFileFormat {
    /// The eight magic bytes that open every model file.
    public static let magic: [UInt8] = [0x89, 0x50, 0x4F, 0x44, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The format version this build writes and the newest one it reads.
    public static let currentVersion: UInt32 = 1
    /// Size of the fixed header in bytes.
    public static let headerSize = 32
    /// Size of one section-table entry in bytes.
    public static let sectionEntrySize = 32
    /// Every payload starts at a multiple of this many bytes (a cache line; a divisor of the page size).
    public static let sectionAlignment = 64
    /// Bytes of the header covered by the header checksum (everything before the checksum field).
    static let checksummedHeaderPrefix = 24

    /// `value` rounded up to the next multiple of `sectionAlignment`.
    static func aligned(_ value: UInt64) -> UInt64 {
        let alignment = UInt64(sectionAlignment)
        return (value + alignment - 1) / alignment * alignment
    }

    /// Fixed-width upper-case hex with a 0x prefix for 64/32-bit values and none for bytes.
    static func hex<T: FixedWidthInteger & UnsignedInteger>(_ value: T) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, T.bitWidth / 4 - digits.count)) + digits
        return T.bitWidth == 8 ? padded : "0x" + padded
    }

    /// Throws on a big-endian host: the format is little-endian and the reader maps payloads
    /// without byte-swapping. podsim builds only for little-endian x86_64 and arm64.
    static func requireLittleEndianHost(path: String) throws {
        #if _endian(big)
        throw PodsimError(
            .modelFile,
            "\(path): this build runs on a big-endian host; model files are little-endian and podsim supports only little-endian machines (x86_64, arm64)")
        #endif
    }
}

/// The fixed 32-byte header, decoded.
struct ModelFileHeader: Equatable {
    var version: UInt32
    var sectionCount: UInt32
    var fileLength: UInt64
    var checksum: UInt64

    /// Reads the header fields that follow the magic; `bytes` holds at least `headerSize` bytes.
    init(decoding bytes: UnsafeRawBufferPointer) {
        version = bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        sectionCount = bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self)
        fileLength = bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        checksum = bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    init(version: UInt32, sectionCount: UInt32, fileLength: UInt64, checksum: UInt64) {
        self.version = version
        self.sectionCount = sectionCount
        self.fileLength = fileLength
        self.checksum = checksum
    }

    /// The header checksum: XXH64 of the first 24 header bytes, then the whole section table.
    static func checksum(headerPrefix: UnsafeRawBufferPointer, table: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = XXH64()
        hasher.update(UnsafeRawBufferPointer(rebasing: headerPrefix[..<ModelFileFormat.checksummedHeaderPrefix]))
        hasher.update(table)
        return hasher.digest()
    }

    /// Appends the 32 header bytes.
    func encode(into writer: inout BinaryWriter) {
        writer.append(bytes: ModelFileFormat.magic)
        writer.append(version)
        writer.append(sectionCount)
        writer.append(fileLength)
        writer.append(checksum)
    }
}

extension ModelFileSection {
    /// Decodes one 32-byte table entry (no validation beyond reading the fields).
    init(decoding entry: UnsafeRawBufferPointer) {
        tag = SectionTag(rawValue: entry.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        kind = SectionKind(rawValue: entry.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        offset = entry.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        length = entry.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        checksum = entry.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// Appends the 32 bytes of this entry.
    func encode(into writer: inout BinaryWriter) {
        writer.append(tag.rawValue)
        writer.append(kind.rawValue)
        writer.append(offset)
        writer.append(length)
        writer.append(checksum)
    }
}
