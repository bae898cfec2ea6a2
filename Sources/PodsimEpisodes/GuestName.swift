import Foundation

/// A guest's (or host's) name with the identity key used to recognise the same person across
/// episodes and shows. Two `GuestName`s are equal when their keys are equal, whatever the
/// spelling: `Sören Martius` == `soren  martius`, `Cory O’Daniel` == `Cory O'Daniel`.
public struct GuestName: Sendable, Hashable, CustomStringConvertible {
    /// The spelling as found in the source.
    public let display: String
    /// Case-folded, diacritic-folded, apostrophes unified to `'`, whitespace collapsed.
    public let key: String

    public init(_ display: String) {
        self.display = Self.collapsingWhiteSpace(display)
        self.key = GuestName.key(for: display)
    }

    /// The normalization key of `name` (see `key`).
    public static func key(for name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let unified = String(folded.map { Apostrophe.all.contains($0) ? "'" : $0 })
        return collapsingWhiteSpace(unified)
    }

    /// Runs of white space as one space, none at the ends. Done on Unicode scalars, not
    /// `Character`s: a combining mark after a tab or newline is a grapheme of its own, but after
    /// the space that replaces them it would join the space's grapheme, which `isWhitespace`
    /// then drops — so a second pass changed the name (found by fuzzing the JSON Lines round trip).
    static func collapsingWhiteSpace(_ text: String) -> String {
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
