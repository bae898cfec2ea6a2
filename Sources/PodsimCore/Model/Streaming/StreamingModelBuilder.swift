import Foundation
import PodsimEpisodes
import PodsimLinearAlgebra
import PodsimText

/// Builds a model from a catalogue too large to hold: two streaming passes over the episodes,
/// never all of their text at once.
///
/// 1. **Scan**: every episode's metadata is packed (`CatalogueScan`, ~200 bytes an episode) and
///    a seeded sample of `fitSample` episodes keeps its text (`FitSample`: the smallest XXH64
///    of the id, seeded with `options.seed`).
/// 2. **Fit** on the sample, exactly as `ModelBuilder.build` fits a whole catalogue: analysis,
///    vocabulary, idf, truncated SVD — in row (id) order.
/// 3. **Project**: every episode is analysed again and folded in through the fitted TF-IDF and
///    term projection (`TFIDFModel.documentMatrix`, then A·V as `ModelBuilder` computes it)
///    into one preallocated vector array; descriptions spill to row-range files (`RowBuckets`).
/// 4. **Write**: the same sections as an in-memory build (`StreamingModelWriter`), atomically.
///
/// With `fitSample` ≥ the catalogue, the sample is every episode and the file equals
/// `ModelBuilder.build`'s byte for byte except that it has no LX sections: the lexical rows of
/// every episode (~100 a row, 1G postings at 10M) are left out, and such a model ranks by the
/// latent score alone (an in-memory or Spark build keeps them). With a smaller sample, idf and document
/// frequencies are those of the sample (`ModelInfo.documentCount`, `fitSample`).
public enum StreamingModelBuilder {
    /// Catalogues above this many episodes are fitted on a sample by default. 2,000,000.
    public static let sampleAbove = 2_000_000
    /// The default sample above `sampleAbove`: 1,000,000 episodes, the largest catalogue this
    /// project fits whole in memory (docs/PERFORMANCE.md, "Ten million episodes").
    public static let defaultSample = 1_000_000
    /// Episodes analysed and projected per step of pass 2.
    static let projectionBatch = 32_768

    /// The sample size to use when the user names none, for about `episodes` episodes (an
    /// estimate, before the catalogue is read): `defaultSample` above `sampleAbove`, else every
    /// episode (`Int.max`: however many there turn out to be).
    public static func defaultFitSample(episodes: Int) -> Int {
        episodes > sampleAbove ? defaultSample : .max
    }

