import CPodsimKernels
import PodsimLinearAlgebra

/// Every episode's TF-IDF row — sparse, unit length, the vector the SVD was fitted on — kept in
/// the model so a candidate's lexical score (`ScoreFusion`) is one sparse dot product, without
/// re-analysing its text.
///
/// Layout (sections `LXOF`, `LXTM`, `LXWT`, CSR): row `r`'s terms are `terms[offsets[r] ..<
/// offsets[r + 1]]`, strictly increasing, with the matching `weights`. Size: 8 bytes per
/// non-zero plus 8 per episode. A model written before these sections has none: it is read as
/// before and ranked by the latent score alone.
public struct LexicalRows: Sendable {
    let offsets: MappedArray<UInt64>
    let terms: MappedArray<UInt32>
    let weights: MappedArray<Float>
    /// A power of two minus one, at least the vocabulary's largest term id: the dense path
    /// (`scores`) indexes its scratch with `term & scatterMask`, so a term id past the vocabulary
    /// in a damaged file lands inside the scratch, never outside it.
    let scatterMask: UInt32

    public var rows: Int { offsets.count - 1 }

    /// Reads the sections, or nil when the model has none of them. `rows` is the episode count,
    /// `vocabulary` the number of terms; offsets that do not fit the rows or the arrays are
    /// refused with the section named.
    init?(reader: ModelFileReader, rows: Int, vocabulary: Int) throws {
        scatterMask = UInt32(truncatingIfNeeded: (1 << (Int.bitWidth - (max(1, vocabulary) - 1).leadingZeroBitCount)) - 1)
        let tags = [ModelSections.lexicalOffsets, ModelSections.lexicalTerms, ModelSections.lexicalWeights]
        let present = tags.filter(reader.hasSection)
        if present.isEmpty { return nil }
        func fail(_ what: String) -> PodsimError { PodsimError(.modelFile, "\(reader.path): \(what)") }
        guard present.count == tags.count else {
            throw fail("the lexical rows need sections LXOF, LXTM and LXWT; the file has only \(present.map(\.description))")
        }
        offsets = try reader.mappedArray(ModelSections.lexicalOffsets)
        terms = try reader.mappedArray(ModelSections.lexicalTerms)
        weights = try reader.mappedArray(ModelSections.lexicalWeights)
        guard offsets.count == rows + 1 else {
            throw fail("LXOF holds \(offsets.count) offsets; \(rows) episodes need \(rows + 1)")
        }
        guard terms.count == weights.count else {
            throw fail("LXTM holds \(terms.count) terms but LXWT \(weights.count) weights")
        }
        let consistent = offsets.withUnsafeBufferPointer { o in
            o[0] == 0 && o[rows] == UInt64(terms.count) && (0..<rows).allSatisfy { o[$0] <= o[$0 + 1] }
        }
        guard consistent else { throw fail("LXOF is not a non-decreasing run of offsets from 0 to \(terms.count)") }
    }

    /// The lexical score of `row`: the dot product of its TF-IDF row with `query`'s, which is
    /// their cosine (both are unit length), summed in `LexicalSum`'s order on every path. A merge
    /// of two sorted term lists; for a short query (a topic, a title) the row's terms are first
    /// tested against the query's bit mask.
    ///
    /// Why the mask: a topic has a handful of terms and a row a hundred or more, so a plain merge
    /// takes a hard-to-predict branch per row term (GUESTS at 1M spent as long merging its
    /// evidence rows as in the int8 scan). The mask rejects almost every row term with one
    /// well-predicted test. Matches are added in the same order, so the sum is the same bits.
    func score(_ row: Int, _ query: LexicalQuery) -> Float {
        query.terms.count <= LexicalQuery.maskedUpTo ? maskedScore(row, query) : mergedScore(row, query)
    }

