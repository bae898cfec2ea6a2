import Foundation

/// A guest's (or host's) name with the identity key used to recognise the same person across
/// episodes and shows. Two `GuestName`s are equal when their keys are equal, whatever the
/// spelling: `Sören Martius` == `soren  martius`, `Cory O’Daniel` == `Cory O'Daniel`,
/// `Dr. Greg Jackson` == `Greg Jackson` (the display keeps the spelling as given).
public struct GuestName: Sendable, Hashable, CustomStringConvertible {
    /// The spelling as found in the source.
    public let display: String
    /// Case-folded, diacritic-folded, apostrophes unified to `'`, whitespace collapsed.
    public let key: String

    public init(_ display: String) {
        self.display = Self.collapsingWhiteSpace(display)
        self.key = GuestName.key(for: display)
    }

    /// The normalization key of `name` (see `key`); leading honorifics are not part of it.
    public static func key(for name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let unified = String(folded.map { Apostrophe.all.contains($0) ? "'" : $0 })
        var words = collapsingWhiteSpace(unified).split(separator: " ")
        while words.count > 1, let first = words.first, honorifics.contains(first.lowercased()) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// Honorifics and titles that are not part of who someone is: `Dr. Greg Jackson` and
    /// `Professor Greg Jackson` are `Greg Jackson` (lowercase, with and without the period).
    public static let honorifics: Set<String> = [
        "dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir",
    ]

    /// Runs of white space as one space, none at the ends. Done on Unicode scalars, not
    /// `Character`s: a combining mark after a tab or newline is a grapheme of its own, but after
    /// the space that replaces them it would join the space's grapheme, which `isWhitespace`
    /// then drops — so a second pass changed the name (found by fuzzing the JSON Lines round trip).
    static func collapsingWhiteSpace(_ text: String) -> String {
        // ASCII (nearly every name): the same rule on bytes, without a Unicode property look-up
        // per scalar (which made this a tenth of loading a large catalogue). ASCII white space
        // is U+0009…U+000D and U+0020.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var spaceDue = false
            for byte in text.utf8 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) {
                    spaceDue = !bytes.isEmpty
                    continue
                }
                if spaceDue {
                    bytes.append(0x20)
                    spaceDue = false
                }
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return collapsingWhiteSpaceOfScalars(text)
    }

    /// `collapsingWhiteSpace` for any text, a scalar at a time.
    static func collapsingWhiteSpaceOfScalars(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var spaceDue = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                spaceDue = !out.isEmpty
                continue
            }
            if spaceDue {
                out.append(" ")
                spaceDue = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// The first word's key (`pete` for `Pete Hunt`), used to match a host's first name.
    public var firstNameKey: String {
        String(key.split(separator: " ").first ?? "")
    }

    /// The number of words in the name.
    public var wordCount: Int { key.split(separator: " ").count }

    /// True when the spelling uses any non-ASCII letter (`Sören`), preferred as the display form.
    public var hasDiacritics: Bool { display.unicodeScalars.contains { !$0.isASCII && $0.properties.isAlphabetic } }

    public static func == (lhs: GuestName, rhs: GuestName) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public var description: String { display }
}
