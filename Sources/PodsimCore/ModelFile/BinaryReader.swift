/// A cursor over a section payload (or any byte buffer) that decodes what `BinaryWriter`
/// wrote. Every read is bounds-checked against the bytes that remain and throws an error naming
/// the file, section and byte offset; bad data never traps. Sizes read from the data are checked
/// against the remaining bytes before anything is allocated.
///
/// The reader borrows `bytes`: it and every buffer it returns are valid only while the memory
/// (for a model file, the `ModelFileReader`) lives. It is a short-lived cursor, not `Sendable`.
public struct BinaryReader {
    /// The whole buffer being decoded.
    public let bytes: UnsafeRawBufferPointer
    /// Where `bytes` came from, for error messages.
    public let origin: ByteOrigin
    /// Offset of the next byte to read, from the start of `bytes`.
    public private(set) var offset = 0

    public init(_ bytes: UnsafeRawBufferPointer, origin: ByteOrigin) {
        self.bytes = bytes
        self.origin = origin
    }

    /// Bytes not read yet.
    public var remaining: Int { bytes.count - offset }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    /// Reads one little-endian scalar (integer, `Float`, `Double`); it need not be aligned.
    public mutating func read<T: ModelFileScalar>(_ type: T.Type) throws -> T {
        try require(MemoryLayout<T>.size, for: "a \(T.self)")
        defer { offset += MemoryLayout<T>.size }
        return bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    /// Reads `count` raw bytes without copying.
    public mutating func readBytes(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0 else { throw origin.error(at: offset, "negative byte count \(count)") }
        try require(count, for: "\(count) bytes")
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    /// Reads `count` scalars in place, without copying. The array must start at an address
    /// aligned for `T` (writers pad before arrays with `BinaryWriter.pad(toMultipleOf:)`).
    public mutating func readArray<T: ModelFileScalar>(_ type: T.Type, count: Int) throws -> UnsafeBufferPointer<T> {
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard count >= 0, !overflow else {
            throw origin.error(at: offset, "invalid element count \(count) for a \(T.self) array")
        }
        try require(byteCount, for: "\(count) × \(T.self) (\(byteCount) bytes)")
        let view = try UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + byteCount)])
            .typedView(as: T.self, origin: origin, at: offset)
        offset += byteCount
        return view
    }

    /// Reads a u32 byte length and that many bytes of UTF-8, which must be valid.
    public mutating func readString() throws -> String {
        let start = offset
        let length = Int(try read(UInt32.self))
        guard length <= remaining else {
            throw origin.error(at: start, "string of \(length) bytes runs past the end (\(remaining) bytes remain)")
        }
        let utf8 = try readBytes(length)
        guard let text = validatedUTF8(utf8) else {
            throw origin.error(at: start + 4, "string of \(length) bytes is not valid UTF-8")
        }
        return text
    }

    /// Skips the zero padding up to the next multiple of `alignment` bytes (from the start of
    /// `bytes`); non-zero padding means the data is not what was written.
    public mutating func skipPadding(toMultipleOf alignment: Int) throws {
        precondition(alignment > 0 && alignment & (alignment - 1) == 0, "alignment must be a power of two")
        let padding = (alignment - offset % alignment) % alignment
        let start = offset
        let skipped = try readBytes(padding)
        if let bad = skipped.firstIndex(where: { $0 != 0 }) {
            throw origin.error(at: start + bad, "padding byte is 0x\(String(skipped[bad], radix: 16)), expected 0")
        }
    }

    /// Throws unless every byte has been read: leftover bytes mean the data does not match
    /// the decoder (a different writer version or a corrupt length).
    public func expectEnd() throws {
        guard isAtEnd else {
            throw origin.error(at: offset, "\(remaining) unexpected bytes after the end of the data")
        }
    }

    private func require(_ count: Int, for what: String) throws {
        guard count <= remaining else {
            throw origin.error(at: offset, "need \(what) but only \(remaining) bytes remain of \(bytes.count)")
        }
    }
}

@available(*, unavailable, message: "BinaryReader borrows memory; decode within one task")
extension BinaryReader: Sendable {}

extension UnsafeRawBufferPointer {
    /// These bytes as `T` values, in place. Throws when the start is not aligned for `T` or the
    /// length is not a whole number of elements. `offset` locates the buffer in `origin`.
    func typedView<T: ModelFileScalar>(as type: T.Type, origin: ByteOrigin, at offset: Int) throws -> UnsafeBufferPointer<T> {
        let stride = MemoryLayout<T>.stride
        guard count % stride == 0 else {
            throw origin.error(at: offset, "\(count) bytes is not a whole number of \(T.self) values (\(stride) bytes each)")
        }
        guard let base = baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
        guard Int(bitPattern: base) % MemoryLayout<T>.alignment == 0 else {
            throw origin.error(at: offset, "\(T.self) array is not aligned to \(MemoryLayout<T>.alignment) bytes")
        }
        return UnsafeBufferPointer(start: base.bindMemory(to: T.self, capacity: count / stride), count: count / stride)
    }
}

/// `bytes` as a String if they are valid UTF-8, else nil (never repairs).
func validatedUTF8(_ bytes: UnsafeRawBufferPointer) -> String? {
    if #available(macOS 15, *) {
        return String(validating: bytes, as: UTF8.self)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    return text.utf8.elementsEqual(bytes) ? text : nil
}
