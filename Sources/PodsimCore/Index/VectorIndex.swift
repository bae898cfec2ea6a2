/// Exact nearest-neighbour index over L2-normalised episode vectors, scored by cosine similarity.
///
/// Layout, stated once (as FAISS does): `count` vectors of `dimensions` Floats, row-major and
/// contiguous — component j of vector i is at `vectors[i * dimensions + j]`. Every stored vector has
/// unit length (or is all-zero for an episode with no known terms), so cosine similarity is a dot
/// product. Rows are in ascending episode-id order, which makes "ties broken by id" the same as
/// "ties broken by row".
///
/// A score is `DotProduct`'s canonically ordered sum, whichever path computes it: the plain loop
/// (the reference, used below `SearchOptions.plainBelow` rows), the SIMD scan over interleaved row
/// streams (with the widest `ScanKernel` this CPU runs), the SIMD scan split across threads, and `search(batch:)`'s one pass
/// for several queries all return identical answers (`SearchPathTests`). `QuantizedIndex` is the
/// approximate twin with the same interface.
///
/// The memory is either owned by the index or borrowed from a loaded model file; `owner`
/// keeps whichever it is alive for as long as the index lives.
public final class VectorIndex: @unchecked Sendable {
    // @unchecked: the buffer is never written after init, so concurrent reads are safe.
    public let count: Int
    public let dimensions: Int
    private let vectors: UnsafeBufferPointer<Float>
    private let owner: AnyObject

    /// Copies `vectors` (row-major, `count × dimensions`) and L2-normalises each row.
    public init(normalizing rowMajor: [Float], dimensions: Int) {
        precondition(dimensions > 0, "dimensions must be positive")
        precondition(rowMajor.count % dimensions == 0, "vector data is not a whole number of rows")
        let storage = OwnedFloats(copying: rowMajor)
        storage.normalizeRows(dimensions: dimensions)
        self.count = rowMajor.count / dimensions
        self.dimensions = dimensions
        self.vectors = UnsafeBufferPointer(storage.buffer)
        self.owner = storage
    }

    /// Serves already-normalised vectors in place from a loaded model file's section.
    public init(mapped: MappedArray<Float>, dimensions: Int) {
        precondition(dimensions > 0, "dimensions must be positive")
        precondition(mapped.count % dimensions == 0, "vector data is not a whole number of rows")
        self.count = mapped.count / dimensions
        self.dimensions = dimensions
        // The pointer outlives the closure, which is safe here only because `owner` keeps the
        // MappedArray — and through it the file's bytes — alive for as long as this index exists.
        self.vectors = mapped.withUnsafeBufferPointer { $0 }
        self.owner = MappedOwner(mapped)
    }

    /// A copy of one stored vector.
    public func vector(_ row: Int) -> [Float] {
        precondition(row >= 0 && row < count, "row \(row) out of range")
        return Array(vectors[(row * dimensions)..<((row + 1) * dimensions)])
    }

