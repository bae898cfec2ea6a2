/// Plain text from the HTML in feed descriptions and show notes: tags removed, `script`/`style`
/// content and comments dropped, block tags (`p`, `li`, `br`, …) turned into sentence breaks,
/// character references decoded, whitespace collapsed.
///
/// This is a tolerant scanner, not an HTML parser: a tag runs from `<` + letter (or `</`, `<!`,
/// `<?`) to the next `>`, so `a < b` stays text; every step consumes input, so it runs in linear
/// time on any input. Unknown tags are treated as inline (`<span>`, `<a>`: no break).
enum HTMLText {
    /// Tags that start or end a block of text.
    static let blockTags: Set<String> = [
        "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table",
        "tr", "td", "th", "blockquote", "pre", "section", "article", "header", "footer", "aside", "nav", "figure",
        "figcaption", "address", "main", "details", "summary",
    ]
    /// Tags whose content is not text for a reader.
    static let hiddenTags: Set<String> = ["script", "style", "noscript", "template", "head"]
    /// Characters that already end a sentence, so a block ending with one gets no added period.
    static let sentenceEnds: Set<Character> = [".", "!", "?", ":", ";", "…"]

    /// Text for an episode description: one line per block, and a block that does not end a
    /// sentence gets a `.` before the next one, so that `<li>Kubernetes</li><li>Docker</li>`
    /// keeps its break once lines are joined (the boilerplate filter joins kept blocks).
    static func paragraphs(_ html: String) -> String {
        let blocks = self.blocks(html)
        var out = ""
        for (i, block) in blocks.enumerated() {
            out += block
            guard i + 1 < blocks.count else { break }
            out += (block.last.map(sentenceEnds.contains) ?? true) ? "\n" : ".\n"
        }
        return out
    }

    /// Text on one line, for titles and names.
    static func inline(_ html: String) -> String {
        blocks(html).joined(separator: " ")
    }

    /// The non-empty blocks of `html`, each with single spaces and no leading/trailing space.
    static func blocks(_ html: String) -> [String] {
        let text = html.unicodeScalars
        var out = BlockBuilder()
        // With no `>` after a `<`, that `<` is text: checking this once keeps the scan linear.
        let lastClose = text.lastIndex(of: ">")
        var i = text.startIndex
        while i < text.endIndex {
            let scalar = text[i]
            let next = text.index(after: i)
            if scalar == "<", let markup = Markup.scan(text, at: i, lastClose: lastClose) {
                switch markup.kind {
                case .tag(let name) where blockTags.contains(name): out.breakBlock()
                case .tag, .ignored: break
                case .text(let range): out.append(text[range])
                }
                i = markup.end
            } else if scalar == "&", let (value, after) = HTMLEntities.decode(text, after: next) {
                out.append(value.unicodeScalars)
                i = after
            } else {
                out.append(CollectionOfOne(scalar))
                i = next
            }
        }
        out.breakBlock()
        return out.blocks
    }
}

/// Collects blocks while collapsing whitespace.
private struct BlockBuilder {
    var blocks: [String] = []
    private var current = String.UnicodeScalarView()
    private var pendingSpace = false

    mutating func append<S: Sequence<Unicode.Scalar>>(_ scalars: S) {
        for scalar in scalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !current.isEmpty
            } else {
                if pendingSpace { current.append(" ") }
                pendingSpace = false
                current.append(scalar)
            }
        }
    }

    mutating func breakBlock() {
        if !current.isEmpty { blocks.append(String(current)) }
        current = String.UnicodeScalarView()
        pendingSpace = false
    }
}

/// One piece of markup starting at a `<`.
private struct Markup {
    enum Kind {
        /// An opening or closing tag, name lowercased.
        case tag(String)
        /// A comment, declaration, processing instruction or hidden element: dropped.
        case ignored
        /// A CDATA section: its content is text, taken literally.
        case text(Range<String.Index>)
    }

    var kind: Kind
    /// Where scanning resumes.
    var end: String.Index

    /// The markup at `start` (a `<`), or nil when the `<` is plain text. `lastClose` is the
    /// last `>` in `text`.
    static func scan(_ text: String.UnicodeScalarView, at start: String.Index, lastClose: String.Index?) -> Markup? {
        let afterLT = text.index(after: start)
        guard afterLT < text.endIndex else { return nil }
        let rest = text[afterLT...]
        if rest.starts(with: "!--".unicodeScalars) {
            return Markup(kind: .ignored, end: endOf("-->", in: text, from: afterLT) ?? text.endIndex)
        }
        if rest.starts(with: "![CDATA[".unicodeScalars) {
            let body = text.index(afterLT, offsetBy: 8)
            let close = find("]]>", in: text, from: body)
            return Markup(
                kind: .text(body..<(close ?? text.endIndex)),
                end: close.map { text.index($0, offsetBy: 3) } ?? text.endIndex)
        }
        guard let lastClose, afterLT < lastClose else { return nil }
        let first = text[afterLT]
        let closing = first == "/"
        let nameStart = closing ? text.index(after: afterLT) : afterLT
        if first == "!" || first == "?" {
            guard let end = endOf(">", in: text, from: afterLT) else { return nil }
            return Markup(kind: .ignored, end: end)
        }
        guard nameStart < text.endIndex, text[nameStart].properties.isAlphabetic, text[nameStart].isASCII,
            let end = endOf(">", in: text, from: nameStart)
        else { return nil }
        var name = ""
        var i = nameStart
        while i < end, isNameScalar(text[i]) {
            name.unicodeScalars.append(text[i])
            i = text.index(after: i)
        }
        name = name.lowercased()
        let selfClosing = text[text.index(end, offsetBy: -2)] == "/"
        if !closing, !selfClosing, HTMLText.hiddenTags.contains(name) {
            // Skip to the matching close tag; an unclosed <script> hides the rest, as in a browser.
            let close = findCaseInsensitive("</" + name, in: text, from: end)
            let after = close.flatMap { endOf(">", in: text, from: $0) } ?? text.endIndex
            return Markup(kind: .ignored, end: after)
        }
        return Markup(kind: .tag(name), end: end)
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
                || scalar == ":")
    }

    /// The index just after the first `pattern` at or after `from`.
    private static func endOf(_ pattern: String, in text: String.UnicodeScalarView, from: String.Index)
        -> String.Index?
    {
        find(pattern, in: text, from: from).map { text.index($0, offsetBy: pattern.unicodeScalars.count) }
    }

    /// The start of the first `pattern` at or after `from`.
    private static func find(_ pattern: String, in text: String.UnicodeScalarView, from: String.Index)
        -> String.Index?
    {
        findCaseInsensitive(pattern, in: text, from: from, folding: false)
    }

    private static func findCaseInsensitive(
        _ pattern: String, in text: String.UnicodeScalarView, from: String.Index, folding: Bool = true
    ) -> String.Index? {
        let needle = Array(pattern.unicodeScalars)
        guard let head = needle.first else { return from }
        func same(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
            a == b || (folding && a.isASCII && b.isASCII && Character(a).lowercased() == Character(b).lowercased())
        }
        var i = from
        while i < text.endIndex {
            if same(text[i], head), text[i...].starts(with: needle, by: same) { return i }
            i = text.index(after: i)
        }
        return nil
    }
}