    /// `score` of each of `rows`, in order, bit for bit. Rows come in random order (a guest's
    /// episodes, a fusion pool), so each row's place is a cache miss and its terms several more;
    /// the loop prefetches the offsets `prefetchDistance` × 2 rows ahead and the terms of the row
    /// `prefetchDistance` ahead, so the misses overlap instead of following one another.
    ///
    /// A long query (an episode's own row, for SIMILAR) is scattered into this thread's dense
    /// scratch (`DenseScratch`) and each row term looks its weight up there, without a branch:
    /// the merge's branch per term goes the other way at random, and SIMILAR on the seed model
    /// spent a third of the server's time in it. Row terms that are not in the query add
    /// w × 0 = ±0, which leaves a sum unchanged, and matches are added to the same lanes in the
    /// same order: the merge's bits.
    func scores(_ rows: [Int], _ query: LexicalQuery) -> [Float] {
        guard query.terms.count > LexicalQuery.maskedUpTo else { return prefetching(rows) { maskedScore($0, query) } }
        let mask = scatterMask
        return DenseScratch.withZeros(count: Int(mask) + 1) { dense in
            for (term, weight) in zip(query.terms, query.weights) { dense[Int(term & mask)] = weight }
            defer { for term in query.terms { dense[Int(term & mask)] = 0 } }
            return terms.withUnsafeBufferPointer { t in
                weights.withUnsafeBufferPointer { w in
                    offsets.withUnsafeBufferPointer { o in
                        prefetching(rows) { row in
                            let end = Int(o[row + 1])
                            var lanes = SIMD8<Float>()
                            var i = Int(o[row])
                            // Eight products at a time into the eight lanes: independent sums,
                            // not one chain of dependent adds (`LexicalSum`).
                            while i + 8 <= end {
                                lanes += SIMD8(
                                    w[i] * dense[Int(t[i] & mask)], w[i + 1] * dense[Int(t[i + 1] & mask)],
                                    w[i + 2] * dense[Int(t[i + 2] & mask)], w[i + 3] * dense[Int(t[i + 3] & mask)],
                                    w[i + 4] * dense[Int(t[i + 4] & mask)], w[i + 5] * dense[Int(t[i + 5] & mask)],
                                    w[i + 6] * dense[Int(t[i + 6] & mask)], w[i + 7] * dense[Int(t[i + 7] & mask)])
                                i += 8
                            }
                            var lane = 0
                            while i < end {
                                lanes[lane] += w[i] * dense[Int(t[i] & mask)]
                                i += 1
                                lane += 1
                            }
                            return LexicalSum.total(lanes)
                        }
                    }
                }
            }
        }
    }

    /// `score(row)` of each of `rows`, in order, with their offsets and terms prefetched ahead.
    private func prefetching(_ rows: [Int], _ score: (Int) -> Float) -> [Float] {
        let ahead = Self.prefetchDistance
        return offsets.withUnsafeBufferPointer { o in
            terms.withUnsafeBufferPointer { t in
                rows.indices.map { i in
                    if i + 2 * ahead < rows.count { podsim_prefetch(o.baseAddress! + rows[i + 2 * ahead]) }
                    if i + ahead < rows.count {
                        let next = rows[i + ahead]
                        var line = Int(o[next])
                        let end = Int(o[next + 1])
                        while line < end {
                            podsim_prefetch(t.baseAddress! + line)
                            line += 16  // UInt32 terms per 64-byte line
                        }
                    }
                    return score(rows[i])
                }
            }
        }
    }

    /// Rows between a row's terms being prefetched and scored. Default 8: enough misses in flight
    /// to cover memory latency with ~150 terms a row, few enough to stay in L1.
    static let prefetchDistance = 8

    func maskedScore(_ row: Int, _ query: LexicalQuery) -> Float {
        offsets.withUnsafeBufferPointer { o in
            terms.withUnsafeBufferPointer { t in
                weights.withUnsafeBufferPointer { w in
                    // A query past `maskedUpTo` terms keeps no mask and `score`/`scores` never
                    // send it here; a direct caller (the tests comparing paths) gets one made.
                    (query.mask.isEmpty ? LexicalQuery.mask(query.terms) : query.mask).withUnsafeBufferPointer { mask in
                        let start = Int(o[row])
                        let end = Int(o[row + 1])
                        let count = query.terms.count
                        var j = 0
                        var lanes = SIMD8<Float>()
                        for i in start..<end {
                            let a = t[i]
                            guard mask[Int((a >> 6) & LexicalQuery.maskWordMask)] & (1 << (a & 63)) != 0 else { continue }
                            while j < count && query.terms[j] < a { j += 1 }
                            if j == count { break }
                            if query.terms[j] == a {
                                lanes[(i - start) & 7] += w[i] * query.weights[j]
                                j += 1
                            }
                        }
                        return LexicalSum.total(lanes)
                    }
                }
            }
        }
    }

