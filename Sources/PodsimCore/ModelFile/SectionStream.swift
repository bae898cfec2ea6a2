import Foundation

/// Where a streaming section producer writes its payload (see
/// `ModelFileWriter.addSection(_:kind:streaming:)`). Bytes go straight to the file through a
/// 1 MiB buffer while their checksum and length are tallied, so a section never has to exist
/// in memory as a whole. Used only inside the producer closure; not `Sendable`.
public struct SectionStream {
    private let output: AtomicFileOutput
    private var hasher = XXH64()
    /// Payload bytes written so far.
    public private(set) var byteCount: UInt64 = 0

    init(output: AtomicFileOutput) {
        self.output = output
    }

    /// XXH64 of the payload written so far.
    var checksum: UInt64 { hasher.digest() }

    /// Appends raw bytes to the payload.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        try output.write(bytes)
        hasher.update(bytes)
        byteCount += UInt64(bytes.count)
    }

    /// Appends contiguous bytes (`[UInt8]`, `Data`, a `BinaryWriter`, …) to the payload.
    public mutating func write(_ bytes: some ContiguousBytes) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends every element of `values` (such as a row of `Float`s) to the payload.
    public mutating func write<T: ModelFileScalar>(contentsOf values: [T]) throws {
        try values.withUnsafeBytes { try write($0) }
    }

    /// Appends one little-endian scalar to the payload.
    public mutating func write<T: ModelFileScalar>(_ value: T) throws {
        try withUnsafeBytes(of: value) { try write($0) }
    }
}

@available(*, unavailable, message: "SectionStream writes to one file from inside its producer")
extension SectionStream: Sendable {}
