/// The analysis of one contiguous run of documents, done on one thread with chunk-local ids, so
/// that chunks can run in parallel and be merged afterwards without sharing any dictionary.
struct CorpusChunk: Sendable {
    /// Chunk-local terms with their document frequencies within the chunk.
    var terms = TermTable()
    /// Kept surface words, how often each occurred, and its local stem id.
    var surfaces: [String] = []
    var surfaceCount: [Int] = []
    var surfaceStem: [Int32] = []
    /// Per-document (local term, count) lists, CSR-style: document d owns
    /// `rowTerm[rowStart[d]..<rowStart[d+1]]`, unsorted.
    var rowStart: [Int] = [0]
    var rowTerm: [Int32] = []
    var rowCount: [Int32] = []

    /// An empty chunk, for `ChunkBuilder` to fill.
    init() {}

    /// Analyses `documents[range]` with `analyzer`.
    init(documents: [String], range: Range<Int>, analyzer: Analyzer) {
        var builder = ChunkBuilder()
        analyzer.withTermLookup { lookup in
            for index in range {
                builder.add(documents[index], analyzer: analyzer, lookup: lookup)
            }
        }
        self = builder.chunk
    }
}

/// Mutable state while filling a `CorpusChunk`: the surface lookup and the per-document count
/// scratch, dropped once the chunk is done.
private struct ChunkBuilder {
    var chunk = CorpusChunk()
    /// Surface word → index into `chunk.surfaces`, or -1 for a dropped word.
    var surfaceIndex: [String: Int32] = [:]
    /// Per-term counts of the current document (indexed by local term id), and the terms the
    /// document touched, so resetting costs the document's length, not the vocabulary's.
    var scratch: [Int32] = []
    var touched: [Int32] = []
    /// Local stem id → its character grams' local term ids, made on the stem's first occurrence
    /// (a corpus repeats a few thousand stems millions of times); empty without grams.
    var gramTerms: [[Int32]?] = []

    mutating func add(_ text: String, analyzer: Analyzer, lookup: TermLookup) {
        var previousStem: Int32 = -1
        let grams = analyzer.configuration.characterGrams
        analyzer.walk(text, lookup: { self.stemID(surface: $0, lookup: lookup) }) {
            _, stem, _, kind, continuesPhrase in
            count(chunk.terms.unigram(stem))
            if let grams {
                for term in gramTerms(of: stem, grams) { count(term) }
            }
            if continuesPhrase { count(chunk.terms.bigram(previousStem, stem)) }
            if kind != .compound { previousStem = stem }
        }
        for term in touched {
            chunk.rowTerm.append(term)
            chunk.rowCount.append(scratch[Int(term)])
            chunk.terms.documentFrequency[Int(term)] += 1
            scratch[Int(term)] = 0
        }
        touched.removeAll(keepingCapacity: true)
        chunk.rowStart.append(chunk.rowTerm.count)
    }

    /// The local stem id of a folded word (counting the occurrence), or nil if it is dropped.
    private mutating func stemID(surface: String, lookup: TermLookup) -> Int32? {
        if let index = surfaceIndex[surface] {
            guard index >= 0 else { return nil }
            chunk.surfaceCount[Int(index)] += 1
            return chunk.surfaceStem[Int(index)]
        }
        guard let stem = lookup.term(for: surface) else {
            surfaceIndex[surface] = -1
            return nil
        }
        surfaceIndex[surface] = Int32(chunk.surfaces.count)
        chunk.surfaces.append(surface)
        chunk.surfaceCount.append(1)
        let id = chunk.terms.internStem(stem)
        chunk.surfaceStem.append(id)
        return id
    }

    /// The local term ids of `stem`'s character grams, interned as stems of their own (a gram
    /// term `#<post` is a unigram whose "stem" is the gram, so merging chunks needs nothing new).
    private mutating func gramTerms(of stem: Int32, _ grams: CharacterGrams) -> [Int32] {
        if Int(stem) < gramTerms.count, let known = gramTerms[Int(stem)] { return known }
        let text = chunk.terms.stems[Int(stem)]
        let terms = grams.grams(of: text).map { chunk.terms.unigram(chunk.terms.internStem($0)) }
        while gramTerms.count <= Int(stem) { gramTerms.append(nil) }
        gramTerms[Int(stem)] = terms
        return terms
    }

    private mutating func count(_ term: Int32) {
        while scratch.count <= Int(term) { scratch.append(0) }
        if scratch[Int(term)] == 0 { touched.append(term) }
        scratch[Int(term)] += 1
    }
}
