import Foundation

/// Prints answers as an aligned text table or as JSON.
enum Output {
    /// JSON with sorted keys, so output is stable for scripts and diffs.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// A plain table: a header row, then rows. On a terminal the last column is cut to fit its
    /// width; into a pipe or file nothing is cut.
    static func table(_ header: [String], _ rows: [[String]], width: Int? = terminalWidth) {
        guard !header.isEmpty else { return }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count - 1 { widths[i] = max(widths[i], cell.count) }
        }
        let fixed = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let lastWidth = width.map { max(20, $0 - fixed) } ?? Int.max
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i == cells.count - 1 ? truncate(cell, to: lastWidth) : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }

    static func truncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }

    static func score(_ value: Float) -> String { String(format: "%.3f", value) }

    /// Columns of the terminal on standard output, or nil when output is not a terminal.
    static var terminalWidth: Int? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 40 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 40 { return columns }
        return 100
    }
}
