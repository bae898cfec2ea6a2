import Foundation

/// Case and diacritic folding of one word: `Sören` → `soren`, `NAÏVE` → `naive`, `ﬁle` → `file`,
/// `Don’t` → `don't`. Always on, so that a query typed without accents finds accented names.
enum TextFolding {
    /// Latin letters that carry a "diacritic" but have no Unicode decomposition, folded the way
    /// a reader would type them on an ASCII keyboard.
    static let undecomposableLetters: [Unicode.Scalar: String] = [
        "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ħ": "h", "ı": "i", "ŧ": "t",
        "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th",
    ]

    /// Folds a run of word scalars (letters, digits, marks, apostrophes) to its lowercase,
    /// accent-free form, with every apostrophe variant written as `'`.
    static func fold(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(scalars.count)
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                ascii.append(value >= 0x41 && value <= 0x5A ? UInt8(value + 0x20) : UInt8(value))
            } else if ScalarClass.isApostrophe(scalar) {
                ascii.append(UInt8(ascii: "'"))
            } else {
                return foldUnicode(scalars)
            }
        }
        return String(decoding: ascii, as: UTF8.self)
    }

    /// The general path: lowercase, compatibility-decompose (ligatures, full-width forms,
    /// accents), drop combining accents, map undecomposable letters, recompose (NFC) so that
    /// equal words are equal strings and sort by the same UTF-8 bytes.
    private static func foldUnicode(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var raw = String.UnicodeScalarView()
        raw.append(contentsOf: scalars)
        let decomposed = String(raw).lowercased().decomposedStringWithCompatibilityMapping
        var folded = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            if ScalarClass.isApostrophe(scalar) {
                folded.append("'")
            } else if ScalarClass.isFoldableDiacritic(scalar) {
                continue
            } else if let replacement = undecomposableLetters[scalar] {
                folded.append(contentsOf: replacement.unicodeScalars)
            } else if ScalarClass.isWord(scalar) {
                // Compatibility decomposition can yield separators (`¼` → `1⁄4`); a word
                // keeps only word scalars.
                folded.append(scalar)
            }
        }
        return String(folded).precomposedStringWithCanonicalMapping
    }

    /// Folds a whole stand-alone word, such as a configured extra stop word.
    static func fold(word: String) -> String {
        fold(ArraySlice(Array(word.unicodeScalars)))
    }
}
