/// Feed `pubDate`s (RFC 822 as updated by RFC 1123/2822) → ISO `yyyy-mm-dd`.
///
/// The date is the calendar date **as written, in the date's own offset**: `Fri, 09 Oct 2020
/// 23:30:00 -0700` is `2020-10-09`, although it is already the 10th in UTC. That is the date
/// the publisher and its listeners saw, it keeps `published` equal to what the feed displays,
/// and it needs no time-zone table (RFC 822's named zones are North American only).
///
/// Accepted variants seen in the wild: the day name optional, abbreviated or full, and not
/// checked against the date (feeds get it wrong); `09` or `9`; month names abbreviated (`Sept`
/// too) or full, any case; month before day (`Oct 09 2020`); 4-digit or 2-digit years (`20` →
/// 2020, `98` → 1998, the RFC 2822 rule: 00–49 → 20xx, 50–99 → 19xx); time `hh:mm` or
/// `hh:mm:ss` or none; any zone (`GMT`, `EST`, `PDT`, `Z`, `+0100`, `-07:00`) or none; and ISO
/// 8601 (`2020-10-09T04:30:38Z`) from generators that ignore the RSS spec.
enum RFC822Date {
    /// `yyyy-mm-dd`, or nil when `text` is not a date in any accepted form.
    static func iso(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces
        if let iso = isoPrefix(trimmed) { return iso }
        var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        if let first = words.first, isDayName(first) { words.removeFirst() }
        guard words.count >= 3, words.count <= 5 else { return nil }
        let dayFirst = words[0].allSatisfy(\.isASCIIDigit)
        let (dayWord, monthWord) = dayFirst ? (words[0], words[1]) : (words[1], words[0])
        guard let day = number(dayWord, digits: 1...2), let month = monthNumber(monthWord),
            let year = year(words[2]), EpisodeDate.isValid(year: year, month: month, day: day)
        else { return nil }
        // A time, when present, must be one: `Oct 09 2020 junk` is not a date.
        if words.count >= 4, !isTime(words[3]) { return nil }
        return EpisodeDate.format(year: year, month: month, day: day)
    }

    /// `2020-10-09`, `2020-10-09T04:30:38Z`, `2020-10-09 04:30`: the leading ISO date.
    private static func isoPrefix(_ text: String) -> String? {
        let head = String(text.prefix(10))
        guard EpisodeDate.isISODate(head) else { return nil }
        let rest = text.dropFirst(10)
        guard rest.isEmpty || rest.first == "T" || rest.first == " " else { return nil }
        return head
    }

    private static func isDayName(_ word: String) -> Bool {
        let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        let lower = word.lowercased().trimmingTrailing(from: ".")
        return lower.count >= 3 && days.contains { $0.hasPrefix(lower) }
    }

    private static func monthNumber(_ word: String) -> Int? {
        EpisodeDate.months[word.lowercased().trimmingTrailing(from: ".")]
    }

    private static func year(_ word: String) -> Int? {
        if let year = number(word, digits: 4...4) { return year }
        guard let short = number(word, digits: 2...2) else { return nil }
        return short < 50 ? 2000 + short : 1900 + short
    }

    /// `hh:mm` or `hh:mm:ss` (a leap second `:60` allowed).
    private static func isTime(_ word: String) -> Bool {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3 else { return false }
        let limits = [23, 59, 60]
        for (part, limit) in zip(parts, limits) {
            guard let value = number(part, digits: 1...2), value <= limit else { return false }
        }
        return true
    }

    /// A non-negative integer written with a digit count in `digits`, ASCII digits only.
    private static func number(_ word: String, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(word.count), word.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(word)
    }
}