    /// Builds the model of `source`'s episodes and writes it to `path` (atomically).
    /// - Parameters:
    ///   - seed: the build's seed (`BuildOptions.seed`), which also draws the sample.
    ///   - configure: the options and source digest for the catalogue's exact episode count,
    ///     known after the first pass (defaults such as the minimum document frequency depend on it).
    ///   - memoryLimit: bytes the build may use; it stops with `.insufficientMemory` (saying how
    ///     much it needs) after the first pass, before the fit, when its estimate is above.
    public static func build(
        source: some EpisodeBatches, hosts: [String: [String]], seed: UInt64, fitSample: Int, to path: String,
        memoryLimit: Int, progress: ((String) -> Void)? = nil,
        configure: (_ episodes: Int) throws -> (options: BuildOptions, sourceDigest: String)
    ) throws -> BuildReport {
        var clock = PhaseClock()
        var scan = CatalogueScan(sampleSize: max(1, fitSample), seed: seed)
        try source.forEachBatch { batch in
            for episode in batch { scan.add(episode) }
            progress?("read \(scan.count) episodes (\(scan.showNames.count) shows)")
        }
        guard scan.count > 0 else { throw PodsimError(.invalidInput, "no episodes to build a model from") }
        let inputOfRow = try scan.rowOrder()
        var rowOfInput = [UInt32](repeating: 0, count: inputOfRow.count)
        for (row, input) in inputOfRow.enumerated() { rowOfInput[Int(input)] = UInt32(row) }
        clock.lap("read + sort")

        let (options, sourceDigest) = try configure(scan.count)
        precondition(options.seed == seed, "the sample and the SVD share the build's seed")
        // The sample's texts in row order, as an in-memory build fits on them; the members go.
        let texts = scan.sample.take().sorted { rowOfInput[$0.index] < rowOfInput[$1.index] }.map(\.text)
        let sampled = texts.count
        let estimate = MemoryEstimate.streaming(
            episodes: scan.count, sample: sampled, sampleTextBytes: texts.reduce(0) { $0 + $1.utf8.count },
            scanBytes: scan.heapBytes, options: options)
        try estimate.check(limit: memoryLimit)
        let sampleNote = sampled < scan.count
            ? "a seeded sample of \(sampled) of \(scan.count) episodes (--fit-sample)" : "all \(scan.count) episodes"
        progress?("fitting the vocabulary, idf and SVD on \(sampleNote); memory estimate \(estimate.summary)")
        let (fitted, v) = try fit(texts, options: options, clock: &clock, progress: progress)

        progress?("projecting \(scan.count) episodes")
        let k = fitted.dimensions
        var vectors = [Float](repeating: 0, count: scan.count * k)
        let vRows = v.transposed().storage  // laid out once for every batch's A·V
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptions = try RowBuckets(rows: scan.count, directory: directory)
        var next = 0
        try source.forEachBatch { batch in
            for start in stride(from: 0, to: batch.count, by: projectionBatch) {
                let part = batch[start..<min(batch.count, start + projectionBatch)]
                for (offset, episode) in part.enumerated() {
                    let input = next + offset
                    guard input < scan.count, scan.ids.equals(input, episode.id),
                          scan.descriptionLengths[input] == episode.description.utf8.count
                    else {
                        throw PodsimError(.invalidInput, "the catalogue changed while the model was built (episode \(input + 1), id '\(episode.id)'); build again once it stops changing")
                    }
                    var text = episode.description
                    try text.withUTF8 { try descriptions.append(row: Int(rowOfInput[input]), UnsafeRawBufferPointer($0)) }
                }
                let rows = try fitted.features.documentMatrix(part.map(\.indexedText)).floatProduct(rowMajor: vRows, width: v.columns)
                guard rows.count == part.count * k else {
                    throw PodsimError(.linearAlgebra, "projection produced \(rows.count) values for \(part.count) episodes")
                }
                vectors.withUnsafeMutableBufferPointer { target in
                    rows.withUnsafeBufferPointer { source in
                        for i in 0..<part.count {
                            let row = UnsafeMutableBufferPointer(rebasing: target[(Int(rowOfInput[next + i]) * k)...].prefix(k))
                            _ = row.initialize(fromContentsOf: source[(i * k)..<((i + 1) * k)])
                            VectorIndex.normalizeRows(row, dimensions: k)
                        }
                    }
                }
                next += part.count
            }
            progress?("projected \(next) of \(scan.count) episodes")
        }
        guard next == scan.count else {
            throw PodsimError(.invalidInput, "the catalogue changed while the model was built (\(scan.count) episodes, then \(next))")
        }
        try descriptions.finish()
        clock.lap("project")

        var complete = fitted
        complete.vectors = vectors
        vectors = []
        let graph = try ModelBuilder.linkGraph(complete, episodes: scan.count, options: options, progress: progress)
        if graph != nil { clock.lap("graph index") }
        var info = ModelBuilder.info(of: complete, hosts: hosts, options: options, sourceDigest: sourceDigest)
        if sampled < scan.count { info.fitSample = sampled }
        progress?("writing \(path)")
        let writer = StreamingModelWriter(
            scan: scan, inputOfRow: inputOfRow, descriptions: descriptions, fitted: complete, graph: graph, info: info)
        let (written, removed) = try writer.write(to: path)
        clock.lap("write")
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return BuildReport(info: written, phases: clock.phases, fileBytes: bytes, removedStale: removed)
    }

    /// The fit of `texts` (the sample, in row order) — `ModelBuilder.fit`, as an in-memory build
    /// fits — and V as the SVD returned it (Double), which the projection multiplies by as the
    /// in-memory build does, so the vectors agree to the bit. The TF-IDF matrix is dropped here.
    static func fit(_ texts: [String], options: BuildOptions, clock: inout PhaseClock, progress: ((String) -> Void)?) throws
        -> (FittedModel, DenseMatrix)
    {
        let (fit, svd) = try ModelBuilder.fit(texts, options: options, clock: &clock, progress: progress)
        return (FittedModel(
            features: fit.model, singularValues: svd.singularValues, explainedVarianceRatio: svd.explainedVarianceRatio,
            dimensionNote: svd.note, projection: svd.termProjection(), vectors: []), svd.v)
    }
}
