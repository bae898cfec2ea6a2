/// One line of text for an error, fit for a status message and a log line.
enum ErrorText {
    /// Longest message, in UTF-8 bytes, sent back or logged for one error: 1 KiB.
    static let maxBytes = 1024

    /// `error`'s description on one line (newlines become " / "), cut to `maxBytes` on a
    /// character boundary.
    static func describe(_ error: any Error) -> String {
        let oneLine = String(describing: error)
            .split(whereSeparator: \.isNewline)
            .joined(separator: " / ")
        guard oneLine.utf8.count > maxBytes else { return oneLine }
        var cut = ""
        for character in oneLine {
            if cut.utf8.count + character.utf8.count > maxBytes - 3 { break }
            cut.append(character)
        }
        return cut + "…"
    }

    /// What a client may be told about `error`: a `ModelSourceError`'s `clientMessage` (no server
    /// paths), otherwise `describe(error)`.
    static func forClient(_ error: any Error) -> String {
        (error as? ModelSourceError)?.clientMessage ?? describe(error)
    }
}
