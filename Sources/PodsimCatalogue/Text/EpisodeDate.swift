/// Calendar dates as podsim stores them: ISO `yyyy-mm-dd`.
public enum EpisodeDate {
    /// English month names and abbreviations as listing pages print them (`Jul`, `Sept`, `July`).
    static let months: [String: Int] = {
        let names = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september",
            "october", "november", "december",
        ]
        var table: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            table[name] = i + 1
            table[String(name.prefix(3))] = i + 1
        }
        table["sept"] = 9
        return table
    }()

    /// True when `text` is exactly `yyyy-mm-dd` and names a real day (leap years included).
    public static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return isValid(year: year, month: month, day: day)
    }

    /// `Jul 30, 2025` (or `July 30, 2025`) → `2025-07-30`; nil when it is not such a date.
    static func iso(fromMonthDayYear text: Substring) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
        guard words.count == 3, let month = months[words[0].lowercased().trimmingTrailing(from: ".")],
            words[1].count <= 2, words[2].count == 4, words[1].allSatisfy(\.isASCIIDigit),
            words[2].allSatisfy(\.isASCIIDigit),
            let day = Int(words[1]), let year = Int(words[2]),
            isValid(year: year, month: month, day: day)
        else { return nil }
        return format(year: year, month: month, day: day)
    }

    /// Whether `month`/`day` exist in `year` (Gregorian).
    static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension Character {
    /// `0`…`9` only (not other scripts' digits, not `+`/`-` that `Int(_:)` accepts).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
