/// Finds the show's name in a seed page header (the lines before the first episode).
///
/// Listing pages print the show name as a short title line and repeat it (page title, heading,
/// breadcrumbs, "The <Show> is a show about…"). So the name is the title-like header line that
/// occurs most often inside the header text; ties go to the earlier line.
enum ShowNameDetector {
    /// Most words in a show name. Default 8.
    static let maxWords = 8
    /// Most characters in a show name. Default 80.
    static let maxCharacters = 80

    /// The show name, or nil when no header line looks like one.
    static func showName(headerLines: [Substring]) -> String? {
        let header = headerLines.joined(separator: "\n")
        var best: (name: String, score: Int)?
        for line in headerLines {
            let candidate = line.trimmingSpaces
            guard isTitleLike(candidate) else { continue }
            let score = occurrences(of: candidate, in: header)
            if score > (best?.score ?? -1) { best = (candidate, score) }
        }
        return best?.name
    }

    /// A short line with a capital, no sentence or label punctuation, and not just a count
    /// (`345 Episodes`, `Subscribed: 305`).
    static func isTitleLike(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard (1...maxWords).contains(words.count), line.count <= maxCharacters,
            line.contains(where: \.isUppercase), !line.contains(where: { ":,;".contains($0) }),
            let last = line.last, !".!?".contains(last),
            !(words.first?.allSatisfy({ $0.isNumber || $0 == "," }) ?? true)
        else { return false }
        return true
    }

    private static func occurrences(of needle: String, in haystack: String) -> Int {
        var count = 0
        var rest = Substring(haystack)
        while let found = rest.firstRange(of: needle) {
            count += 1
            rest = rest[found.upperBound...]
        }
        return count
    }
}
