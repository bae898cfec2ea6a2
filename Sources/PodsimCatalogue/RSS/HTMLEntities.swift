/// HTML character references in feed text: named (`&rsquo;`), decimal (`&#8217;`) and hex
/// (`&#x2019;`). The XML parser has already decoded XML's own five entities once; what remains
/// are references inside escaped HTML (`&lt;p&gt;Caf&amp;eacute;` → `<p>Caf&eacute;`).
enum HTMLEntities {
    /// Longest reference looked at, in characters after `&` (`&thetasym;` is 9). Default 10.
    static let maxNameLength = 10

    /// The named references feeds use: XML's five, spacing and punctuation, symbols and the
    /// Latin-1 letters. An unknown name is left as written.
    static let named: [String: Character] = {
        var table: [String: Character] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ensp": "\u{2002}",
            "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "shy": "\u{AD}",
            "ndash": "–", "mdash": "—", "hellip": "…", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“",
            "rdquo": "”", "bdquo": "„", "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "bull": "•",
            "middot": "·", "prime": "′", "Prime": "″", "dagger": "†", "Dagger": "‡", "permil": "‰", "copy": "©",
            "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷", "frac12": "½",
            "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³", "micro": "µ", "para": "¶", "sect": "§",
            "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "curren": "¤", "iexcl": "¡", "iquest": "¿",
            "ordf": "ª", "ordm": "º", "not": "¬", "macr": "¯", "acute": "´", "cedil": "¸", "uml": "¨",
            "larr": "←", "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔", "hearts": "♥", "check": "✓",
            "szlig": "ß", "ETH": "Ð", "eth": "ð", "THORN": "Þ", "thorn": "þ", "OElig": "Œ", "oelig": "œ",
            "Scaron": "Š", "scaron": "š", "Yuml": "Ÿ", "fnof": "ƒ", "aelig": "æ", "AElig": "Æ",
        ]
        // Latin-1 letters with diacritics: `&eacute;`, `&Ouml;`, … are base letter + accent name.
        let accents: [(name: String, plain: String, marked: String)] = [
            ("acute", "aeiouyAEIOUY", "áéíóúýÁÉÍÓÚÝ"), ("grave", "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
            ("circ", "aeiouAEIOU", "âêîôûÂÊÎÔÛ"), ("uml", "aeiouyAEIOU", "äëïöüÿÄËÏÖÜ"),
            ("tilde", "anoANO", "ãñõÃÑÕ"), ("ring", "aA", "åÅ"), ("cedil", "cC", "çÇ"), ("slash", "oO", "øØ"),
        ]
        for accent in accents {
            for (base, letter) in zip(accent.plain, accent.marked) { table["\(base)\(accent.name)"] = letter }
        }
        return table
    }()

    /// The character a reference starting right after `&` in `text` stands for, and the index
    /// after its `;`; nil when it is not a complete, known reference (then `&` is literal).
    static func decode(
        _ text: String.UnicodeScalarView, after ampersand: String.Index
    ) -> (Character, String.Index)? {
        var index = ampersand
        var body = ""
        while index < text.endIndex, body.unicodeScalars.count <= maxNameLength {
            let scalar = text[index]
            if scalar == ";" {
                guard let character = character(for: body) else { return nil }
                return (character, text.index(after: index))
            }
            guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#" else { return nil }
            body.unicodeScalars.append(scalar)
            index = text.index(after: index)
        }
        return nil
    }

    /// `eacute` → `é`, `#233` → `é`, `#xE9` → `é`. Code points that are not characters (0,
    /// surrogates, above U+10FFFF) give U+FFFD, as browsers do.
    static func character(for body: String) -> Character? {
        guard body.first == "#" else { return named[body] }
        let digits = body.dropFirst()
        let value: UInt32?
        if digits.first == "x" || digits.first == "X" {
            value = digits.count > 1 ? UInt32(digits.dropFirst(), radix: 16) : nil
        } else {
            value = UInt32(digits, radix: 10)
        }
        guard let value else { return nil }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return Character(scalar)
    }
}
