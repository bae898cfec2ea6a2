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
        var previous: UnsafeRawBufferPointer?
        for id in 0..<terms.count {
            let term = try terms.utf8(at: id)
            guard !term.isEmpty else { throw fail("term \(id) is empty") }
            if let previous, EpisodeTable.compare(previous, term) >= 0 {
                throw fail("terms are not strictly sorted at term \(id)")
            }
            previous = term
        }
        self.terms = terms
        self.displayForms = displayForms
    }

    var count: Int { terms.count }

    func id(of term: String) -> Int32? {
        var term = term
        return term.withUTF8 { wanted in
            var low = 0
            var high = terms.count
            while low < high {
                let mid = (low + high) / 2
                guard let candidate = try? terms.utf8(at: mid) else { return nil }
                let order = EpisodeTable.compare(candidate, UnsafeRawBufferPointer(wanted))
                if order == 0 { return Int32(mid) }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return nil
        }
    }

    // The file's checksums and the order check above vouch for the tables; a read that still
    // fails gives an empty string rather than a trap.
    func term(_ id: Int) -> String { (try? terms.string(at: id)) ?? "" }
    func displayForm(_ id: Int) -> String { (try? displayForms.string(at: id)) ?? "" }
}
