import Foundation
import PodsimText

/// Writes a streaming build's model file: the sections `ModelContents.write` writes, in the same
/// order and encoding, produced from the packed first pass (`CatalogueScan`) in row order and
/// the spilled descriptions (`RowBuckets`), each streamed into the file rather than built in
/// memory. No LX sections (see `StreamingModelBuilder`).
struct StreamingModelWriter {
    let scan: CatalogueScan
    /// `inputOfRow[row]`: the arrival index of the episode in row `row`.
    let inputOfRow: [UInt32]
    let descriptions: RowBuckets
    let fitted: FittedModel
    let graph: [UInt8]?
    /// META without the model id and counts.
    let info: ModelInfo

    /// Bytes gathered before each write to the section stream.
    static let chunkBytes = 1 << 20

    func write(to path: String) throws -> (info: ModelInfo, removedStale: [StaleTemporaryFiles.Removed]) {
        var writer = ModelFileWriter()
        let guests = scan.guests.table(inputOfRow: inputOfRow)
        try writer.addStringTable(ModelSections.guestNames, guests.names)
        try writer.addStringTable(ModelSections.guestKeys, guests.keys)
        try writer.addArray(ModelSections.guestEpisodeOffsets, guests.episodeOffsets)
        try writer.addArray(ModelSections.guestEpisodes, guests.episodeRows)

        let order = inputOfRow
        try writer.addSection(ModelSections.episodeIDs, kind: .stringTable, streaming: Self.stringTable(scan.ids, order))
        try writer.addSection(ModelSections.episodeTitles, kind: .stringTable, streaming: Self.stringTable(scan.titles, order))
        try writer.addSection(ModelSections.episodePublished, kind: .stringTable, streaming: Self.stringTable(scan.published, order))
        let lengths = scan.descriptionLengths
        let buckets = descriptions
        try writer.addSection(ModelSections.episodeDescriptions, kind: .stringTable) { stream in
            let rowLengths = order.map { lengths[Int($0)] }
            try StringTable.writeHead(lengths: rowLengths, to: &stream)
            for bucket in 0..<buckets.bucketCount {
                try stream.write(buckets.ordered(bucket: bucket, lengths: rowLengths[buckets.rows(ofBucket: bucket)]))
            }
        }
        let shows = scan.showNames.indices.sorted { StringTable.precedes(scan.showNames[$0], scan.showNames[$1]) }
        var showNumber = [UInt32](repeating: 0, count: shows.count)
        for (sorted, first) in shows.enumerated() { showNumber[first] = UInt32(sorted) }
        let showOfEpisode = scan.showOfEpisode
        try writer.addArray(ModelSections.episodeShows, order.map { showNumber[Int(showOfEpisode[Int($0)])] })
        try writer.addArray(ModelSections.episodeNumbers, order.map { scan.numbers[Int($0)] })
        try writer.addArray(ModelSections.episodeDurations, order.map { scan.durations[Int($0)] })
        try writer.addArray(ModelSections.episodeGuestOffsets, guests.rowOffsets)
        try writer.addArray(ModelSections.episodeGuests, guests.rowGuests)
        try writer.addStringTable(ModelSections.shows, shows.map { scan.showNames[$0] })

        let features = fitted.features
        let terms = features.terms
        try writer.addStringTable(ModelSections.terms, terms)
        try writer.addArray(ModelSections.idf, features.idf)
        try writer.addArray(ModelSections.documentFrequency, features.documentFrequency)
        try writer.addStringTable(ModelSections.displayForms, features.displayForms)
        try writer.addArray(ModelSections.projection, fitted.projection)
        try writer.addArray(ModelSections.vectors, fitted.vectors)
        if let graph { try writer.addSection(GraphSection.tag, kind: .raw, bytes: graph) }

        var info = self.info
        var hash = ModelIDHash(vectors: fitted.vectors, projection: fitted.projection)
        scan.ids.bytes.withUnsafeBytes { bytes in
            for input in order { hash.add(UnsafeRawBufferPointer(rebasing: bytes[scan.ids.range(Int(input))])) }
        }
        for term in terms {
            var term = term
            term.withUTF8 { hash.add(UnsafeRawBufferPointer($0)) }
        }
        info.modelID = hash.modelID
        info.episodes = order.count
        info.guests = guests.names.count
        info.terms = features.termCount
        return try ModelContents.finish(&writer, info: info, to: path)
    }

    /// A `StringTable` section (see its encoding) of `strings` taken in `order`.
    static func stringTable(_ strings: PackedStrings, _ order: [UInt32]) -> ModelFileWriter.Producer {
        { stream in
            try StringTable.writeHead(lengths: order.map { UInt64(strings.length(Int($0))) }, to: &stream)
            var chunk: [UInt8] = []
            chunk.reserveCapacity(chunkBytes + 4096)
            try strings.bytes.withUnsafeBufferPointer { bytes in
                for input in order {
                    chunk.append(contentsOf: bytes[strings.range(Int(input))])
                    if chunk.count >= chunkBytes {
                        try stream.write(chunk)
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
            }
            try stream.write(chunk)
        }
    }
}
