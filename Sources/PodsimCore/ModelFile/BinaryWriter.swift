import Foundation

/// Builds the bytes of a section payload: little-endian scalars, arrays, length-prefixed UTF-8
/// strings and zero padding, appended in order. Its bytes can be handed straight to
/// `ModelFileWriter.addSection(_:kind:bytes:)` (it is `ContiguousBytes`).
///
/// Scalars are written in the host's byte order, which is little-endian on every platform
/// podsim supports (the model file refuses big-endian hosts).
public struct BinaryWriter: Sendable, ContiguousBytes {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]

    /// An empty writer; `capacity` (bytes) only avoids regrowth when the final size is known.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Bytes written so far.
    public var count: Int { bytes.count }

    /// Appends one scalar (integer, `Float`, `Double`) in little-endian order.
    public mutating func append<T: ModelFileScalar>(_ value: T) {
        Swift.withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    /// Appends every element of `values` back to back, with no count prefix.
    public mutating func append<T: ModelFileScalar>(contentsOf values: [T]) {
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Appends raw bytes as they are.
    public mutating func append(bytes raw: some ContiguousBytes) {
        raw.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Appends a u32 byte length followed by the string's UTF-8 bytes (no terminator).
    /// A string of 4 GiB or more cannot be encoded and stops the program.
    public mutating func append(string: String) {
        var text = string
        text.withUTF8 { utf8 in
            precondition(utf8.count <= Int(UInt32.max), "a length-prefixed string is limited to 4 GiB")
            append(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends zero bytes until `count` is a multiple of `alignment` (a power of two, in bytes).
    public mutating func pad(toMultipleOf alignment: Int) {
        precondition(alignment > 0 && alignment & (alignment - 1) == 0, "alignment must be a power of two")
        let padding = (alignment - bytes.count % alignment) % alignment
        bytes.append(contentsOf: repeatElement(0, count: padding))
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(body)
    }
}
