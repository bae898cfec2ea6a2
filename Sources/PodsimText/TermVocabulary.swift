/// A fitted vocabulary: term ids ↔ analysed terms (`"workflow"`, `"featur flag"`), and each term's
/// readable form. Ids are indices in the UTF-8 byte order of the terms.
///
/// A fit produces an `InMemoryVocabulary`. A model file provides its own implementation that
/// searches the file's sorted term table in place, so opening a model with millions of terms
/// decodes none of them (PodsimCore's `MappedVocabulary`).
public protocol TermVocabulary: Sendable {
    /// Number of terms.
    var count: Int { get }
    /// The id of an analysed term, or nil when it is not in the vocabulary.
    func id(of term: String) -> Int32?
    /// The analysed term with id `id`.
    func term(_ id: Int) -> String
    /// The readable form of term `id`: its most frequent surface word, two words for a bigram.
    func displayForm(_ id: Int) -> String
}

/// A vocabulary held in Swift arrays, with a dictionary for lookups.
public struct InMemoryVocabulary: TermVocabulary {
    public let terms: [String]
    public let displayForms: [String]
    private let ids: [String: Int32]

    /// Checks that the terms are non-empty and strictly increasing in UTF-8 byte order, with one
    /// display form each. Throws `TextError(.inconsistentModel)` naming the first problem.
    public init(terms: [String], displayForms: [String]) throws {
        func fail(_ message: String) -> TextError { TextError(.inconsistentModel, "TF-IDF model: " + message) }
        guard displayForms.count == terms.count else {
            throw fail("\(terms.count) terms but \(displayForms.count) displayForms entries")
        }
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(terms.count)
        for (id, term) in terms.enumerated() {
            guard !term.isEmpty else { throw fail("term \(id) is empty") }
            if id > 0 && !VocabularySelection.precedes(terms[id - 1], term) {
                throw fail("term \(id) '\(term)' does not follow '\(terms[id - 1])' in UTF-8 order")
            }
            ids[term] = Int32(id)
        }
        self.terms = terms
        self.displayForms = displayForms
        self.ids = ids
    }

    public var count: Int { terms.count }
    public func id(of term: String) -> Int32? { ids[term] }
    public func term(_ id: Int) -> String { terms[id] }
    public func displayForm(_ id: Int) -> String { displayForms[id] }
}
