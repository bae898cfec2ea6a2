/// Corpus-wide term counts, merged chunk by chunk on the fitting thread: chunk-local stem ids
/// become global ones by string, chunk-local terms global ones by (global stem, global stem).
struct CorpusAccumulator {
    private(set) var terms = TermTable()
    /// Surface word → (global stem id, occurrences), for display forms.
    private var surfaceStats: [String: (stem: Int32, count: Int)] = [:]
    /// Per-document (global term, count) lists, CSR-style, unsorted within a document.
    private(set) var rowStart: [Int] = [0]
    private(set) var rowTerm: [Int32] = []
    private(set) var rowCount: [Int32] = []

    var documentCount: Int { rowStart.count - 1 }

    /// Folds a chunk's local ids into global ones and appends its documents.
    mutating func absorb(_ chunk: CorpusChunk) {
        let stemMap = chunk.terms.stems.map { terms.internStem($0) }
        var termMap = [Int32](repeating: -1, count: chunk.terms.termCount)
        for local in termMap.indices {
            let first = stemMap[Int(chunk.terms.termFirst[local])]
            let second = chunk.terms.termSecond[local]
            let global = second < 0 ? terms.unigram(first) : terms.bigram(first, stemMap[Int(second)])
            termMap[local] = global
            terms.documentFrequency[Int(global)] += chunk.terms.documentFrequency[local]
        }
        for (index, surface) in chunk.surfaces.enumerated() {
            let stem = stemMap[Int(chunk.surfaceStem[index])]
            surfaceStats[surface, default: (stem, 0)].count += chunk.surfaceCount[index]
        }
        let offset = rowTerm.count
        rowTerm.append(contentsOf: chunk.rowTerm.lazy.map { termMap[Int($0)] })
        rowCount.append(contentsOf: chunk.rowCount)
        rowStart.append(contentsOf: chunk.rowStart.dropFirst().lazy.map { $0 + offset })
    }

    /// Display form of each of `selected` terms: per stem the most frequent surface word (ties:
    /// the smallest in UTF-8 order, so the choice is deterministic); a bigram shows its two words.
    func displayForms(of selected: [Int]) -> [String] {
        var best = [(surface: String, count: Int)?](repeating: nil, count: terms.stems.count)
        for (surface, stat) in surfaceStats {
            if let current = best[Int(stat.stem)],
                current.count > stat.count
                    || (current.count == stat.count && !surface.utf8.lexicographicallyPrecedes(current.surface.utf8))
            {
                continue
            }
            best[Int(stat.stem)] = (surface, stat.count)
        }
        func word(_ stem: Int32) -> String { best[Int(stem)]?.surface ?? terms.stems[Int(stem)] }
        return selected.map { term in
            let second = terms.termSecond[term]
            let first = word(terms.termFirst[term])
            return second < 0 ? first : first + " " + word(second)
        }
    }
}
