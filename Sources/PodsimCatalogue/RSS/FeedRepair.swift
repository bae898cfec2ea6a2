import Foundation

/// Makes the faults real feeds carry readable before the XML parser sees them, as every podcast
/// app reads them, and counts each repair (see `FeedRepairs`):
///
/// - an HTML named reference XML does not declare (`&nbsp;`, `&mdash;`, `&eacute;`, any of the
///   2,125 HTML5 names) becomes its character; an unknown one (`&gtgt;`) stays as literal text
///   (`&amp;gtgt;`); a legacy name without `;` (`&copy 2025`) is read as HTML reads it in text;
/// - a `&` that starts no reference becomes `&amp;`, a `<` that starts no markup (or stands in
///   an attribute value) `&lt;`;
/// - characters XML forbids (C0 controls but tab, LF, CR; U+FFFE; U+FFFF) and numeric
///   references to them are removed, everywhere (text, attributes, CDATA, comments); a
///   vertical tab or form feed becomes a space;
/// - blank space before the XML declaration is removed; the declaration is rewritten to say
///   UTF-8, since the text is handed on as UTF-8 whatever it was read from (`FeedEncoding`).
///
/// Left alone: CDATA sections, comments and processing instructions (but for forbidden
/// characters), the DOCTYPE, and references to other entities the DOCTYPE declares (an HTML
/// name is resolved even when declared: FoundationXML passes no text for an internal entity's
/// reference, so leaving `&nbsp;` to it would lose the character). Repairs keep line
/// numbers (only removed leading blank lines move them), so later errors still name the line.
struct FeedRepair {
    /// The repaired text and what was done to it.
    private(set) var output = String.UnicodeScalarView()
    private(set) var repairs: FeedRepairs
    private let input: [Unicode.Scalar]
    private var i = 0
    /// General entities the DOCTYPE declares; references to them are the parser's to expand.
    private var declared: Set<String> = []

    /// Repairs `text`; `repairs` carries what decoding noted.
    ///
    /// Forbidden characters go first, in a pass of their own: removing one inside a comment or
    /// CDATA section could otherwise join `-\u{1}->` into the `-->` that ends it, and a second
    /// repair would then read the document differently. So repairing is idempotent: repairing
    /// the output again changes nothing and reports nothing (the `feed-repair` fuzz target checks it).
    static func repair(_ text: String, repairs: FeedRepairs) -> (String, FeedRepairs) {
        var repairs = repairs
        var allowed: [Unicode.Scalar] = []
        allowed.reserveCapacity(text.unicodeScalars.count)
        for c in text.unicodeScalars {
            if isXMLCharacter(c.value) {
                allowed.append(c)
            } else {
                if c == "\u{0B}" || c == "\u{0C}" { allowed.append(" ") }
                repairs.controlCharacters += 1
            }
        }
        var repair = FeedRepair(input: allowed, repairs: repairs)
        repair.run()
        return (String(repair.output), repair.repairs)
    }

    private init(input: [Unicode.Scalar], repairs: FeedRepairs) {
        self.input = input
        self.repairs = repairs
    }

    private mutating func run() {
        declaration()
        while i < input.count {
            let c = input[i]
            if c == "<" {
                markup()
            } else if c == "&" {
                reference(inAttribute: false)
            } else {
                copy(c)
                i += 1
            }
        }
    }

    /// Leading blank space dropped; `<?xml …?>` replaced by a UTF-8 declaration.
    private mutating func declaration() {
        var start = 0
        while start < input.count, [" ", "\t", "\n", "\r", "\u{FEFF}"].contains(input[start]) { start += 1 }
        guard starts("<?xml", at: start), start + 5 < input.count, isBlank(input[start + 5]) else { return }
        if start > 0 {
            repairs.leadingSpace = true
            i = start
        }
        guard let end = find("?>", from: start) else { return }
        output.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".unicodeScalars)
        i = end + 2
    }

    /// At a `<`: a comment, CDATA, instruction, DOCTYPE or tag copied; a bare `<` escaped.
    private mutating func markup() {
        if starts("<!--", at: i) {
            copyThrough("-->", skipping: 4)
        } else if starts("<![CDATA[", at: i) {
            copyThrough("]]>", skipping: 9)
        } else if starts("<?", at: i) {
            copyThrough("?>", skipping: 2)
        } else if starts("<!DOCTYPE", at: i) {
            doctype()
        } else if i + 1 < input.count, Self.startsMarkup(input[i + 1]) {
            tag()
        } else {
            escapeLessThan()
        }
    }

    /// The `<` at `i` written as `&lt;`.
    private mutating func escapeLessThan() {
        output.append(contentsOf: "&lt;".unicodeScalars)
        repairs.bareLessThans += 1
        i += 1
    }

