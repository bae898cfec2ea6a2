/// Removes from episode texts what is not about the episode, without a list of known phrases:
///
/// - link lists: a block whose URLs are each introduced by a short `Label:`
///   (`YouTube channel: https://…`, `Trevor's contact information: LinkedIn: https://…`);
/// - repeated sentences: a unit whose normalized form occurs in at least `repeatShare` of a
///   show's episodes (when the show has at least `minEpisodesForRepeats`), e.g. a sign-off or
///   `Links to interesting things from this episode:`;
/// - every remaining URL.
///
/// It also puts a space after a sentence glued to the next (`Syntasso.A hands-on` →
/// `Syntasso. A hands-on`); other glued words are left for the tokenizer.
public enum BoilerplateFilter {
    /// Share of a show's episodes a sentence must appear in to be boilerplate. Default 0.5.
    public static let repeatShare = 0.5
    /// Fewest episodes of a show for repeat detection to apply (with fewer, a repeat is as
    /// likely to be a shared topic as a sign-off). Default 3.
    public static let minEpisodesForRepeats = 3
    /// Shortest unit, in words, that can be judged a repeat; shorter ones (`Key topics:`) carry
    /// too little to tell boilerplate from a common phrase. Default 3.
    public static let minRepeatWords = 3
    /// Longest label, in words, before a URL in a link list (`Review the podcast on Apple Podcasts:`). Default 8.
    public static let maxLabelWords = 8

    /// Cleaned texts, one per input text, in order. All texts must belong to one show.
    public static func clean(_ texts: [String]) -> [String] {
        let blocks = texts.map(blocks(of:))
        let units = blocks.map { $0.map(TextUnit.units(of:)) }
        let repeated = repeatedUnits(units.map { $0.flatMap { $0 } })
        return units.map { episode in
            let kept = episode.map { render($0, dropping: repeated) }.filter { !$0.isEmpty }
            return kept.joined(separator: " ")
        }
    }

    /// Paragraph-like blocks (split at line breaks and at runs of two or more spaces), with a
    /// short block ending in `:` joined to the next one and link-list blocks dropped.
    static func blocks(of text: String) -> [Substring] {
        var raw: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let isBreak =
                text[index].isNewline
                || (text[index].isWhitespace && next < text.endIndex && text[next].isWhitespace)
            if isBreak {
                raw.append(text[start..<index])
                let resume = text[index...].firstIndex(where: { !$0.isWhitespace }) ?? text.endIndex
                start = resume
                index = resume
            } else {
                index = next
            }
        }
        raw.append(text[start...])
        var merged: [Substring] = []
        for block in raw where !block.trimmingSpaces.isEmpty {
            if let last = merged.last, isLabel(last) {
                merged[merged.count - 1] = text[last.startIndex..<block.endIndex]
            } else {
                merged.append(block)
            }
        }
        return merged.filter { !isLinkList($0) }
    }

    /// True for `Label: URL [Label: URL …]` with short labels.
    static func isLinkList(_ block: Substring) -> Bool {
        let tokens = block.split(whereSeparator: { $0.isWhitespace })
        guard tokens.contains(where: URLDetector.isURL) else { return false }
        var labelWords = 0
        var previous: Substring?
        for token in tokens {
            if URLDetector.isURL(token) {
                guard let previous, previous.hasSuffix(":"), labelWords <= maxLabelWords else { return false }
                labelWords = 0
            } else {
                labelWords += 1
                if token.hasSuffix(":") && labelWords > maxLabelWords { return false }
            }
            previous = token
        }
        return labelWords == 0 || (previous?.hasSuffix(":") == true && labelWords <= maxLabelWords)
    }

    /// Normalized units that occur in at least `repeatShare` of the episodes.
    static func repeatedUnits(_ episodes: [[TextUnit]]) -> Set<String> {
        guard episodes.count >= minEpisodesForRepeats else { return [] }
        var counts: [String: Int] = [:]
        for units in episodes {
            let distinct = Set(units.map(\.normalized).filter { $0.split(separator: " ").count >= minRepeatWords })
            for key in distinct { counts[key, default: 0] += 1 }
        }
        let needed = repeatShare * Double(episodes.count)
        return Set(counts.filter { Double($0.value) >= needed }.keys)
    }

    /// A block's kept units joined: original text where units were adjacent, a space where a
    /// unit was dropped or a sentence was glued; URLs removed.
    private static func render(_ units: [TextUnit], dropping repeated: Set<String>) -> String {
        var out = ""
        var droppedBefore = false
        for unit in units {
            if repeated.contains(unit.normalized) {
                droppedBefore = true
                continue
            }
            let text = URLDetector.removingURLs(from: unit.text)
            guard !text.isEmpty else { continue }
            if !out.isEmpty {
                switch unit.boundary {
                case .gluedWord where !droppedBefore: break
                case .gluedPunctuation where !droppedBefore && out.last == ":": break
                default: out += " "
                }
            }
            out += text
            droppedBefore = false
        }
        return out
    }

    /// A short block ending with a colon (`Alex's contact information:`) introduces the next one.
    private static func isLabel(_ block: Substring) -> Bool {
        let trimmed = block.trimmingSpaces
        return trimmed.hasSuffix(":") && trimmed.split(separator: " ").count <= maxLabelWords
    }
}
