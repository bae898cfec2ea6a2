/// A read-only array of scalars living in a loaded model file's memory (`FileImage`), which it keeps alive.
///
/// `ModelFileReader.floats(_:)` and friends return bare `UnsafeBufferPointer`s that dangle
/// once the reader is released — and Swift may release an object right after its last use,
/// not at the end of its scope. A `MappedArray` holds its reader, so it can be stored (in an
/// index, a recommender) and shared between tasks safely; hot loops take the buffer through
/// `withUnsafeBufferPointer`, which keeps that memory alive for the duration of the call.
public struct MappedArray<Element: ModelFileScalar>: RandomAccessCollection, @unchecked Sendable {
    // @unchecked: `buffer` points into the read-only image owned by `owner`, which is
    // immutable and Sendable; nothing ever writes through it.
    private let owner: ModelFileReader
    private let buffer: UnsafeBufferPointer<Element>

    init(owner: ModelFileReader, buffer: UnsafeBufferPointer<Element>) {
        self.owner = owner
        self.buffer = buffer
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { buffer.count }

    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < buffer.count, "MappedArray index \(position) out of range 0..<\(buffer.count)")
        return withExtendedLifetime(owner) { buffer[position] }
    }

    /// Calls `body` with the elements in place; the pointer must not escape `body`.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(buffer) }
    }
}

extension ModelFileReader {
    /// Section `tag` as a `MappedArray` that keeps this reader (and so the file's bytes) alive;
    /// same checks as `array(_:as:)`.
    public func mappedArray<T: ModelFileScalar>(_ tag: SectionTag, as type: T.Type = T.self) throws -> MappedArray<T> {
        MappedArray(owner: self, buffer: try array(tag, as: T.self))
    }
}
