import Foundation

/// URL- and shell-safe identifiers built from display names: `DevOps Paradox` → `devops-paradox`.
public enum Slug {
    /// Lowercase ASCII with diacritics folded (`Sören` → `soren`); every run of other characters
    /// becomes one `-`; no leading or trailing `-`. A name with no Latin letters or digits at all
    /// gets `show-` plus a stable hash so that two such shows still get different slugs.
    public static func make(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            let ch = Character(scalar)
            if scalar.isASCII && (ch.isLetter || ch.isNumber) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.append(ch.lowercased())
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "show-" + stableHash(text) : slug
    }

    /// FNV-1a 32-bit of the UTF-8 bytes, as 8 hex digits: deterministic across runs and
    /// platforms (unlike `hashValue`, which is seeded per process).
    static func stableHash(_ text: String) -> String {
        StableHash.hex(StableHash.fnv1a32(text), digits: 8)
    }
}
