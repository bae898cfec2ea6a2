import Foundation
import PodsimEpisodes
import PodsimLinearAlgebra
import PodsimText

/// Builds a model file from a catalogue: TF-IDF → randomized truncated SVD → episode vectors →
/// one atomically written file.
public enum ModelBuilder {
    /// Builds the model for `episodes` and writes it to `path` (atomically: a crash leaves any
    /// previous file intact). `hosts` lists each show's hosts (kept out of guest lists when
    /// episodes are added later); `sourceDigest` identifies the inputs for `build --if-stale`.
    public static func build(
        episodes catalogueEpisodes: [Episode], hosts: [String: [String]], options: BuildOptions, sourceDigest: String,
        to path: String, progress: ((String) -> Void)? = nil
    ) throws -> BuildReport {
        var clock = PhaseClock()
        let episodes = try rowOrder(catalogueEpisodes)

        let (fit, svd) = try fit(episodes.map(\.indexedText), options: options, clock: &clock, progress: progress)

        // Episode vectors are the fold-in of their own TF-IDF rows, A·V (see PodsimModel.foldIn).
        progress?("projecting \(episodes.count) episodes")
        // Normalised in place: a VectorIndex here would copy the vectors twice (in, and out again).
        var documentVectors = try fit.matrix.floatProduct(rowMajor: svd.v.transposed().storage, width: svd.v.columns)
        documentVectors.withUnsafeMutableBufferPointer { VectorIndex.normalizeRows($0, dimensions: svd.rank) }
        let fitted = FittedModel(
            features: fit.model, singularValues: svd.singularValues, explainedVarianceRatio: svd.explainedVarianceRatio,
            dimensionNote: svd.note, projection: svd.termProjection(), vectors: documentVectors)
        clock.lap("index")
        return try write(fitted, lexical: fit.matrix, episodes: episodes, hosts: hosts, options: options,
                         sourceDigest: sourceDigest, to: path, clock: clock, progress: progress)
    }

    /// The episodes in row order — id order (UTF-8 bytes), so ties in every ranking are broken
    /// by id for free — checked to be non-empty and free of duplicate ids.
    public static func rowOrder(_ catalogueEpisodes: [Episode]) throws -> [Episode] {
        let episodes = catalogueEpisodes.sorted { StringTable.precedes($0.id, $1.id) }
        guard !episodes.isEmpty else { throw PodsimError(.invalidInput, "no episodes to build a model from") }
        for (previous, next) in zip(episodes, episodes.dropFirst()) where previous.id == next.id {
            throw PodsimError(.invalidInput, "episode id '\(next.id)' appears twice")
        }
        return episodes
    }

    /// Writes the model file of a fit made elsewhere (`build --spark`): `episodes` must be in
    /// `rowOrder`, the order of the fit's rows. Same sections, checksums and atomic write as
    /// `build`; the fit's provenance goes into the model's info. `lexical`: the fit's TF-IDF rows
    /// (episodes × terms) for the lexical sections, nil to leave them out.
    public static func assemble(
        _ fitted: FittedModel, lexical: SparseMatrix? = nil, episodes: [Episode], hosts: [String: [String]],
        options: BuildOptions, sourceDigest: String, to path: String, progress: ((String) -> Void)? = nil
    ) throws -> BuildReport {
        try fitted.validate(episodes: episodes.count)
        if let lexical, lexical.rows != episodes.count || lexical.columns != fitted.features.termCount {
            throw PodsimError(.invalidInput, "fitted model: lexical rows are \(lexical.rows)×\(lexical.columns), not \(episodes.count) episodes × \(fitted.features.termCount) terms")
        }
        return try write(fitted, lexical: lexical, episodes: episodes, hosts: hosts, options: options,
                         sourceDigest: sourceDigest, to: path, clock: PhaseClock(), progress: progress)
    }

