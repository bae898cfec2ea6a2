/// The bytes libFuzzer hands a target, with a cursor for the control bytes some targets take
/// first (a split pattern, an opcode, a limits preset) before the payload proper.
///
/// Running out of bytes is not an error: a missing control byte reads as 0, the default choice,
/// so every input — including the empty one — is a valid test case.
public struct FuzzInput {
    /// Every byte of the input.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Index of the next unread byte.
    public private(set) var position = 0

    /// Wraps libFuzzer's `(data, size)`; `data` may be nil when `size` is 0.
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
    }

    /// The next byte, or 0 once the input is exhausted.
    public mutating func takeByte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// The next two bytes as a big-endian `UInt16` (missing bytes read as 0).
    public mutating func takeUInt16() -> UInt16 {
        let high = UInt16(takeByte())
        return high << 8 | UInt16(takeByte())
    }

    /// Everything not yet taken.
    public var rest: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[min(position, bytes.count)...])
    }

    /// Everything not yet taken, copied.
    public var restArray: [UInt8] { Array(rest) }
}
