import Foundation

/// The encoding named by a document's XML declaration, read exactly as strictly as libxml2
/// (2.9, `xmlParseXMLDecl` / `xmlParseEncodingDecl`) applies it.
///
/// Why strict: when the declaration names a non-UTF-8 encoding, `RSSFeed` leaves the bytes to
/// libxml2 to transcode instead of checking them as UTF-8. But libxml2 switches encoding only
/// for a declaration it parses cleanly; for anything looser (a name with other characters,
/// `encoding==`, `encoding` after `standalone`, a bare `UTF-16` label on 8-bit bytes) it keeps
/// reading the raw bytes, and invalid UTF-8 in an element name then reaches FoundationXML,
/// which traps on it. So a declaration counts only in this form, else the feed must be UTF-8:
///
///     [UTF-8 BOM] "<?xml" S "version" Eq ('1.' digits, quoted) S "encoding" Eq (EncName, quoted)
///
/// with S one or more of space, tab, CR, LF; Eq `S? = S?`; EncName `[A-Za-z][A-Za-z0-9._-]*`.
enum XMLDeclaration {
    /// Bytes searched for the declaration, from the start of the document: a declaration is
    /// short, and one padded past this is taken as absent (the feed must then be UTF-8).
    static let maxBytes = 256

    /// The encoding name as written, or nil when no declaration names one the way libxml2
    /// applies it. A UTF-16 byte-order mark is the caller's to check first.
    static func encodingName(_ data: Data) -> String? {
        var scanner = Scanner(Array(data.prefix(maxBytes)))
        _ = scanner.take([0xEF, 0xBB, 0xBF])
        guard scanner.take("<?xml"), scanner.blanks(),
              scanner.take("version"), scanner.equals(), let version = scanner.quoted(), isVersion(version),
              scanner.blanks(), scanner.take("encoding"), scanner.equals(), let name = scanner.quoted(),
              isEncodingName(name)
        else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    /// `1.` and at least one digit.
    private static func isVersion(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes.starts(with: Array("1.".utf8)) && bytes.dropFirst(2).allSatisfy(isDigit)
    }

    /// XML's EncName.
    private static func isEncodingName(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, isLetter(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLetter($0) || isDigit($0) || Array("._-".utf8).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// A cursor over the head of the document.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// Consumes `literal` if the bytes continue with it.
        mutating func take(_ literal: String) -> Bool {
            take(Array(literal.utf8))
        }

        mutating func take(_ literal: [UInt8]) -> Bool {
            guard bytes[index...].starts(with: literal) else { return false }
            index += literal.count
            return true
        }

        /// Consumes one or more blanks (XML's S); false when there is none.
        mutating func blanks() -> Bool {
            let start = index
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            return index > start
        }

        /// Consumes XML's Eq: optional blanks, `=`, optional blanks.
        mutating func equals() -> Bool {
            _ = blanks()
            guard take("=") else { return false }
            _ = blanks()
            return true
        }

        /// Consumes a value in matching single or double quotes and returns what is between them.
        mutating func quoted() -> [UInt8]? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                return nil
            }
            let quote = bytes[index]
            guard let end = bytes[(index + 1)...].firstIndex(of: quote) else { return nil }
            defer { index = end + 1 }
            return Array(bytes[(index + 1)..<end])
        }
    }
}
