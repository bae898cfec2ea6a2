/// The 4-byte ASCII name of a model-file section, such as `"VECS"` or `"VOCB"`.
///
/// Stored in the file as its four bytes in order; `rawValue` is those bytes read as a
/// little-endian `UInt32`. Tags are printable ASCII (0x20–0x7E) so that they show in a hex dump
/// and in error messages as-is.
public struct SectionTag: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The four tag bytes as a little-endian `UInt32` (the first character in the low byte).
    public let rawValue: UInt32

    /// Wraps raw bytes read from a file; may be unprintable (check `isPrintableASCII`).
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Makes a tag from exactly four printable ASCII characters; throws otherwise.
    public init(validating text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count == 4, bytes.allSatisfy(Self.isPrintable) else {
            throw PodsimError(
                .modelFile,
                "section tag \"\(text)\" must be exactly 4 printable ASCII characters (such as \"VECS\")")
        }
        rawValue = bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A tag written in source, like `let vectors: SectionTag = "VECS"`. A literal that is not
    /// four printable ASCII characters is a programming error and stops the program.
    public init(stringLiteral text: String) {
        do {
            try self.init(validating: text)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// The four tag bytes in file order.
    public var bytes: [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: rawValue >> (8 * $0)) }
    }

    /// Whether all four bytes are printable ASCII, as the format requires.
    public var isPrintableASCII: Bool { bytes.allSatisfy(Self.isPrintable) }

    /// The tag in quotes, or its bytes in hex when they are not printable: `'VECS'`, `0x00FF1234`.
    public var description: String {
        guard isPrintableASCII else {
            return "0x" + bytes.map { ModelFileFormat.hex($0) }.joined()
        }
        return "'" + String(decoding: bytes, as: UTF8.self) + "'"
    }

    private static func isPrintable(_ byte: UInt8) -> Bool { (0x20...0x7E).contains(byte) }
}
