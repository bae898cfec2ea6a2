/// A sentence-like piece of an episode text, the unit in which boilerplate is judged.
///
/// Units are ranges of the original text, so dropping some and joining the rest keeps every
/// kept character as it was (glued words such as `workflowsThe` stay glued).
struct TextUnit: Sendable {
    /// How a unit is separated from the one before it.
    enum Boundary: Sendable {
        /// First unit of a block.
        case blockStart
        /// Whitespace after `.`, `!` or `?`.
        case spaced
        /// `.`, `!`, `?` or `:` directly followed by a capital (`Syntasso.A hands-on`).
        case gluedPunctuation
        /// A lower-case letter directly followed by a capitalized word (`workflowsThe`).
        case gluedWord
    }

    let text: Substring
    let boundary: Boundary
    /// Lowercased letters and digits only, URLs removed, single spaces: the form compared
    /// across episodes, so punctuation and link targets do not hide a repeat.
    let normalized: String

    init(text: Substring, boundary: Boundary) {
        self.text = text
        self.boundary = boundary
        self.normalized = URLDetector.removingURLs(from: text).lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .joined(separator: " ")
    }

    /// Splits a block (text without paragraph breaks) into units.
    static func units(of block: Substring) -> [TextUnit] {
        var units: [TextUnit] = []
        var start = block.startIndex
        var boundary = Boundary.blockStart
        var index = block.startIndex
        while index < block.endIndex {
            let next = block.index(after: index)
            guard next < block.endIndex else { break }
            let ch = block[index]
            let following = block[next]
            var cut: (end: String.Index, resume: String.Index, kind: Boundary)?
            if ".!?".contains(ch), following.isWhitespace {
                let resume = block[next...].firstIndex(where: { !$0.isWhitespace }) ?? block.endIndex
                cut = (next, resume, .spaced)
            } else if ".!?:".contains(ch), following.isUppercase, index > start,
                block[block.index(before: index)].isLetter, startsSentence(block, at: next)
            {
                cut = (next, next, .gluedPunctuation)
            } else if ch.isLowercase, following.isUppercase, isWordStart(block, at: next),
                glueRunIsWord(block, endingAt: index)
            {
                cut = (next, next, .gluedWord)
            }
            if let cut {
                units.append(TextUnit(text: block[start..<cut.end], boundary: boundary))
                start = cut.resume
                boundary = cut.kind
                index = cut.resume
            } else {
                index = next
            }
        }
        if start < block.endIndex { units.append(TextUnit(text: block[start...], boundary: boundary)) }
        return units
    }

    /// A capital followed by a lower-case letter or a space (`The`, `A hands-on`): a new sentence,
    /// not a dotted name such as `Node.JS` or `ASP.NET`.
    private static func startsSentence(_ text: Substring, at index: String.Index) -> Bool {
        guard let after = text[index...].dropFirst().first else { return false }
        return after.isLowercase || after.isWhitespace
    }

    /// A capital followed by at least two lower-case letters: the start of a real word (`The`,
    /// `Links`), not an acronym or a camel-case tail such as `OpenAPI`.
    private static func isWordStart(_ text: Substring, at index: String.Index) -> Bool {
        let next = text[index...].dropFirst().prefix(2)
        return next.count == 2 && next.allSatisfy(\.isLowercase)
    }

    /// The letter before `index` is part of a word of two or more letters (`workflows|The`,
    /// `LinkedIn|Links`), so a one-letter brand prefix (`vCluster`, `eBPF`) is not split.
    private static func glueRunIsWord(_ text: Substring, endingAt index: String.Index) -> Bool {
        index > text.startIndex && text[text.index(before: index)].isLetter
    }
}
