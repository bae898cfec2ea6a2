import FuzzSupport
import PodsimCore

/// What the model-file targets do with each input: open it the ways podsim does and, when
/// that succeeds, use everything that was opened. Errors are the expected outcome for almost
/// every input; the properties are that nothing traps or reads out of bounds (ASan), and that
/// a file the loader accepts can be queried without trapping.
public struct ModelLoadCheck {
    /// `k` for the exercising queries: enough to rank past the first hit.
    static let k = 5

    let path: String

    public init(path: String) {
        self.path = path
    }

    /// Opens the file as a container (every section viewed every way) and as a model.
    public func run() {
        if let reader = try? ModelFileReader(path: path) {
            exerciseSections(of: reader)
        }
        if let model = try? PodsimModel(contentsOf: path) {
            exercise(model)
        }
    }

    /// Each section through each typed view: a view must refuse a section it does not fit with
    /// an error, never trap.
    private func exerciseSections(of reader: ModelFileReader) {
        for section in reader.sections {
            let tag = section.tag
            _ = try? reader.text(tag)
            _ = try? reader.floats(tag).reduce(0, +)
            _ = try? reader.doubles(tag).reduce(0, +)
            _ = try? reader.uint32s(tag).reduce(0, &+)
            _ = try? reader.uint64s(tag).reduce(0, &+)
            if let table = try? reader.stringTable(tag) {
                try? table.validateAll()
                for index in [-1, 0, table.count - 1, table.count] {
                    _ = try? table.string(at: index)
                }
            }
            var cursor = try? reader.binaryReader(tag)
            _ = try? cursor?.readString()
            _ = try? cursor?.readArray(Float.self, count: 2)
        }
    }

    /// A loaded model must answer: every episode and guest read back, and each kind of query.
    private func exercise(_ model: PodsimModel) {
        for row in 0..<model.episodes.count {
            _ = model.episode(at: row)
        }
        for guest in 0..<model.guests.count {
            _ = model.guests.episodeRows(of: guest)
        }
        let recommender = Recommender(model: model)
        let words = model.features.displayForms.prefix(4).joined(separator: " ")
        _ = try? recommender.search(words, k: Self.k)
        _ = try? recommender.guests(topic: words, k: Self.k)
        _ = recommender.topics(termsPerDimension: 2)
        if model.episodes.count > 0 {
            let first = model.episodes.id(0)
            let last = model.episodes.id(model.episodes.count - 1)
            _ = try? recommender.similar(to: first, k: Self.k)
            _ = try? recommender.similar(to: last, k: Self.k, excludeSameShow: true, diversity: 0.5)
            _ = try? recommender.explain(first, last, k: Self.k)
            _ = try? recommender.episode(first + "x")
        }
        if model.guests.count > 0 {
            let name = model.guests.names[0]
            _ = try? recommender.guestsLike(name, k: Self.k)
            _ = try? recommender.guestProfile(name)
        }
    }
}
