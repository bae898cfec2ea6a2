/// A list of strings stored so that the i-th one can be read in O(1) without decoding the
/// others — 1M episode ids are not all turned into `String`s when a model loads.
///
/// Encoding (little-endian; the offsets start 8 bytes in, so they are 8-byte aligned whenever
/// the table is, as model-file sections are):
///
///     u32 count
///     u32 reserved, 0
///     u64 offsets[count + 1]   byte offsets into the blob; offsets[0] = 0,
///                              offsets[count] = blob length, non-decreasing
///     u8  blob[...]            the strings' UTF-8, back to back, no terminators
///
/// Opening checks only the O(1) framing (sizes, first and last offset); each access checks its
/// own two offsets and its UTF-8, so a damaged entry gives an error naming the entry and byte,
/// never a trap. `validateAll()` checks every entry up front when that is wanted.
public struct StringTable: @unchecked Sendable {
    // @unchecked: the buffers point into read-only memory that `owner` (a ModelFileReader)
    // keeps mapped for as long as this table exists; nothing here is ever written.
    private let offsets: UnsafeRawBufferPointer
    private let blob: UnsafeRawBufferPointer
    private let origin: ByteOrigin
    private let owner: (any AnyObject & Sendable)?

    /// Number of strings.
    public let count: Int

    /// Bytes before the offsets: the u32 count and the u32 reserved word.
    static let prefixSize = 8

    /// Opens an encoded table. `bytes` must stay valid while the table is used; pass the object
    /// that owns them as `owner` to have the table keep it alive.
    public init(_ bytes: UnsafeRawBufferPointer, origin: ByteOrigin, owner: (any AnyObject & Sendable)? = nil) throws {
        var reader = BinaryReader(bytes, origin: origin)
        let count = Int(try reader.read(UInt32.self))
        let reserved = try reader.read(UInt32.self)
        guard reserved == 0 else {
            throw origin.error(at: 4, "string table reserved word is \(reserved), expected 0")
        }
        // count + 1 offsets of 8 bytes; checked against the size before anything is read.
        let offsetBytes = (count + 1) * 8
        guard offsetBytes <= reader.remaining else {
            throw origin.error(
                at: 0,
                "string table says \(count) strings, which needs \(offsetBytes) bytes of offsets, but only \(reader.remaining) bytes follow")
        }
        let offsets = try reader.readBytes(offsetBytes)
        let first = offsets.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        let last = offsets.loadUnaligned(fromByteOffset: count * 8, as: UInt64.self)
        guard first == 0 else {
            throw origin.error(at: Self.prefixSize, "first string offset is \(first), expected 0")
        }
        guard last == UInt64(reader.remaining) else {
            throw origin.error(
                at: Self.prefixSize + count * 8,
                "string table blob is \(reader.remaining) bytes but the last offset says \(last)")
        }
        self.offsets = offsets
        self.blob = try reader.readBytes(reader.remaining)
        self.origin = origin
        self.owner = owner
        self.count = count
    }

    /// The UTF-8 bytes of string `index`, without copying or validating them.
    public func utf8(at index: Int) throws -> UnsafeRawBufferPointer {
        guard index >= 0 && index < count else {
            throw PodsimError(.modelFile, "\(origin): string index \(index) is outside 0..<\(count)")
        }
        let start = offsets.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
        let end = offsets.loadUnaligned(fromByteOffset: index * 8 + 8, as: UInt64.self)
        guard start <= end, end <= UInt64(blob.count) else {
            throw origin.error(
                at: Self.prefixSize + index * 8,
                "string \(index) has offsets \(start)..<\(end), outside the \(blob.count)-byte blob or reversed")
        }
        return UnsafeRawBufferPointer(rebasing: blob[Int(start)..<Int(end)])
    }

    /// String `index`, decoded; throws if its offsets or its UTF-8 are invalid.
    public func string(at index: Int) throws -> String {
        let utf8 = try utf8(at: index)
        guard let text = validatedUTF8(utf8) else {
            let blobStart = Self.prefixSize + (count + 1) * 8
            let at = blobStart + (utf8.baseAddress.map { blob.baseAddress!.distance(to: $0) } ?? 0)
            throw origin.error(at: at, "string \(index) (\(utf8.count) bytes) is not valid UTF-8")
        }
        return text
    }

    /// Every string, decoded — for small tables, or where all are needed anyway.
    public func strings() throws -> [String] {
        try (0..<count).map { try string(at: $0) }
    }

    /// Checks every entry's offsets and UTF-8 without keeping the strings; O(total bytes).
    public func validateAll() throws {
        for index in 0..<count {
            _ = try string(at: index)
        }
    }

    /// Encodes `strings` in the layout above.
    public static func encode(_ strings: [String]) -> [UInt8] {
        precondition(strings.count <= Int(UInt32.max), "a string table holds at most 2^32 - 1 strings")
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(strings.count + 1)
        var blob = BinaryWriter()
        for var text in strings {
            text.withUTF8 { blob.append(bytes: UnsafeRawBufferPointer($0)) }
            offsets.append(UInt64(blob.count))
        }
        var writer = BinaryWriter(capacity: prefixSize + offsets.count * 8 + blob.count)
        writer.append(UInt32(strings.count))
        writer.append(UInt32(0))
        writer.append(contentsOf: offsets)
        writer.append(bytes: blob)
        return writer.bytes
    }
}

extension StringTable {
    /// Streams the head of a table whose strings have `lengths` — the count, the reserved word and
    /// the offsets of `encode`'s layout — for a writer that streams the string bytes after it
    /// (`StreamingModelWriter`) rather than holding them.
    static func writeHead(lengths: [UInt64], to stream: inout SectionStream) throws {
        precondition(lengths.count <= Int(UInt32.max), "a string table holds at most 2^32 - 1 strings")
        try stream.write(UInt32(lengths.count))
        try stream.write(UInt32(0))
        var offsets = [UInt64](repeating: 0, count: lengths.count + 1)
        for (i, length) in lengths.enumerated() { offsets[i + 1] = offsets[i] + length }
        try stream.write(contentsOf: offsets)
    }
}
