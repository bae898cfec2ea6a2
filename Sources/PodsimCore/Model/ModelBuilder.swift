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
        // Row order is id order (UTF-8 bytes): ties in every ranking are broken by id for free.
        let episodes = catalogueEpisodes.sorted { StringTable.precedes($0.id, $1.id) }
        guard !episodes.isEmpty else { throw PodsimError(.invalidInput, "no episodes to build a model from") }
        for (previous, next) in zip(episodes, episodes.dropFirst()) where previous.id == next.id {
            throw PodsimError(.invalidInput, "episode id '\(next.id)' appears twice")
        }

        let fit: TFIDFFit
        do {
            fit = try TFIDFVectorizer(configuration: options.analyzer).fit(episodes.map(\.indexedText), progress: progress)
        } catch let error as TextError {
            throw PodsimError(.invalidInput, error.message)
        }
        clock.lap("analyse + TF-IDF")

        let svd: TruncatedSVD
        do {
            svd = try RandomizedSVD(
                rank: options.dimensions, oversampling: options.oversampling,
                powerIterations: options.powerIterations, seed: options.seed
            ).decompose(fit.matrix, progress: progress)
        } catch let error as LinearAlgebraError {
            throw PodsimError(.linearAlgebra, "SVD of the \(fit.matrix.rows)×\(fit.matrix.columns) TF-IDF matrix failed: \(error.message)")
        }
        clock.lap("SVD")

        // Episode vectors are the fold-in of their own TF-IDF rows, A·V (see PodsimModel.foldIn).
        progress?("projecting \(episodes.count) episodes")
        // Normalised in place: a VectorIndex here would copy the vectors twice (in, and out again).
        var documentVectors = try fit.matrix.product(svd.v).rowMajorFloats()
        documentVectors.withUnsafeMutableBufferPointer { VectorIndex.normalizeRows($0, dimensions: svd.rank) }
        let projection = svd.termProjection()
        clock.lap("index")

        let contents = ModelContents(
            episodes: episodes, vectors: documentVectors, features: fit.model,
            projection: projection, lexical: fit.matrix,
            info: ModelInfo(
                modelID: "", podsimVersion: PodsimVersion.current, pipelineVersion: PodsimVersion.pipeline,
                sourceDigest: sourceDigest, seed: options.seed, requestedDimensions: options.dimensions,
                dimensions: svd.rank, dimensionNote: svd.note, oversampling: options.oversampling,
                powerIterations: options.powerIterations, singularValues: svd.singularValues,
                explainedVarianceRatio: svd.explainedVarianceRatio, analyzer: fit.model.configuration,
                documentCount: fit.model.documentCount, episodes: 0, guests: 0, terms: 0, hosts: hosts))
        progress?("writing \(path)")
        let (info, removed) = try contents.write(to: path)
        clock.lap("write")
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return BuildReport(info: info, phases: clock.phases, fileBytes: bytes, removedStale: removed)
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
