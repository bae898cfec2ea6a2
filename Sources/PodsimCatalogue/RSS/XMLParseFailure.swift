/// A well-formedness error reported by `XMLParser` (whose codes are libxml2's `xmlParserErrors`),
/// with where the parser was, turned into a message a user can act on.
struct XMLParseFailure: Sendable, Equatable {
    /// libxml2 error code.
    var code: Int
    /// 1-based line and column where the parser stopped.
    var line: Int
    var column: Int

    /// Codes that do not make a feed unreadable: namespace errors (200…299; an undeclared
    /// `itunes:` prefix is one, and prefixes are resolved by `FeedNamespaceScopes` instead) and
    /// libxml2's warnings (`XML_WAR_*`), which it reports through the same callback.
    static func isTolerated(_ code: Int) -> Bool {
        (200..<300).contains(code) || [27, 93, 97, 98, 99, 100, 102, 106, 107].contains(code)
    }

    /// What the common codes mean, in the words of someone fixing the file.
    static let explanations: [Int: String] = [
        4: "the document is empty",
        5: "the document ends early, or has content after its root element",
        9: "a character that XML does not allow (a control character?)",
        22: "an `&` that does not start an entity (write `&amp;`)",
        23: "an `&` that does not start an entity (write `&amp;`)",
        26: "an undeclared entity (HTML entities such as `&nbsp;` must be escaped in XML)",
        31: "an encoding that cannot be read",
        32: "an encoding that cannot be read",
        38: "a `<` inside an attribute value",
        39: "an attribute without a quoted value",
        40: "an attribute value that is not closed",
        41: "an attribute without a value",
        42: "an attribute given twice on one element",
        45: "a comment that is not closed",
        63: "a CDATA section that is not closed",
        68: "a name was expected after `&` or `<` (write `&amp;` and `&lt;` for the characters)",
        73: "a `>` was expected",
        76: "a closing tag that does not match the open element (an unclosed tag?)",
        77: "the file ends inside an element (truncated, or an unclosed tag?)",
        81: "bytes that are not valid in the declared encoding",
        85: "elements that are not properly nested or closed",
        86: "extra content after the root element",
        89: "entity definitions that expand without bound (refused)",
        104: "an entity that could not be processed",
    ]

    /// The `CatalogueError` for this failure in `source`. libxml2 says line 0 for an empty
    /// document; the message says line 1 then.
    func error(source: String) -> CatalogueError {
        let line = max(1, line)
        let column = max(1, column)
        let what = XMLParseFailure.explanations[code] ?? "not well-formed XML"
        return CatalogueError(
            .malformedXML, "\(source): line \(line), column \(column): malformed XML: \(what) (XML error \(code))",
            source: source, line: line, column: column)
    }
}
