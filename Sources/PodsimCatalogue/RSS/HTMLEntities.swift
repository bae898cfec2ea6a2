/// HTML character references: named (`&rsquo;`), decimal (`&#8217;`) and hex (`&#x2019;`).
///
/// Used twice: by `FeedRepair`, on a feed's raw text before the XML parser sees it (HTML names
/// that XML does not declare), and by `HTMLText`, on references inside escaped HTML that the
/// XML parser has decoded once (`&lt;p&gt;Caf&amp;eacute;` → `<p>Caf&eacute;`).
enum HTMLEntities {
    /// Longest reference looked at, in characters after `&`: the longest HTML5 name (31,
    /// `CounterClockwiseContourIntegral`) or `#x10FFFF`.
    static let maxNameLength = HTMLNamedEntities.longestName

    /// Every HTML5 named reference (without `&` and `;`) and the text it stands for (one or two
    /// code points), from the generated `HTMLNamedEntities` table.
    static let named: [String: String] = {
        var table: [String: String] = [:]
        for line in HTMLNamedEntities.table.split(separator: "\n") {
            let parts = line.split(separator: " ")
            let name = parts[0].hasSuffix("*") ? parts[0].dropLast() : parts[0]
            let scalars = parts[1].split(separator: "+").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
            table[String(name)] = String(String.UnicodeScalarView(scalars))
        }
        return table
    }()

    /// The names HTML also recognises without a semicolon (`&copy 2025`, `&nbsp`): the legacy
    /// ones, marked `*` in the table.
    static let legacy: Set<String> = Set(
        HTMLNamedEntities.table.split(separator: "\n").compactMap { line in
            let name = line.prefix(while: { $0 != " " })
            return name.hasSuffix("*") ? String(name.dropLast()) : nil
        })

    /// The longest legacy name that `letters` starts with, for a reference without `;`.
    static func legacyPrefix(of letters: Substring) -> String? {
        var length = min(letters.count, 6)  // the longest legacy name, `middot`/`frac34`, is 6
        while length >= 2 {
            let candidate = String(letters.prefix(length))
            if legacy.contains(candidate) { return candidate }
            length -= 1
        }
        return nil
    }

    /// The text a reference starting right after `&` in `text` stands for, and the index after
    /// its `;`; nil when it is not a complete, known reference (then `&` is literal).
    static func decode(
        _ text: String.UnicodeScalarView, after ampersand: String.Index
    ) -> (String, String.Index)? {
        var index = ampersand
        var body = ""
        while index < text.endIndex, body.unicodeScalars.count <= maxNameLength {
            let scalar = text[index]
            if scalar == ";" {
                guard let value = value(of: body) else { return nil }
                return (value, text.index(after: index))
            }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#"
            else { return nil }
            body.unicodeScalars.append(scalar)
            index = text.index(after: index)
        }
        return nil
    }

    /// `eacute` → `é`, `#233` → `é`, `#xE9` → `é`. Code points that are not characters (0,
    /// surrogates, above U+10FFFF) give U+FFFD, as browsers do.
    static func value(of body: String) -> String? {
        guard body.first == "#" else { return named[body] }
        guard let value = codePoint(body) else { return nil }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return String(Character(scalar))
    }

    /// The number of a numeric reference body (`#233`, `#xE9`), or nil when it is not one.
    static func codePoint(_ body: String) -> UInt32? {
        guard body.first == "#" else { return nil }
        let digits = body.dropFirst()
        if digits.first == "x" || digits.first == "X" {
            let hex = digits.dropFirst()
            return !hex.isEmpty && hex.count <= 8 ? UInt32(hex, radix: 16) : nil
        }
        return !digits.isEmpty && digits.count <= 10 ? UInt32(digits, radix: 10) : nil
    }
}