    func mergedScore(_ row: Int, _ query: LexicalQuery) -> Float {
        offsets.withUnsafeBufferPointer { o in
            terms.withUnsafeBufferPointer { t in
                weights.withUnsafeBufferPointer { w in
                    let start = Int(o[row])
                    var i = start
                    let end = Int(o[row + 1])
                    var j = 0
                    var lanes = SIMD8<Float>()
                    while i < end && j < query.terms.count {
                        let a = t[i]
                        let b = query.terms[j]
                        if a == b {
                            lanes[(i - start) & 7] += w[i] * query.weights[j]
                            i += 1
                            j += 1
                        } else if a < b {
                            i += 1
                        } else {
                            j += 1
                        }
                    }
                    return LexicalSum.total(lanes)
                }
            }
        }
    }

    /// Row `row` as a query (the episode's own TF-IDF row).
    func query(row: Int) -> LexicalQuery {
        let start = Int(offsets[row])
        let end = Int(offsets[row + 1])
        // Copied through the buffers (a memcpy each): a slice of a `MappedArray` is copied an
        // element at a time, each checked, and with character grams a row has over a thousand.
        let rowTerms = terms.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        let rowWeights = weights.withUnsafeBufferPointer { Array(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        return LexicalQuery(terms: rowTerms, weights: rowWeights, sourceRow: row)
    }

    /// Row `row` as a query, or nil when the row has no term (it scores nothing).
    func nonEmptyQuery(row: Int) -> LexicalQuery? {
        offsets[row] == offsets[row + 1] ? nil : query(row: row)
    }

    /// Writes `matrix` (one row per episode, in row order; columns are term ids) as the three
    /// sections.
    static func write(_ matrix: SparseMatrix, to writer: inout ModelFileWriter) throws {
        try writer.addArray(ModelSections.lexicalOffsets, matrix.rowStart.map { UInt64($0) })
        try writer.addArray(ModelSections.lexicalTerms, matrix.columnIndices.map { UInt32(bitPattern: $0) })
        try writer.addArray(ModelSections.lexicalWeights, matrix.values)
    }
}

/// A query's TF-IDF vector, sparse: term ids strictly increasing, unit length.
public struct LexicalQuery: Sendable, Equatable {
    let terms: [UInt32]
    let weights: [Float]
    /// Bit `term mod 4096` set for each term: a filter with no false negatives. Empty for a
    /// query longer than `maskedUpTo`, which is scored without it (`LexicalRows.scores`).
    let mask: [UInt64]
    /// The episode whose stored row this is (SIMILAR's query), so a small catalogue's scores
    /// against it can be kept (`LexicalPairs`); nil for text. Not part of the query's value:
    /// equal terms and weights are equal queries, wherever they came from.
    let sourceRow: Int?

    /// Queries of at most this many terms are scored through the mask. Default 64: 64 of 4,096
    /// bits set lets ~1.6 % of a row's terms through; longer queries (an episode's own row) merge.
    static let maskedUpTo = 64
    static let maskWords = 64
    static let maskWordMask: UInt32 = 63

    /// From (term, weight) pairs in any order, as `TFIDFModel.transform` returns them; nil when
    /// empty (no word of the query is in the vocabulary).
    init?(_ pairs: [(term: Int32, weight: Float)]) {
        guard !pairs.isEmpty else { return nil }
        let sorted = pairs.sorted { $0.term < $1.term }
        terms = sorted.map { UInt32(bitPattern: $0.term) }
        weights = sorted.map(\.weight)
        mask = Self.keptMask(terms)
        sourceRow = nil
    }

    init(terms: [UInt32], weights: [Float], sourceRow: Int? = nil) {
        self.terms = terms
        self.weights = weights
        self.sourceRow = sourceRow
        mask = Self.keptMask(terms)
    }

    public static func == (a: LexicalQuery, b: LexicalQuery) -> Bool {
        a.terms == b.terms && a.weights == b.weights
    }

    /// The mask a query of `terms` keeps: none past `maskedUpTo` terms (SIMILAR's own-row
    /// query, over a thousand terms with character grams, would build it for nothing).
    private static func keptMask(_ terms: [UInt32]) -> [UInt64] {
        terms.count <= maskedUpTo ? mask(terms) : []
    }

    static func mask(_ terms: [UInt32]) -> [UInt64] {
        var mask = [UInt64](repeating: 0, count: maskWords)
        for term in terms { mask[Int((term >> 6) & maskWordMask)] |= 1 << (term & 63) }
        return mask
    }
}
