/// What `FeedRepair` changed in a feed so the XML parser could read it, as podcast apps read it.
/// Reported per feed by `podsim build` (`SourceReport.repairs`); empty for a well-formed feed.
public struct FeedRepairs: Sendable, Hashable {
    /// HTML named references XML does not declare, resolved (`&nbsp;` → U+00A0), by name.
    public var resolvedEntities: [String: Int] = [:]
    /// `&name;` references that no table knows (`&gtgt;`), kept as their literal text, by name.
    public var unknownEntities: [String: Int] = [:]
    /// `&` that starts no reference (`Q&A`), escaped.
    public var bareAmpersands = 0
    /// `<` that starts no markup (`a < b`, `<3`), escaped.
    public var bareLessThans = 0
    /// Characters XML forbids (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF), and
    /// numeric references to them, removed.
    public var controlCharacters = 0
    /// Byte-order marks removed: a second one, or one that contradicts the declared encoding.
    public var byteOrderMarks = 0
    /// Blank space before the XML declaration removed (lines after it move up).
    public var leadingSpace = false
    /// How the bytes were read when that is not what the declaration says (an ISO-8859-1 feed
    /// holding UTF-8, a UTF-8 feed holding windows-1252 bytes).
    public var encoding: String?

    public init() {}

    /// True when nothing was changed.
    public var isEmpty: Bool { lines.isEmpty }

    /// One line per kind of repair, for the build report: `3 HTML entities resolved (&nbsp; ×2, &mdash;)`.
    public var lines: [String] {
        var out: [String] = []
        if let encoding { out.append(encoding) }
        if byteOrderMarks > 0 { out.append("\(Self.count(byteOrderMarks, "byte-order mark")) removed") }
        if leadingSpace { out.append("blank space before the XML declaration removed") }
        let resolved = resolvedEntities.values.reduce(0, +)
        if resolved > 0 {
            out.append("\(Self.count(resolved, "HTML entity", "HTML entities")) resolved (\(Self.sample(resolvedEntities)))")
        }
        let unknown = unknownEntities.values.reduce(0, +)
        if unknown > 0 {
            out.append(
                "\(Self.count(unknown, "unknown entity", "unknown entities")) kept as text (\(Self.sample(unknownEntities)))")
        }
        if bareAmpersands > 0 { out.append("\(Self.count(bareAmpersands, "bare `&`", "bare `&`")) escaped") }
        if bareLessThans > 0 { out.append("\(Self.count(bareLessThans, "bare `<`", "bare `<`")) escaped") }
        if controlCharacters > 0 {
            out.append("\(Self.count(controlCharacters, "control character")) removed")
        }
        return out
    }

    /// Names most used first (ties by name), at most 5: `&nbsp; ×2, &mdash;, …`.
    private static func sample(_ counts: [String: Int]) -> String {
        let sorted = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let shown = sorted.prefix(5).map { "&\($0.key);" + ($0.value > 1 ? " ×\($0.value)" : "") }
        return (shown + (sorted.count > 5 ? ["…"] : [])).joined(separator: ", ")
    }

    private static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
