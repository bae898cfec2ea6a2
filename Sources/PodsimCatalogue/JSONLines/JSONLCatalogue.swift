import Foundation
import PodsimEpisodes

/// The JSON Lines catalogue format: one episode per line, UTF-8, `\n` or `\r\n` line ends.
///
/// ```
/// {"id":"devops-paradox-341","show":"DevOps Paradox","number":341,"title":"#341: …",
///  "published":"2025-07-30","duration_seconds":3000,"description":"…","guests":["Trevor Stuart"]}
/// ```
///
/// | field              | type        | req. | meaning |
/// |--------------------|-------------|------|---------|
/// | `id`               | string      | yes  | unique in the file; no whitespace or control characters |
/// | `show`             | string      | yes  | the show's display name; not blank |
/// | `description`      | string      | yes  | the episode text (used as given, not cleaned) |
/// | `title`            | string      | no   | default: `#<number>: ` + first sentence of the description (≤ 80 chars) |
/// | `published`        | string      | no   | ISO date `yyyy-mm-dd`; `""` or null means unknown |
/// | `number`           | integer ≥ 0 | no   | episode number |
/// | `duration_seconds` | integer ≥ 0 | no   | length in seconds |
/// | `guests`           | [string]    | no   | guests' names; blanks and duplicates (by `GuestName` key) dropped |
///
/// Unknown fields are ignored; `null` for an optional field means absent. Blank lines are
/// skipped. Any bad line — invalid JSON, a missing or mistyped field, a bad date, an id already
/// used on an earlier line — fails the whole file with a `CatalogueError` naming the file, the
/// 1-based line and the field: nothing is half-loaded.
public enum JSONLCatalogue {
    /// Loads the catalogue at `path`.
    public static func load(path: String, limits: SourceLimits = .standard) throws(CatalogueError) -> [Episode] {
        try decode(SourceText(path: path, limits: limits), limits: limits)
    }

    /// Decodes catalogue bytes; `source` names them in errors.
    public static func decode(_ data: Data, source: String, limits: SourceLimits = .standard) throws(CatalogueError)
        -> [Episode]
    {
        try decode(SourceText(data: data, source: source, limits: limits), limits: limits)
    }

    /// Episodes sent in a request (ADD): errors name the request as the source.
    public static func decode(payload jsonl: String, source: String = "ADD request") throws(CatalogueError) -> [Episode] {
        try decode(Data(jsonl.utf8), source: source)
    }

    static func decode(_ text: SourceText, limits: SourceLimits) throws(CatalogueError) -> [Episode] {
        var episodes: [Episode] = []
        var firstLineOfID: [String: Int] = [:]
        for line in try text.lines(limits: limits) where !line.text.allSatisfy(\.isWhitespace) {
            let position = JSONLPosition(source: text.source, line: line.number, byteOffset: line.byteOffset)
            let episode = try validated(JSONLRecord.decode(line.text, at: position), at: position)
            if let earlier = firstLineOfID[episode.id] {
                throw position.error(
                    .duplicateID, "id \"\(episode.id)\" was already used on line \(earlier)", field: "id")
            }
            firstLineOfID[episode.id] = line.number
            episodes.append(episode)
        }
        return episodes
    }

    /// Encodes episodes as JSON Lines (one line each, `\n`-terminated, fields in schema order,
    /// absent optionals omitted). `decode` of the result gives the same episodes back.
    public static func encode(_ episodes: [Episode]) -> String {
        var out = ""
        for episode in episodes {
            var fields: [(String, String)] = [
                ("id", JSONText.string(episode.id)), ("show", JSONText.string(episode.show)),
            ]
            if let number = episode.number { fields.append(("number", String(number))) }
            fields.append(("title", JSONText.string(episode.title)))
            if let published = episode.published { fields.append(("published", JSONText.string(published))) }
            if let duration = episode.durationSeconds { fields.append(("duration_seconds", String(duration))) }
            fields.append(("description", JSONText.string(episode.description)))
            fields.append(("guests", "[" + episode.guests.map(JSONText.string).joined(separator: ",") + "]"))
            out += "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
        }
        return out
    }

    /// Checks values the JSON types alone do not constrain and fills defaults.
    private static func validated(_ record: JSONLRecord, at position: JSONLPosition) throws(CatalogueError) -> Episode {
        guard isUsableID(record.id) else {
            throw position.error(
                .invalidField,
                "must be non-empty with no spaces or control characters, found \(JSONText.quoted(record.id))",
                field: "id")
        }
        let show = record.show.trimmingSpaces
        guard !show.isEmpty else { throw position.error(.invalidField, "must not be blank", field: "show") }
        let published = record.published.flatMap { $0.isEmpty ? nil : $0 }
        if let published, !EpisodeDate.isISODate(published) {
            throw position.error(
                .invalidField, "expected an ISO date yyyy-mm-dd, found \(JSONText.quoted(published))",
                field: "published")
        }
        for (field, value) in [("number", record.number), ("duration_seconds", record.durationSeconds)] {
            if let value, value < 0 {
                throw position.error(.invalidField, "must not be negative, found \(value)", field: field)
            }
        }
        var title = record.title?.trimmingSpaces ?? ""
        if title.isEmpty { title = EpisodeTitle.derived(number: record.number, text: record.description) }
        guard !title.isEmpty else {
            throw position.error(.missingField, "no title and an empty description to derive one from", field: "title")
        }
        let guests = GuestList.unique(record.guests ?? [])
        return Episode(
            id: record.id, show: show, number: record.number, title: title, published: published,
            durationSeconds: record.durationSeconds, description: record.description, guests: guests.map(\.display))
    }

    /// Ids travel on command lines and in the wire protocol, so no whitespace or control characters.
    private static func isUsableID(_ id: String) -> Bool {
        // Printable ASCII (nearly every id) has no white space or control character; checked on
        // bytes, without a Unicode property look-up per scalar.
        if !id.isEmpty, id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return true }
        return !id.isEmpty
            && !id.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
    }
}

/// JSON string literals, written by hand so output is byte-for-byte deterministic (also the CLI's
/// JSON log lines).
public enum JSONText {
    /// `value` as a JSON string literal: `"`, `\` and control characters escaped (RFC 8259 §7).
    public static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A value quoted for an error message, shortened to 40 characters.
    static func quoted(_ value: String) -> String {
        value.count > 40 ? string(String(value.prefix(40))) + "…" : string(value)
    }
}