    /// `lexical`: the TF-IDF rows for the LX sections (`ScoreFusion`), nil to leave them out.
    private static func write(
        _ fitted: FittedModel, lexical: SparseMatrix?, episodes: [Episode], hosts: [String: [String]], options: BuildOptions,
        sourceDigest: String, to path: String, clock: PhaseClock, progress: ((String) -> Void)?
    ) throws -> BuildReport {
        var clock = clock
        let graph = try linkGraph(fitted, episodes: episodes.count, options: options, progress: progress)
        if graph != nil { clock.lap("graph index") }
        let contents = ModelContents(
            episodes: episodes, vectors: fitted.vectors, features: fitted.features,
            projection: fitted.projection, graph: graph, lexical: lexical,
            info: info(of: fitted, hosts: hosts, options: options, sourceDigest: sourceDigest))
        progress?("writing \(path)")
        let (info, removed) = try contents.write(to: path)
        clock.lap("write")
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return BuildReport(info: info, phases: clock.phases, fileBytes: bytes, removedStale: removed)
    }
}

extension ModelBuilder {
    /// TF-IDF and the truncated SVD of `texts` (in row order), timed as two phases: what
    /// `build` fits on a whole catalogue and `StreamingModelBuilder` on its sample.
    static func fit(
        _ texts: [String], options: BuildOptions, clock: inout PhaseClock, progress: ((String) -> Void)?
    ) throws -> (fit: TFIDFFit, svd: TruncatedSVD) {
        let fit: TFIDFFit
        do {
            fit = try TFIDFVectorizer(configuration: options.analyzer).fit(texts, progress: progress)
        } catch let error as TextError {
            throw PodsimError(.invalidInput, error.message)
        }
        clock.lap("analyse + TF-IDF")
        do {
            let svd = try RandomizedSVD(
                rank: options.dimensions, oversampling: options.oversampling,
                powerIterations: options.powerIterations, seed: options.seed
            ).decompose(fit.matrix, progress: progress)
            clock.lap("SVD")
            return (fit, svd)
        } catch let error as LinearAlgebraError {
            throw PodsimError(.linearAlgebra, "SVD of the \(fit.matrix.rows)×\(fit.matrix.columns) TF-IDF matrix failed: \(error.message)")
        }
    }

    /// The graph index over `fitted`'s vectors when `options.buildsGraph` says so (its size
    /// threshold or `--index hnsw`), nil otherwise. Linked at write time, so a fit made
    /// elsewhere (`build --spark`) and a streaming build get one too.
    static func linkGraph(
        _ fitted: FittedModel, episodes: Int, options: BuildOptions, progress: ((String) -> Void)?
    ) throws -> [UInt8]? {
        guard options.buildsGraph(episodes: episodes) else { return nil }
        return try fitted.vectors.withUnsafeBufferPointer { vectors in
            progress?("linking the graph index (HNSW, \(ProcessInfo.processInfo.activeProcessorCount) threads)")
            return try GraphIndex.build(
                vectors: vectors, dimensions: fitted.dimensions, parameters: options.graphParameters, progress: progress)
        }
    }

    /// META for a model of `fitted`, before `ModelContents.write` fills in the model id and counts.
    static func info(of fitted: FittedModel, hosts: [String: [String]], options: BuildOptions, sourceDigest: String)
        -> ModelInfo
    {
        ModelInfo(
            modelID: "", podsimVersion: PodsimVersion.current, pipelineVersion: PodsimVersion.pipeline,
            sourceDigest: sourceDigest, seed: options.seed, requestedDimensions: options.dimensions,
            dimensions: fitted.dimensions, dimensionNote: fitted.dimensionNote, oversampling: options.oversampling,
            powerIterations: options.powerIterations, singularValues: fitted.singularValues,
            explainedVarianceRatio: fitted.explainedVarianceRatio, analyzer: fitted.features.configuration,
            documentCount: fitted.features.documentCount, episodes: 0, guests: 0, terms: 0, hosts: hosts,
            fit: fitted.provenance)
    }
}

/// Wall-clock time per phase.
struct PhaseClock {
    private var last = DispatchTime.now()
    private(set) var phases: [(name: String, seconds: Double)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now()
        phases.append((name, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
