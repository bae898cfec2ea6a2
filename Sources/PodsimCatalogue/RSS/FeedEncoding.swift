import Foundation

/// Reads a feed's bytes as text the way podcast apps do, trusting the bytes over a wrong
/// declaration:
///
/// - a UTF-16 byte-order mark: UTF-16;
/// - declared (or assumed) UTF-8: UTF-8 when the bytes are valid UTF-8, else windows-1252
///   (a Latin-1 feed that does not say so; the repair report names the first bad byte);
/// - declared ISO-8859-1, Latin-1, windows-1252 or US-ASCII: windows-1252 (HTML's reading of
///   all of them: bytes 0x80–0x9F are its curly quotes and dashes, not C1 controls) — unless the
///   bytes are valid UTF-8 with some non-ASCII sequence, or start with a UTF-8 byte-order mark,
///   which only a UTF-8 document has: then UTF-8;
/// - declared UTF-16 without a UTF-16 byte-order mark: the bytes are 8-bit, read as above;
/// - any other declared encoding (`Shift_JIS`, `KOI8-R`, …): nil, and libxml2 transcodes the
///   document itself (such feeds are read as before, without repairs).
enum FeedEncoding {
    /// The decoded text (UTF-8 byte-order marks dropped) and what the reading noted, or nil for
    /// an encoding left to libxml2.
    static func decode(_ data: Data, repairs: inout FeedRepairs) -> String? {
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) {
            return String(data: data, encoding: .utf16)  // nil when ill-formed: libxml2 reports it
        }
        var body = data[...]
        var marks = 0
        while body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = body.dropFirst(3)
            marks += 1
        }
        let declared = XMLDeclaration.encodingName(Data(body))?.lowercased()
        let invalid = body.withUnsafeBytes { UTF8Validator.firstInvalidOffset($0.bindMemory(to: UInt8.self)) }
        let isUTF8 = invalid == nil
        switch declared {
        case nil, "utf-8", "utf8", "utf-16", "utf16":
            if marks > 1 { repairs.byteOrderMarks = marks - 1 }
            if declared?.hasPrefix("utf-16") == true || declared?.hasPrefix("utf16") == true {
                repairs.encoding = "declared UTF-16 without a UTF-16 byte-order mark; read as "
                    + (isUTF8 ? "UTF-8" : "windows-1252")
            }
            if let invalid {
                repairs.encoding =
                    "not valid UTF-8 (byte offset \(invalid + 3 * marks)); read as windows-1252"
                return windows1252(body)
            }
            return String(decoding: body, as: UTF8.self)
        case let name? where latin1Names.contains(name):
            let hasMultibyte = body.contains { $0 >= 0x80 }
            if isUTF8 && (hasMultibyte || marks > 0) {
                repairs.encoding = "declared \(name.uppercased()) but the bytes are UTF-8; read as UTF-8"
                if marks > 1 { repairs.byteOrderMarks = marks - 1 }
                return String(decoding: body, as: UTF8.self)
            }
            // A UTF-8 byte-order mark on bytes that are not UTF-8 is a stray: dropped.
            repairs.byteOrderMarks = marks
            return windows1252(body)
        default:
            return nil
        }
    }

    /// Declared names read as windows-1252 (lowercased; the IANA names and common aliases).
    static let latin1Names: Set<String> = [
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
        "windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii",
    ]

    /// windows-1252 code points for bytes 0x80…0x9F; the five bytes it leaves undefined map to
    /// the C1 control of the same number, as the WHATWG encoding standard says.
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Every byte is a character in windows-1252, so this never fails.
    static func windows1252<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")  // every table entry is a scalar value
        }
        return String(scalars)
    }
}
