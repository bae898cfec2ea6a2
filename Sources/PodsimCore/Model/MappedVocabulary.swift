import PodsimText

/// A model file's vocabulary, read in place: terms are found by binary search over the file's
/// sorted term table (`TERM`, UTF-8 byte order), so opening a model decodes no term — with 2M
/// terms, building a `String` dictionary instead took most of a second.
struct MappedVocabulary: TermVocabulary {
    let terms: StringTable
    let displayForms: StringTable

    /// Checks the table's order once, on raw bytes (cheap next to decoding).
    init(terms: StringTable, displayForms: StringTable, path: String) throws {
        func fail(_ what: String) -> PodsimError { PodsimError(.modelFile, "\(path): \(what)") }
        guard displayForms.count == terms.count else {
            throw fail("TDSP has \(displayForms.count) entries for \(terms.count) terms")
        }
        if let id = try terms.firstUnsortedIndex() { throw fail("terms are not strictly sorted at term \(id)") }
        // Sorted and distinct, so only the first term can be empty.
        if terms.count > 0, try terms.utf8(at: 0).isEmpty { throw fail("term 0 is empty") }
        self.terms = terms
        self.displayForms = displayForms
    }

    var count: Int { terms.count }

    func id(of term: String) -> Int32? { terms.index(of: term).map(Int32.init) }

    // The file's checksums and the order check above vouch for the tables; a read that still
    // fails gives an empty string rather than a trap.
    func term(_ id: Int) -> String { (try? terms.string(at: id)) ?? "" }
    func displayForm(_ id: Int) -> String { (try? displayForms.string(at: id)) ?? "" }
}
