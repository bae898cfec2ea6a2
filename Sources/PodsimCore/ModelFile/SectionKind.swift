/// What a section's payload holds, stored in the section table so tools and typed views can
/// check it. Bits 0–15 name the kind; bits 16–31 are reserved for flags and are zero in format
/// version 1. Unknown kinds are accepted by the reader (a newer writer may add kinds within the
/// same format version); only the typed views interpret them.
public struct SectionKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Opaque bytes whose layout the section's owner defines; can be viewed as any scalar type.
    public static let raw = SectionKind(rawValue: 0)
    /// UTF-8 text, such as a JSON configuration.
    public static let utf8Text = SectionKind(rawValue: 1)
    /// A `StringTable` (u32 count, u32 zero, u64 offsets[count + 1], UTF-8 blob).
    public static let stringTable = SectionKind(rawValue: 2)
    /// A little-endian array of one scalar type.
    public static let uint8 = SectionKind(rawValue: 0x10)
    public static let uint16 = SectionKind(rawValue: 0x11)
    public static let uint32 = SectionKind(rawValue: 0x12)
    public static let uint64 = SectionKind(rawValue: 0x13)
    public static let int8 = SectionKind(rawValue: 0x14)
    public static let int16 = SectionKind(rawValue: 0x15)
    public static let int32 = SectionKind(rawValue: 0x16)
    public static let int64 = SectionKind(rawValue: 0x17)
    public static let float32 = SectionKind(rawValue: 0x20)
    public static let float64 = SectionKind(rawValue: 0x21)

    /// Bits reserved for flags; none are defined in format version 1.
    static let flagBits: UInt32 = 0xFFFF_0000

    private static let names: [UInt32: String] = [
        0: "raw", 1: "utf8Text", 2: "stringTable",
        0x10: "uint8", 0x11: "uint16", 0x12: "uint32", 0x13: "uint64",
        0x14: "int8", 0x15: "int16", 0x16: "int32", 0x17: "int64",
        0x20: "float32", 0x21: "float64",
    ]

    /// The kind's name, or `kind 0x…` for one this build does not know.
    public var description: String {
        Self.names[rawValue] ?? "kind 0x" + String(rawValue, radix: 16, uppercase: true)
    }
}

/// A scalar type that model-file sections store as little-endian arrays and that the reader
/// can view in place (`ModelFileReader.array(_:as:)`, `BinaryReader.read(_:)`).
public protocol ModelFileScalar: BitwiseCopyable, Sendable {
    /// The section kind of an array of this type.
    static var sectionKind: SectionKind { get }
}

extension UInt8: ModelFileScalar { public static var sectionKind: SectionKind { .uint8 } }
extension UInt16: ModelFileScalar { public static var sectionKind: SectionKind { .uint16 } }
extension UInt32: ModelFileScalar { public static var sectionKind: SectionKind { .uint32 } }
extension UInt64: ModelFileScalar { public static var sectionKind: SectionKind { .uint64 } }
extension Int8: ModelFileScalar { public static var sectionKind: SectionKind { .int8 } }
extension Int16: ModelFileScalar { public static var sectionKind: SectionKind { .int16 } }
extension Int32: ModelFileScalar { public static var sectionKind: SectionKind { .int32 } }
extension Int64: ModelFileScalar { public static var sectionKind: SectionKind { .int64 } }
extension Float: ModelFileScalar { public static var sectionKind: SectionKind { .float32 } }
extension Double: ModelFileScalar { public static var sectionKind: SectionKind { .float64 } }
