/// `itunes:duration` → seconds. Apple documents `HH:MM:SS`, `MM:SS` and plain seconds; feeds
/// also write `H:MM:SS`, minutes past 59 in `MM:SS` (`90:00`), fractional seconds (`3600.5`,
/// truncated) and words (`45 min`, read like a listing page's durations).
enum FeedDuration {
    /// Largest value of one component; more is not a duration (and could overflow). Default 10⁷.
    static let maxComponent = 10_000_000

    /// Seconds, or nil when `text` is not a duration.
    static func seconds(_ text: String) -> Int? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.contains(":") else {
            return wholeSeconds(trimmed) ?? EpisodeDuration.seconds(in: Substring(trimmed))
        }
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, let secondsPart = parts.last,
            let seconds = wholeSeconds(secondsPart),
            seconds < 60
        else { return nil }
        var units: [Int] = []
        for part in parts.dropLast() {
            guard !part.isEmpty, part.count <= 8, part.allSatisfy(\.isASCIIDigit), let value = Int(part),
                value <= maxComponent
            else { return nil }
            units.append(value)
        }
        if units.count == 2 {
            // HH:MM:SS: minutes must be a clock value; in MM:SS they may run past an hour.
            guard units[1] < 60 else { return nil }
            return units[0] * 3600 + units[1] * 60 + seconds
        }
        return units[0] * 60 + seconds
    }

    /// `3600` or `3600.5` → 3600; nil for anything else.
    private static func wholeSeconds(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 8,
            whole.allSatisfy(\.isASCIIDigit), parts.dropFirst().allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let value = Int(whole), value <= maxComponent
        else { return nil }
        return value
    }
}
