/// One entry of a model file's section table: where a payload lies and how to check it.
public struct ModelFileSection: Hashable, Sendable, CustomStringConvertible {
    /// The section's unique 4-character name.
    public var tag: SectionTag
    /// What the payload holds.
    public var kind: SectionKind
    /// Byte offset of the payload from the start of the file (a multiple of 64).
    public var offset: UInt64
    /// Payload length in bytes.
    public var length: UInt64
    /// XXH64 (seed 0) of the payload bytes.
    public var checksum: UInt64

    public init(tag: SectionTag, kind: SectionKind, offset: UInt64, length: UInt64, checksum: UInt64) {
        self.tag = tag
        self.kind = kind
        self.offset = offset
        self.length = length
        self.checksum = checksum
    }

    /// One past the payload's last byte (may exceed `UInt64.max` only in a corrupt table, so
    /// callers check `length <= UInt64.max - offset` first).
    var end: UInt64 { offset + length }

    /// `'VECS' float32, 512000000 bytes at 4096`
    public var description: String {
        "\(tag) \(kind), \(length) bytes at \(offset)"
    }
}
