import PodsimEpisodes
import Foundation
import PodsimText

/// A loaded model: everything needed to answer queries, used in place from the model file's
/// private in-memory copy (see `docs/MODEL-FORMAT.md`, `ModelFileReader`). Immutable, so one instance serves any number of threads;
/// a reload builds a new instance and swaps it.
public final class PodsimModel: Sendable {
    /// The file this model was loaded from.
    public let path: String
    /// That file as it was read; a different `FileIdentity(path:)` means it has changed since.
    public let fileIdentity: FileIdentity
    public let info: ModelInfo
    /// Vocabulary, idf and analyzer: turns query text into a TF-IDF vector.
    public let features: TFIDFModel
    /// Term → latent projection V, `terms × dimensions`, row-major.
    public let projection: MappedArray<Float>
    /// L2-normalised episode vectors, one row per episode, rows in id order.
    public let index: VectorIndex
    /// The HNSW graph over `index`, when the file has one (`GraphSection`); queries use it.
    public let graph: GraphIndex?
    public let episodes: EpisodeTable
    public let guests: GuestTable
    /// Each episode's TF-IDF row, for the lexical half of `ScoreFusion`; nil in a model written
    /// before the LX sections existed.
    public let lexical: LexicalRows?
    /// What guest queries need that no query changes (show → guests), derived from the tables
    /// above when the model is made, so every new model — reload, ADD — has its own.
    public let guestIndex: GuestIndex

    public var dimensions: Int { info.dimensions }

    /// Reads and verifies `path`. Every failure — missing, truncated, corrupt, of a newer
    /// format, or internally inconsistent — is a `PodsimError` whose message names the file.
    /// `storage`: where the file's bytes live (`ModelFileReader.Storage`); the server serves the
    /// leased mapping, which is ready sooner.
    public init(contentsOf path: String, verifyChecksums: Bool = true, storage: ModelFileReader.Storage = .privateCopy) throws {
        let reader = try ModelFileReader(path: path, verifyChecksums: verifyChecksums, storage: storage)
        func fail(_ what: String) -> PodsimError { PodsimError(.modelFile, "\(path): \(what)") }
        let info: ModelInfo
        do {
            info = try JSONDecoder().decode(ModelInfo.self, from: Data(reader.text(ModelSections.info).utf8))
        } catch let error as PodsimError {
            throw error
        } catch {
            throw fail("the META section is not valid model information (\(error))")
        }
        do {
            features = try TFIDFModel(
                configuration: info.analyzer,
                vocabulary: MappedVocabulary(
                    terms: try reader.stringTable(ModelSections.terms),
                    displayForms: try reader.stringTable(ModelSections.displayForms), path: path),
                idf: try reader.mappedArray(ModelSections.idf).withUnsafeBufferPointer { Array($0) },
                documentFrequency: try reader.mappedArray(ModelSections.documentFrequency).withUnsafeBufferPointer { Array($0) },
                documentCount: info.documentCount)
        } catch let error as TextError {
            throw fail(error.message)
        }
        let dimensions = info.dimensions
        guard dimensions > 0 else { throw fail("the model has \(dimensions) dimensions") }
        projection = try reader.mappedArray(ModelSections.projection)
        guard projection.count == features.termCount * dimensions else {
            throw fail("PROJ holds \(projection.count) floats; \(features.termCount) terms × \(dimensions) dimensions need \(features.termCount * dimensions)")
        }
        let vectors: MappedArray<Float> = try reader.mappedArray(ModelSections.vectors)
        guard vectors.count == info.episodes * dimensions else {
            throw fail("VECS holds \(vectors.count) floats; \(info.episodes) episodes × \(dimensions) dimensions need \(info.episodes * dimensions)")
        }
        guests = try GuestTable(reader: reader, episodeCount: info.episodes)
        episodes = try EpisodeTable(reader: reader, guestCount: guests.count)
        guard episodes.count == info.episodes, guests.count == info.guests else {
            throw fail("META says \(info.episodes) episodes and \(info.guests) guests; the tables hold \(episodes.count) and \(guests.count)")
        }
        let index = VectorIndex(mapped: vectors, dimensions: dimensions)
        self.index = index
        lexical = try LexicalRows(reader: reader, rows: info.episodes, vocabulary: features.termCount)
        // The graph (hnswlib reads its lists into memory of its own) and the guest index need
        // nothing of each other: at 1M episodes each is a few tens of ms of a server's start, so
        // the graph is read on another core meanwhile.
        let graphSection = reader.hasSection(GraphSection.tag) ? try reader.section(GraphSection.tag) : nil
        let (guests, episodes) = (guests, episodes)
        (graph, guestIndex) = try Concurrently.run({
            try graphSection.map { section in
                try GraphIndex(section: section, owner: reader, over: index, origin: "\(path): section \(GraphSection.tag)")
            }
        }, {
            GuestIndex(guests: guests, episodes: episodes)
        })
        self.path = path
        self.info = info
        fileIdentity = reader.fileIdentity
    }

    /// The unit-length latent vector of free text `text` (fold-in, without character grams:
    /// `TFIDFModel.queryTransform`), or nil when no word of it is in the vocabulary.
    ///
    /// Scaling: a document's TF-IDF row `a` is projected as `a·V` — no `Σ⁻¹`. Episode vectors are
    /// the same projection of their own rows (`A·V`, which equals `U·Σ`), so an episode's text
    /// folded in lands exactly on its stored vector, and every dimension keeps the weight of its
    /// singular value. The textbook LSI fold-in `a·V·Σ⁻¹` would instead give the weak, noisy
    /// trailing dimensions as much say in a cosine as the leading ones.
    public func foldIn(_ text: String) -> [Float]? {
        foldIn(features.queryTransform(text))
    }

    /// Projects a TF-IDF vector (term id, weight) into the latent space, normalised.
    func foldIn(_ weights: [(term: Int32, weight: Float)]) -> [Float]? {
        guard !weights.isEmpty else { return nil }
        let d = dimensions
        var latent = [Float](repeating: 0, count: d)
        projection.withUnsafeBufferPointer { v in
            for (term, weight) in weights {
                let base = Int(term) * d
                for j in 0..<d { latent[j] += weight * v[base + j] }
            }
        }
        let norm = latent.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return nil }
        return latent.map { $0 / norm }
    }

    /// The display name of guest `index`.


    /// Episode `row` with guest names resolved.
    public func episode(at row: Int) -> Episode {
        episodes.episode(row) { self.guests.names[$0] }
    }
}
