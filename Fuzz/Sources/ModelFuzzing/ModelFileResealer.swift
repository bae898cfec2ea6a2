import PodsimCore

/// Makes a mutated model file pass the checksum gate again, so that fuzzing reaches the checks
/// behind it (table layout, string tables, META JSON, cross-section consistency) instead of
/// stopping at "corrupt: checksum" for nearly every mutation.
///
/// Given bytes that start with the magic and hold a whole header and section table, it sets the
/// header's file length to the real length, recomputes the XXH64 of every payload that lies
/// inside the file, and then the header checksum over the header prefix and the table
/// (docs/MODEL-FORMAT.md). Anything else is left as it is, for the loader to refuse.
public enum ModelFileResealer {
    /// Header field offsets, in bytes from the start of the file.
    static let sectionCountOffset = 12
    static let fileLengthOffset = 16
    static let headerChecksumOffset = 24
    /// Offsets inside a 32-byte table entry.
    static let entryOffsetField = 8
    static let entryLengthField = 16
    static let entryChecksumField = 24

    public static func reseal(_ bytes: inout [UInt8]) {
        let headerSize = ModelFileFormat.headerSize
        guard bytes.count >= headerSize, bytes.starts(with: ModelFileFormat.magic) else { return }
        let sectionCount = Int(load(UInt32.self, bytes, at: sectionCountOffset))
        let tableEnd = headerSize + sectionCount * ModelFileFormat.sectionEntrySize
        guard tableEnd <= bytes.count else { return }
        store(UInt64(bytes.count), &bytes, at: fileLengthOffset)
        for index in 0..<sectionCount {
            let entry = headerSize + index * ModelFileFormat.sectionEntrySize
            let offset = load(UInt64.self, bytes, at: entry + entryOffsetField)
            let length = load(UInt64.self, bytes, at: entry + entryLengthField)
            guard offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else { continue }
            let checksum = bytes.withUnsafeBytes {
                XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[Int(offset)..<Int(offset + length)]))
            }
            store(checksum, &bytes, at: entry + entryChecksumField)
        }
        var hasher = XXH64()
        bytes.withUnsafeBytes {
            hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<headerChecksumOffset]))
            hasher.update(UnsafeRawBufferPointer(rebasing: $0[headerSize..<tableEnd]))
        }
        store(hasher.digest(), &bytes, at: headerChecksumOffset)
    }

    private static func load<T: FixedWidthInteger>(_ type: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
    }

    private static func store<T: FixedWidthInteger>(_ value: T, _ bytes: inout [UInt8], at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { field in
            bytes.replaceSubrange(offset..<(offset + field.count), with: field)
        }
    }
}
