import Foundation
import PodsimEpisodes
import PodsimLinearAlgebra
import PodsimText

/// Everything a model file holds, in memory: what a build or an incremental add produces and
/// `write(to:)` turns into one atomically written file.
struct ModelContents {
    /// Episodes in row order (ascending id bytes).
    var episodes: [Episode]
    /// Unit-length episode vectors, row-major, one row per episode.
    var vectors: [Float]
    var features: TFIDFModel
    /// Term → latent projection V, row-major.
    var projection: [Float]
    /// The `GraphSection` payload over `vectors`, or nil for a model without a graph index.
    var graph: [UInt8]? = nil
    /// Each episode's TF-IDF row, in row order (`LexicalRows`; columns are term ids); nil for a
    /// fit made elsewhere (`build --spark`), whose model then ranks by the latent score alone.
    var lexical: SparseMatrix? = nil
    /// Everything of META except the counts and the model id, which `write` derives.
    var info: ModelInfo

    /// Writes the model file atomically; returns the META it wrote and the temporary files of
    /// dead writers it removed first.
    func write(to path: String) throws -> (info: ModelInfo, removedStale: [StaleTemporaryFiles.Removed]) {
        var writer = ModelFileWriter()
        let rowOfID = Dictionary(uniqueKeysWithValues: episodes.enumerated().map { ($0.element.id, $0.offset) })
        let directory = GuestDirectory(episodes: episodes)
        let guestsOfRow = try GuestTable.write(directory, episodeCount: episodes.count, rowOfID: rowOfID, to: &writer)
        try EpisodeTable.write(episodes, guestIndices: guestsOfRow, to: &writer)
        let terms = features.terms
        try writer.addStringTable(ModelSections.terms, terms)
        try writer.addArray(ModelSections.idf, features.idf)
        try writer.addArray(ModelSections.documentFrequency, features.documentFrequency)
        try writer.addStringTable(ModelSections.displayForms, features.displayForms)
        try writer.addArray(ModelSections.projection, projection)
        try writer.addArray(ModelSections.vectors, vectors)
        if let graph { try writer.addSection(GraphSection.tag, kind: .raw, bytes: graph) }
        if let lexical { try LexicalRows.write(lexical, to: &writer) }

        var info = self.info
        info.modelID = Self.modelID(vectors: vectors, projection: projection, ids: episodes.map(\.id), terms: terms)
        info.episodes = episodes.count
        info.guests = directory.count
        info.terms = features.termCount
        return try Self.finish(&writer, info: info, to: path)
    }

    /// Adds META (JSON, sorted keys, so the same build gives the same bytes) as the last section
    /// and writes the file.
    static func finish(_ writer: inout ModelFileWriter, info: ModelInfo, to path: String) throws
        -> (info: ModelInfo, removedStale: [StaleTemporaryFiles.Removed])
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try writer.addText(ModelSections.info, String(decoding: try encoder.encode(info), as: UTF8.self))
        return (info, try writer.write(to: path))
    }

    /// `podsim-` + XXH64 of the content that decides every answer.
    static func modelID(vectors: [Float], projection: [Float], ids: [String], terms: [String]) -> String {
        var hash = ModelIDHash(vectors: vectors, projection: projection)
        for list in [ids, terms] {
            for string in list {
                var string = string
                string.withUTF8 { hash.add(UnsafeRawBufferPointer($0)) }
            }
        }
        return hash.modelID
    }
}

/// The model id's hash, fed piece by piece: the vectors and projection, then every id and
/// every term, each followed by a zero byte. A streaming build feeds ids from its packed table.
struct ModelIDHash {
    private var hash = XXH64(seed: 0)

    init(vectors: [Float], projection: [Float]) {
        vectors.withUnsafeBytes { hash.update($0) }
        projection.withUnsafeBytes { hash.update($0) }
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        hash.update(bytes)
        hash.update([UInt8(0)])
    }

    var modelID: String {
        let hex = String(hash.digest(), radix: 16)
        return "podsim-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
