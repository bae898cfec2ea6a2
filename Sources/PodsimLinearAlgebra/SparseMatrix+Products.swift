import Foundation

/// Sparse × dense products for the randomized SVD: A·M directly, and Aᵀ·M as `transposed()`
/// (built once by the caller) times M — each output row is then owned by exactly one thread, so
/// the parallel version needs no atomics and gives the same bits as the serial one.
extension SparseMatrix {
    /// Work, in multiply-adds (non-zeros × dense columns), at or below which a product runs on
    /// the calling thread: below it, dispatching chunks costs more than it saves. Default 2¹⁸.
    public static let parallelProductThreshold = 1 << 18

    /// Row chunks per available core for a parallel product; more chunks than cores evens out
    /// rows of unequal length (documents of very different sizes). Default 4.
    static let chunksPerCore = 4

    /// The transpose as a new CSR matrix (`columns × rows`), built in O(non-zeros) by a counting
    /// sort on column index. Column indices stay strictly increasing within each row.
    public func transposed() -> SparseMatrix {
        precondition(rows <= Int(Int32.max), "row count exceeds Int32 column indices")
        var start = [Int](repeating: 0, count: columns + 1)
        for column in columnIndices { start[Int(column) + 1] += 1 }
        for j in 0..<columns { start[j + 1] += start[j] }
        var next = start  // next free slot in each row of the transpose
        var transposedColumns = [Int32](repeating: 0, count: nonZeroCount)
        var transposedValues = [Float](repeating: 0, count: nonZeroCount)
        for i in 0..<rows {
            for p in rowStart[i]..<rowStart[i + 1] {
                let j = Int(columnIndices[p])
                transposedColumns[next[j]] = Int32(i)
                transposedValues[next[j]] = values[p]
                next[j] += 1
            }
        }
        return SparseMatrix(
            rows: columns, columns: rows, rowStart: start,
            columnIndices: transposedColumns, values: transposedValues)
    }

    /// The product A·M (`rows × M.columns`) of this matrix A (m×n) and a dense M (n×l),
    /// accumulated in Double. Large products run in parallel over chunks of rows.
    /// For Aᵀ·M, call `transposed()` once and multiply that.
    public func product(_ dense: DenseMatrix) throws -> DenseMatrix {
        try product(dense, serialUpTo: Self.parallelProductThreshold)
    }

    /// `product(_:)` on at most `threads` threads (1: on the calling thread); the bits are the
    /// same for any count, since each output row is summed by one thread in one order.
    public func product(_ dense: DenseMatrix, threads: Int) throws -> DenseMatrix {
        try product(dense, serialUpTo: threads <= 1 ? .max : Self.parallelProductThreshold)
    }

    /// `product(_:)` with the serial/parallel threshold as a parameter, so tests can drive both.
    func product(_ dense: DenseMatrix, serialUpTo threshold: Int) throws -> DenseMatrix {
        guard dense.rows == columns else {
            throw LinearAlgebraError(
                .dimensionMismatch,
                "sparse product: A is \(rows)×\(columns) but M is \(dense.rows)×\(dense.columns)")
        }
        // Row-major copies (the column-major storage of the transposes): each non-zero a_ij then
        // adds a contiguous run of `width` doubles, M's row j, into the output's row i.
        let outputRows = rowMajorProduct(dense.transposed().storage, width: dense.columns, serialUpTo: threshold)
        return DenseMatrix(rows: dense.columns, columns: rows, storage: outputRows).transposed()
    }

    /// A·M with M and the result row-major (`columns × width` in, `rows × width` out): the
    /// Krylov iteration chains Aᵀ·(A·P) through this so the large intermediate is never
    /// transposed. `threads` ≤ 1 runs on the calling thread; the bits are the same either way.
    func rowMajorProduct(_ denseRows: [Double], width: Int, threads: Int) -> [Double] {
        precondition(denseRows.count == columns * width, "M must be columns × width")
        return rowMajorProduct(denseRows, width: width, serialUpTo: threads <= 1 ? .max : Self.parallelProductThreshold)
    }

    private func rowMajorProduct(_ denseRows: [Double], width: Int, serialUpTo threshold: Int) -> [Double] {
        var outputRows = [Double](repeating: 0, count: rows * width)
        let chunks =
            nonZeroCount * width <= threshold
            ? 1 : min(rows, Self.chunksPerCore * ProcessInfo.processInfo.activeProcessorCount)
        denseRows.withUnsafeBufferPointer { x in
            outputRows.withUnsafeMutableBufferPointer { y in
                if chunks <= 1 {
                    accumulate(rowsIn: 0..<rows, of: x, width: width, into: y)
                } else {
                    // Safe to share: x is only read, and each chunk writes only its own rows of y.
                    nonisolated(unsafe) let (input, output) = (x, y)
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let lower = rows * chunk / chunks, upper = rows * (chunk + 1) / chunks
                        accumulate(rowsIn: lower..<upper, of: input, width: width, into: output)
                    }
                }
            }
        }
        return outputRows
    }

    /// y[i, ·] += a_ij · x[j, ·] for the non-zeros of rows `range`; x and y row-major with
    /// `width` columns. Only rows in `range` of y are written.
    private func accumulate(
        rowsIn range: Range<Int>, of x: UnsafeBufferPointer<Double>, width: Int,
        into y: UnsafeMutableBufferPointer<Double>
    ) {
        rowStart.withUnsafeBufferPointer { start in
            columnIndices.withUnsafeBufferPointer { column in
                values.withUnsafeBufferPointer { value in
                    for i in range {
                        let yRow = i * width
                        for p in start[i]..<start[i + 1] {
                            let a = Double(value[p])
                            let xRow = Int(column[p]) * width
                            for c in 0..<width { y[yRow + c] += a * x[xRow + c] }
                        }
                    }
                }
            }
        }
    }
}
