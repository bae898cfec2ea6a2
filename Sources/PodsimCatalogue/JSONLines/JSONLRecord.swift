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
        number = try c.decodeIfPresent(Int.self, forKey: .number)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        published = try c.decodeIfPresent(String.self, forKey: .published)
        durationSeconds = try c.decodeIfPresent(Int.self, forKey: .durationSeconds)
        description = try c.decode(String.self, forKey: .description)
        guests = try c.decodeIfPresent([String].self, forKey: .guests)
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
        case .typeMismatch(let type, let context):
            return error(.invalidField, "expected \(JSONLPosition.describe(type))", field: JSONLPosition.field(context))
        case .valueNotFound(let type, let context):
            return error(.invalidField, "expected \(JSONLPosition.describe(type)), found null", field: JSONLPosition.field(context))
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return error(.invalidJSON, "not valid JSON")
        case .dataCorrupted(let context):
            return error(.invalidField, "value out of range or malformed", field: JSONLPosition.field(context))
        @unknown default:
            return error(.invalidJSON, "not a valid episode record")
        }
    }

    /// `guests[2]` style path of the failing value.
    private static func field(_ context: DecodingError.Context) -> String {
        var name = ""
        for key in context.codingPath {
            if let index = key.intValue { name += "[\(index)]" } else { name += (name.isEmpty ? "" : ".") + key.stringValue }
        }
        return name
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is [String].Type: "an array of strings"
        default: "a value of type \(type)"
        }
    }
}
