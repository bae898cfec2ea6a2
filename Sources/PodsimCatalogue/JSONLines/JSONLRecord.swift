import Foundation

/// One JSON Lines record as decoded, before validation (see `JSONLCatalogue` for the schema).
struct JSONLRecord: Decodable {
    enum Field: String, CodingKey, CaseIterable {
        case id, show, number, title, published, description, guests
        case durationSeconds = "duration_seconds"
    }

    var id: String
    var show: String
    var number: Int?
    var title: String?
    var published: String?
    var durationSeconds: Int?
    var description: String
    var guests: [String]?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Field.self)
        id = try c.decode(String.self, forKey: .id)
        show = try c.decode(String.self, forKey: .show)
        number = try JSONLRecord.wholeNumber(c, .number)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        durationSeconds = try JSONLRecord.wholeNumber(c, .durationSeconds)
        description = try c.decode(String.self, forKey: .description)
        guests = try c.decodeIfPresent([String].self, forKey: .guests)
    }

    /// An optional integer field. Foundation reports `7.5` or `1e30` for an `Int` with an internal
    /// error that carries no coding path, so the field is attached here to keep the message specific.
    private static func wholeNumber(_ c: KeyedDecodingContainer<Field>, _ key: Field) throws -> Int? {
        do {
            return try c.decodeIfPresent(Int.self, forKey: key)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "not a whole number"))
        }
    }

    /// Decodes one line, turning `DecodingError` into a message that names the field.
    static func decode(_ line: Substring, at position: JSONLPosition) throws(CatalogueError) -> JSONLRecord {
        do {
            return try JSONDecoder().decode(JSONLRecord.self, from: Data(line.utf8))
        } catch let error as DecodingError {
            throw position.error(for: error)
        } catch {
            throw position.error(.invalidJSON, "not valid JSON")
        }
    }
}

/// Where a JSON Lines record stands, for error messages: `catalogue.jsonl: line 7: field `published`: …`.
struct JSONLPosition {
    let source: String
    let line: Int
    let byteOffset: Int

    func error(_ kind: CatalogueError.Kind, _ problem: String, field: String? = nil) -> CatalogueError {
        let fieldPart = field.map { "field `\($0)`: " } ?? ""
        return CatalogueError(
            kind, "\(source): line \(line): \(fieldPart)\(problem)",
            source: source, line: line, byteOffset: byteOffset, field: field)
    }

    func error(for decoding: DecodingError) -> CatalogueError {
        switch decoding {
        case .keyNotFound(let key, _):
            return error(.missingField, "required field is missing", field: key.stringValue)
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return error(.invalidJSON, "expected a JSON object, one episode per line")
        case .typeMismatch(_, let context):
            return error(
                .invalidField, "expected \(JSONLPosition.expected(context))", field: JSONLPosition.field(context))
        case .valueNotFound(_, let context):
            return error(
                .invalidField, "expected \(JSONLPosition.expected(context)), found null",
                field: JSONLPosition.field(context))
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return error(.invalidJSON, "not valid JSON")
        case .dataCorrupted(let context):
            return error(
                .invalidField, "expected \(JSONLPosition.expected(context)) (no fraction, within 64-bit range)",
                field: JSONLPosition.field(context))
        @unknown default:
            return error(.invalidJSON, "not a valid episode record")
        }
    }

    /// `guests[2]` style path of the failing value.
    private static func field(_ context: DecodingError.Context) -> String {
        var name = ""
        for key in context.codingPath {
            if let index = key.intValue {
                name += "[\(index)]"
            } else {
                name += (name.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return name
    }

    /// What the schema expects at the failing path (by field, not by Swift type, so the
    /// message reads in JSON terms).
    private static func expected(_ context: DecodingError.Context) -> String {
        if context.codingPath.count > 1 { return "a string" }  // an element of `guests`
        switch context.codingPath.first.flatMap({ JSONLRecord.Field(stringValue: $0.stringValue) }) {
        case .number?, .durationSeconds?: return "a whole number"
        case .guests?: return "an array of strings"
        default: return "a string"
        }
    }
}