    /// A start or end tag: names copied, attribute values repaired like text.
    private mutating func tag() {
        let start = i
        var quote: Unicode.Scalar?
        while i < input.count {
            let c = input[i]
            if let open = quote {
                if c == open {
                    quote = nil
                } else if c == "&" {
                    reference(inAttribute: true)
                    continue
                } else if c == "<" {
                    escapeLessThan()  // never allowed in an attribute value
                    continue
                }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == ">" {
                copy(c)
                i += 1
                return
            } else if c == "<", i > start {
                // A `<` that starts markup ends an unclosed tag (the parser reports it there); one
                // that starts nothing stays inside this tag, escaped. Ending the tag at it and
                // escaping it after would let a second repair read on in the tag (found by fuzzing).
                guard i + 1 < input.count, Self.startsMarkup(input[i + 1]) else {
                    escapeLessThan()
                    continue
                }
                return
            }
            copy(c)
            i += 1
        }
    }

    /// `<!DOCTYPE …>` with its internal subset, copied; its `<!ENTITY name` declarations noted.
    private mutating func doctype() {
        var depth = 0
        var quote: Unicode.Scalar?
        while i < input.count {
            let c = input[i]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "[" {
                depth += 1
            } else if c == "]" {
                depth -= 1
            } else if c == ">", depth <= 0 {
                copy(c)
                i += 1
                return
            } else if starts("<!ENTITY", at: i) {
                var j = i + 8
                while j < input.count, isBlank(input[j]) { j += 1 }
                let name = String(String.UnicodeScalarView(input[j..<min(input.count, j + 64)].prefix(while: isNameScalar)))
                if !name.isEmpty { declared.insert(name) }
            }
            copy(c)
            i += 1
        }
    }

    /// At a `&` in text or an attribute value.
    private mutating func reference(inAttribute: Bool) {
        var j = i + 1
        while j < input.count, j - i <= HTMLEntities.maxNameLength + 1, input[j].isASCII,
            input[j].properties.isAlphabetic || ("0"..."9").contains(input[j]) || (j == i + 1 && input[j] == "#")
            || (j == i + 2 && input[i + 1] == "#" && (input[j] == "x" || input[j] == "X"))
        {
            j += 1
        }
        let body = String(String.UnicodeScalarView(input[(i + 1)..<j]))
        let terminated = j < input.count && input[j] == ";" && !body.isEmpty
        if terminated {
            if let value = HTMLEntities.codePoint(body) {
                if Self.isXMLCharacter(value) {
                    copyRange(i..<(j + 1))
                } else {
                    repairs.controlCharacters += 1
                }
            } else if Self.xmlEntities.contains(body) {
                copyRange(i..<(j + 1))
            } else if let value = HTMLEntities.named[body] {
                escape(value, inAttribute: inAttribute)
                repairs.resolvedEntities[body, default: 0] += 1
            } else if declared.contains(body) {
                copyRange(i..<(j + 1))
            } else {
                output.append(contentsOf: "&amp;".unicodeScalars)
                copyRange((i + 1)..<(j + 1))
                repairs.unknownEntities[body, default: 0] += 1
            }
            i = j + 1
            return
        }
        // No `;`: HTML reads a legacy name in text unless a letter or digit runs on (`&copy 2025`).
        if !inAttribute, let name = HTMLEntities.legacyPrefix(of: Substring(body)), name.count == body.count,
            let value = HTMLEntities.named[name]
        {
            escape(value, inAttribute: false)
            repairs.resolvedEntities[name, default: 0] += 1
            i = j
            return
        }
        output.append(contentsOf: "&amp;".unicodeScalars)
        repairs.bareAmpersands += 1
        i += 1
    }

    /// A resolved reference's text, with XML's special characters written as XML references.
    private mutating func escape(_ value: String, inAttribute: Bool) {
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": output.append(contentsOf: "&amp;".unicodeScalars)
            case "<": output.append(contentsOf: "&lt;".unicodeScalars)
            case ">": output.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where inAttribute: output.append(contentsOf: "&quot;".unicodeScalars)
            case "'" where inAttribute: output.append(contentsOf: "&apos;".unicodeScalars)
            default: output.append(scalar)
            }
        }
    }

    /// Copies from `i` through the end of `terminator` (or to the end of the input), dropping
    /// forbidden characters on the way.
    private mutating func copyThrough(_ terminator: String, skipping opener: Int) {
        let end = find(terminator, from: i + opener).map { $0 + terminator.unicodeScalars.count } ?? input.count
        copyRange(i..<end)
        i = end
    }

    private mutating func copyRange(_ range: Range<Int>) {
        for c in input[range] { copy(c) }
    }

    /// Appends `c` (forbidden characters are already gone).
    private mutating func copy(_ c: Unicode.Scalar) {
        output.append(c)
    }

    private func starts(_ literal: String, at index: Int) -> Bool {
        var j = index
        for scalar in literal.unicodeScalars {
            guard j < input.count, input[j] == scalar else { return false }
            j += 1
        }
        return true
    }

    private func find(_ literal: String, from index: Int) -> Int? {
        guard let first = literal.unicodeScalars.first else { return nil }
        var j = index
        while j < input.count {
            if input[j] == first, starts(literal, at: j) { return j }
            j += 1
        }
        return nil
    }

    private func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    private func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        !isBlank(c) && c != ">" && c != "\"" && c != "'" && c != "%"
    }

    /// XML's five predefined entities.
    static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// XML 1.0's Char production: tab, LF, CR, U+0020…U+D7FF, U+E000…U+FFFD, U+10000…U+10FFFF.
    static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// What may follow `<` in markup: a name start, `/`, `!` or `?`.
    static func startsMarkup(_ c: Unicode.Scalar) -> Bool {
        c == "/" || c == "!" || c == "?" || c == "_" || c == ":" || c.properties.isAlphabetic
    }
}
