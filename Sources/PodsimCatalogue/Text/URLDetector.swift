/// Recognises web addresses in episode text so descriptions can drop them: a URL carries no
/// meaning for similarity and would only add noise tokens (`https`, `www`, `com`).
enum URLDetector {
    /// True when a whitespace-delimited token is (or contains) a web address:
    /// a scheme (`https://…`), a `www.` prefix, or a `host.tld/path` shape
    /// (`github.com/prequel-dev`, even when glued to neighbouring words).
    static func isURL(_ token: Substring) -> Bool {
        if token.contains("://") { return true }
        let trimmed = token.drop(while: { !$0.isLetter && !$0.isNumber })
        if trimmed.lowercased().hasPrefix("www.") { return true }
        // host.tld/…: a dot between letters somewhere before the first slash.
        guard let slash = trimmed.firstIndex(of: "/") else { return false }
        let host = trimmed[trimmed.startIndex..<slash]
        guard let dot = host.lastIndex(of: "."), dot != host.startIndex else { return false }
        let before = host[host.index(before: dot)]
        let after = host[host.index(after: dot)...]
        return before.isLetter && after.count >= 2 && after.allSatisfy { $0.isLetter && $0.isASCII }
    }

    /// `text` with every URL token removed and whitespace collapsed to single spaces.
    static func removingURLs(from text: Substring) -> String {
        text.split(whereSeparator: { $0.isWhitespace })
            .filter { !isURL($0) }
            .joined(separator: " ")
    }

    /// True when `text` contains at least one URL token.
    static func containsURL(_ text: Substring) -> Bool {
        text.split(whereSeparator: { $0.isWhitespace }).contains(where: isURL)
    }
}
