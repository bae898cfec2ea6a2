import Foundation
import PodsimEpisodes
import Testing

@testable import PodsimCatalogue

@Suite struct JSONLCatalogueTests {
    func decode(_ lines: String...) throws(CatalogueError) -> [Episode] {
        try JSONLCatalogue.decode(Data(lines.joined(separator: "\n").utf8), source: "cat.jsonl")
    }

    func failure(_ lines: String...) throws -> CatalogueError {
        let data = Data(lines.joined(separator: "\n").utf8)
        return try #require(
            catalogueError { () throws(CatalogueError) in try JSONLCatalogue.decode(data, source: "cat.jsonl") })
    }

    @Test func fixtureDecodesWithDefaultsSkippingBlankLinesAndUnknownFields() throws {
        let episodes = try JSONLCatalogue.load(path: Fixture.path("catalogue", "jsonl"))
        #expect(episodes.map(\.id) == ["ep-1", "ep-2", "ep-3"])
        #expect(
            episodes[0]
                == Episode(
                    id: "ep-1", show: "Data Days", number: 1, title: "Pipelines with Sören Martius",
                    published: "2025-01-05",
                    durationSeconds: 1800, description: "We talk pipelines.", guests: ["Sören Martius"]))
        #expect(episodes[1].title == "Warehouses are back")
        #expect(episodes[1].published == nil)
        #expect(episodes[2].title == "#3: Streaming all the things in real time today")
        #expect(episodes[2].guests == ["soren martius"])
    }

    @Test func invalidJSONNamesFileAndLine() throws {
        let error = try failure(#"{"id":"a","show":"S","description":"d"}"#, #"{"id":"b","show":"#)
        #expect(error.kind == .invalidJSON)
        #expect(error.message == "cat.jsonl: line 2: not valid JSON")
        #expect(error.line == 2 && error.source == "cat.jsonl")
    }

    @Test func aLineThatIsNotAnObjectIsRejected() throws {
        let error = try failure(#"["id","show"]"#)
        #expect(error.kind == .invalidJSON)
        #expect(error.message == "cat.jsonl: line 1: expected a JSON object, one episode per line")
    }

    @Test(arguments: ["id", "show", "description"])
    func missingRequiredFieldIsNamed(field: String) throws {
        var object: [String: String] = ["id": "a", "show": "S", "description": "d"]
        object[field] = nil
        let line =
            "{" + object.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}"
        let error = try failure(line)
        #expect(error.kind == .missingField)
        #expect(error.field == field)
        #expect(error.message == "cat.jsonl: line 1: field `\(field)`: required field is missing")
    }

    @Test(arguments: [
        (#"{"id":7,"show":"S","description":"d"}"#, "id", "expected a string"),
        (#"{"id":"a","show":"S","description":"d","number":"7"}"#, "number", "expected a whole number"),
        (
            #"{"id":"a","show":"S","description":"d","number":7.5}"#, "number",
            "expected a whole number (no fraction, within 64-bit range)"
        ),
        (
            #"{"id":"a","show":"S","description":"d","number":1e30}"#, "number",
            "expected a whole number (no fraction, within 64-bit range)"
        ),
        (#"{"id":"a","show":"S","description":"d","guests":"Ann"}"#, "guests", "expected an array of strings"),
        (#"{"id":"a","show":"S","description":"d","guests":["Ann",3]}"#, "guests[1]", "expected a string"),
        (#"{"id":"a","show":"S","description":null}"#, "description", "expected a string, found null"),
        (
            #"{"id":"a b","show":"S","description":"d"}"#, "id",
            #"must be non-empty with no spaces or control characters, found "a b""#
        ),
        (#"{"id":"a","show":"  ","description":"d"}"#, "show", "must not be blank"),
        (
            #"{"id":"a","show":"S","description":"d","duration_seconds":-5}"#, "duration_seconds",
            "must not be negative, found -5"
        ),
        (#"{"id":"a","show":"S","description":""}"#, "title", "no title and an empty description to derive one from"),
    ])
    func mistypedOrInvalidFieldIsNamed(line: String, field: String, problem: String) throws {
        let error = try failure(line)
        #expect(error.field == field)
        #expect(error.message == "cat.jsonl: line 1: field `\(field)`: \(problem)")
    }

    @Test(arguments: ["2025/07/30", "2025-7-30", "2025-02-30", "2023-02-29", "+025-01-01", "July 30, 2025"])
    func badDatesAreRejected(date: String) throws {
        let error = try failure(#"{"id":"a","show":"S","description":"d","published":"\#(date)"}"#)
        #expect(error.kind == .invalidField)
        #expect(error.field == "published")
        #expect(error.message.hasPrefix("cat.jsonl: line 1: field `published`: expected an ISO date yyyy-mm-dd"))
    }

    @Test func leapDayAndEmptyDateAreAccepted() throws {
        let episodes = try decode(
            #"{"id":"a","show":"S","description":"d","published":"2024-02-29"}"#,
            #"{"id":"b","show":"S","description":"d","published":""}"#,
            #"{"id":"c","show":"S","description":"d","published":null}"#)
        #expect(episodes.map(\.published) == ["2024-02-29", nil, nil])
    }

    @Test func duplicateIDFailsTheWholeFileNamingBothLines() throws {
        let error = try failure(
            #"{"id":"a","show":"S","description":"d"}"#, "",
            #"{"id":"b","show":"S","description":"d"}"#,
            #"{"id":"a","show":"S","description":"again"}"#)
        #expect(error.kind == .duplicateID)
        #expect(error.message == #"cat.jsonl: line 4: field `id`: id "a" was already used on line 1"#)
    }

    @Test func encodeWritesSchemaOrderAndEscapes() {
        let episode = Episode(
            id: "x-1", show: "Q\"uote", number: 1, title: "Tab\there", published: nil, durationSeconds: 60,
            description: "Line\nbreak \\ and \u{1}", guests: ["Ann"])
        #expect(
            JSONLCatalogue.encode([episode])
                == #"{"id":"x-1","show":"Q\"uote","number":1,"title":"Tab\there","duration_seconds":60,"description":"Line\nbreak \\ and \u0001","guests":["Ann"]}"#
                + "\n")
    }

    @Test func encodeThenDecodeGivesTheSameEpisodes() throws {
        let episodes = [
            Episode(
                id: "a", show: "Show", title: "T", description: "Multi\nline “quotes” and é",
                guests: ["Sören Martius", "Bo"]),
            Episode(
                id: "b", show: "Show", number: 0, title: "#0: Zero", published: "2020-01-31", durationSeconds: 0,
                description: "d"),
        ]
        let text = JSONLCatalogue.encode(episodes)
        #expect(text.split(separator: "\n").count == 2)
        #expect(try JSONLCatalogue.decode(Data(text.utf8), source: "rt") == episodes)
    }
}
