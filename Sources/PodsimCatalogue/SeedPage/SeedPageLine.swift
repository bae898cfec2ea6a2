import PodsimEpisodes

/// How one line of a seed page reads: the start of a numbered item, a date line, page chrome,
/// or ordinary text.
enum SeedPageLine: Equatable {
    /// `#341: Nobody's arguing…` — number and the text after the colon.
    case numbered(Int, Substring)
    /// `Jul 30, 2025 • 50min` — ISO date and duration in seconds when given.
    case dated(String, Int?)
    /// A short line that is navigation or widget text (`loading`, `Comments`, `Share`).
    case chrome
    /// Anything else (titles, description lines, header prose).
    case text

    /// Most digits accepted in an item number; more is not an episode number.
    static let maxNumberDigits = 7
    /// Lines with at most this many words and no sentence-ending punctuation are page chrome.
    static let maxChromeWords = 3
    /// Separators between a date and a duration on a date line.
    static let dateSeparators: Set<Character> = ["•", "·", "|", "–", "—"]

    init(_ line: Substring) {
        let trimmed = Substring(line.trimmingSpaces)
        if let item = SeedPageLine.numbered(trimmed) {
            self = item
        } else if let date = SeedPageLine.dated(trimmed) {
            self = date
        } else if SeedPageLine.isChrome(trimmed) {
            self = .chrome
        } else {
            self = .text
        }
    }

    /// True for lines that start an episode.
    var startsItem: Bool {
        switch self {
        case .numbered, .dated: true
        case .chrome, .text: false
        }
    }

    private static func numbered(_ line: Substring) -> SeedPageLine? {
        guard line.first == "#" else { return nil }
        let digits = line.dropFirst().prefix(while: \.isASCIIDigit)
        let rest = line.dropFirst(1 + digits.count)
        guard (1...maxNumberDigits).contains(digits.count), rest.first == ":", let number = Int(digits) else {
            return nil
        }
        return .numbered(number, Substring(rest.dropFirst().trimmingSpaces))
    }

    private static func dated(_ line: Substring) -> SeedPageLine? {
        let parts = line.split(maxSplits: 1, whereSeparator: { dateSeparators.contains($0) })
        guard let datePart = parts.first,
            let iso = EpisodeDate.iso(fromMonthDayYear: Substring(datePart.trimmingSpaces))
        else { return nil }
        let duration = parts.count > 1 ? EpisodeDuration.seconds(in: parts[1]) : nil
        return .dated(iso, duration)
    }

    private static func isChrome(_ line: Substring) -> Bool {
        guard let last = line.last, !".!?:".contains(last) else { return line.isEmpty }
        return line.split(separator: " ").count <= maxChromeWords
    }
}

/// Episode lengths as listing pages print them: `50min`, `1h 3min`, `1 hr 5 mins`, `45s`.
enum EpisodeDuration {
    /// Total seconds, or nil when `text` is not a duration.
    static func seconds(in text: Substring) -> Int? {
        var total = 0
        var number: Int?
        var unit = ""
        var sawComponent = false
        func flush() -> Bool {
            guard let value = number else { return unit.isEmpty }
            let scale: Int
            switch unit {
            case "h", "hr", "hrs", "hour", "hours": scale = 3600
            case "m", "min", "mins", "minute", "minutes": scale = 60
            case "s", "sec", "secs", "second", "seconds": scale = 1
            default: return false
            }
            total += value * scale
            sawComponent = true
            number = nil
            unit = ""
            return true
        }
        for ch in text.lowercased() {
            if ch.isASCIIDigit {
                if !unit.isEmpty { guard flush() else { return nil } }
                guard (number ?? 0) < 100_000 else { return nil }
                number = (number ?? 0) * 10 + (ch.wholeNumberValue ?? 0)
            } else if ch.isLetter {
                guard number != nil else { return nil }
                unit.append(ch)
            } else if !ch.isWhitespace {
                return nil
            }
        }
        guard flush(), sawComponent else { return nil }
        return total
    }
}