    /// The raw row-major storage (read-only), e.g. for writing a model file.
    public func withUnsafeVectors<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(vectors) }
    }

    /// The `k` rows most similar to `query` (which should have unit length), best first, ties broken
    /// by row. `isAllowed` filters rows out before they compete (e.g. the episode asked about).
    /// The path is chosen by size (`SearchOptions.exactPath`); every path gives this same answer.
    public func search(
        _ query: [Float], k: Int, where isAllowed: RowFilter? = nil, options: SearchOptions = .standard
    ) -> [ScoredRow] {
        search(query, k: k, where: isAllowed, path: options.exactPath(rows: count), kernel: options.kernel)
    }

    /// `search` along a given exact path with the given kernels (benchmarks and the tests that
    /// compare paths).
    public func search(
        _ query: [Float], k: Int, where isAllowed: RowFilter? = nil, path: ExactPath, kernel: ScanKernel = .best
    ) -> [ScoredRow] {
        checkDimensions(query)
        let k = min(k, count)
        guard k > 0 else { return [] }
        switch path {
        case .plain:
            var selector = TopKSelector(k: k)
            query.withUnsafeBufferPointer { q in
                for row in 0..<count {
                    if let isAllowed, !isAllowed(row) { continue }
                    selector.insert(row: row, score: plainDot(q.baseAddress!, row))
                }
            }
            return selector.sorted()
        case .simd:
            return withKernel(query, kernel) { kernel in
                var selector = TopKSelector(k: k)
                RowScan.scan(kernel, rows: 0..<count, where: isAllowed, into: &selector)
                return selector.sorted()
            }
        case .threads(let threads):
            return withKernel(query, kernel) { kernel in
                let parts = ParallelScan.run(0..<count, parts: threads) { rows in
                    var selector = TopKSelector(k: k)
                    RowScan.scan(kernel, rows: rows, where: isAllowed, into: &selector)
                    return selector
                }
                return parts.dropFirst().reduce(into: parts[0]) { $0.merge($1) }.sorted()
            }
        }
    }

    /// The cosine score of `query` against every row, in row order.
    public func scores(_ query: [Float], kernel: ScanKernel = .best) -> [Float] {
        checkDimensions(query)
        guard count > 0 else { return [] }
        return withKernel(query, kernel) { kernel in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                RowScan.scoreAll(kernel, rows: 0..<count, into: buffer)
                initialized = count
            }
        }
    }

    /// The cosine score between two stored rows.
    public func score(_ a: Int, _ b: Int) -> Float {
        precondition(a >= 0 && a < count && b >= 0 && b < count, "rows \(a), \(b) out of range 0..<\(count)")
        return withExtendedLifetime(owner) { plainDot(vectors.baseAddress! + a * dimensions, b) }
    }

    /// The exact score of `query` with each of `rows` (rescoring after an approximate scan).
    func exactScores(_ query: ScanQuery, rows: [Int], kernel: ScanKernel = .best) -> [Float] {
        guard !rows.isEmpty else { return [] }
        return query.withUnsafeBytes { q in
            withExtendedLifetime(owner) {
                let scoring = FloatRowScoring(query: q, vectors: vectors.baseAddress!, dimensions: dimensions, kernel: kernel)
                return rows.withUnsafeBufferPointer { list in
                    [Float](unsafeUninitializedCapacity: rows.count) { scores, initialized in
                        scoring.score(rows: list.baseAddress!, count: rows.count, into: scores.baseAddress!)
                        initialized = rows.count
                    }
                }
            }
        }
    }

    /// Runs `body` with the Float kernel for `query`; the storage stays alive meanwhile.
    func withKernel<R>(_ query: [Float], _ kernel: ScanKernel, _ body: (FloatRowScoring) -> R) -> R {
        ScanQuery(query).withUnsafeBytes { q in
            withExtendedLifetime(owner) {
                body(FloatRowScoring(query: q, vectors: vectors.baseAddress!, dimensions: dimensions, kernel: kernel))
            }
        }
    }

    // The plain reference loop (`DotProduct.plain`): row `row` against `q`.
    private func plainDot(_ q: UnsafePointer<Float>, _ row: Int) -> Float {
        DotProduct.plain(q, vectors.baseAddress! + row * dimensions, count: dimensions)
    }

    func checkDimensions(_ query: [Float]) {
        precondition(query.count == dimensions, "query has \(query.count) dimensions, index has \(dimensions)")
    }
}

/// Keeps a mapped section alive for a `VectorIndex` that reads it in place.
final class MappedOwner: Sendable {
    let mapped: MappedArray<Float>
    init(_ mapped: MappedArray<Float>) { self.mapped = mapped }
}

extension VectorIndex {
    /// Scales every row of row-major `values` to unit L2 norm, in place; an all-zero row stays
    /// zero (it matches nothing). What `init(normalizing:)` does to its copy.
    public static func normalizeRows(_ values: UnsafeMutableBufferPointer<Float>, dimensions: Int) {
        let rows = values.count / dimensions
        for row in 0..<rows {
            let base = row * dimensions
            var squares: Double = 0
            for j in 0..<dimensions { squares += Double(values[base + j]) * Double(values[base + j]) }
            guard squares > 0 else { continue }
            let scale = Float(1 / squares.squareRoot())
            for j in 0..<dimensions { values[base + j] *= scale }
        }
    }
}

/// Heap storage owned by a `VectorIndex` built in memory.
final class OwnedFloats {
    let buffer: UnsafeMutableBufferPointer<Float>

    init(copying values: [Float]) {
        buffer = .allocate(capacity: values.count)
        _ = buffer.initialize(from: values)
    }

    /// Scales every row to unit L2 norm (see `VectorIndex.normalizeRows`).
    func normalizeRows(dimensions: Int) {
        VectorIndex.normalizeRows(buffer, dimensions: dimensions)
    }

    deinit { buffer.deallocate() }
}
