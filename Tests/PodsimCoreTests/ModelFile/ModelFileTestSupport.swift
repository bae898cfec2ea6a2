import Foundation
import PodsimTestSupport
import Testing

@testable import PodsimCore

/// Runs `body` with a temporary directory holding the default `SampleModel` at
/// `episodes.podsim`, whose path is passed along.
func withSampleModelFile(_ body: (TemporaryDirectory, String) throws -> Void) throws {
    try withTemporaryDirectory { directory in
        let path = directory.file("episodes.podsim")
        try SampleModel().write(to: path)
        try body(directory, path)
    }
}

func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Expects opening `path` to fail with a `.modelFile` error whose message names the file and
/// contains every fragment, both read into a private copy and served from a leased mapping;
/// returns the message (of the private copy).
@discardableResult
func expectOpenFails(
    _ path: String, verifyChecksums: Bool = true, mentioning fragments: [String],
    sourceLocation: SourceLocation = #_sourceLocation
) -> String {
    let mapped = expectOpenFails(
        path, verifyChecksums: verifyChecksums, storage: .leasedMapping, mentioning: fragments, sourceLocation: sourceLocation)
    let copied = expectOpenFails(
        path, verifyChecksums: verifyChecksums, storage: .privateCopy, mentioning: fragments, sourceLocation: sourceLocation)
    #expect(mapped == copied, "the two ways of opening should refuse the file for the same reason", sourceLocation: sourceLocation)
    return copied
}

private func expectOpenFails(
    _ path: String, verifyChecksums: Bool, storage: ModelFileReader.Storage, mentioning fragments: [String],
    sourceLocation: SourceLocation
) -> String {
    let error = #expect(throws: PodsimError.self, sourceLocation: sourceLocation) {
        _ = try ModelFileReader(path: path, verifyChecksums: verifyChecksums, storage: storage)
    }
    guard let error else { return "" }
    #expect(error.code == .modelFile, sourceLocation: sourceLocation)
    #expect(error.message.contains(path), "message should name the file: \(error.message)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(error.message.contains(fragment), "missing \"\(fragment)\" in: \(error.message)", sourceLocation: sourceLocation)
    }
    return error.message
}

/// The contents of the sample model written by `writeSampleModel(to:)`.
struct SampleModel {
    static let vectors: SectionTag = "VECS"
    static let ids: SectionTag = "IDS "
    static let config: SectionTag = "CONF"
    static let raw: SectionTag = "RAWB"
    static let offsets: SectionTag = "OFFS"
    static let columns: SectionTag = "COLS"
    static let weights: SectionTag = "WGTS"

    var vectors: [Float] = (0..<12).map { Float($0) * 0.5 - 2 }
    var ids = ["ep-1", "ep-2", "épisode 3 — «live»", "", "🎧"]
    var config = #"{"dimensions": 4, "seed": 7}"#
    var raw: [UInt8] = (0..<37).map { UInt8($0 * 7 % 256) }
    var offsets: [UInt64] = [0, 3, 3, UInt64.max]
    var columns: [UInt32] = [9, 8, 7]
    var weights: [Double] = [1.5, -0.25, .pi]

    /// Every section of the sample, in the order it is written.
    static let tags: [SectionTag] = [vectors, ids, config, raw, offsets, columns, weights]

    func writer() throws -> ModelFileWriter {
        var writer = ModelFileWriter()
        try writer.addArray(Self.vectors, vectors)
        try writer.addStringTable(Self.ids, ids)
        try writer.addText(Self.config, config)
        try writer.addSection(Self.raw, bytes: raw)
        try writer.addArray(Self.offsets, offsets)
        try writer.addArray(Self.columns, columns)
        try writer.addArray(Self.weights, weights)
        return writer
    }

    func write(to path: String) throws {
        try writer().write(to: path)
    }
}
