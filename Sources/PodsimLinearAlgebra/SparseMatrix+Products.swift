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

    /// A·M rounded to Float, row-major (`rows × width`), with M given row-major (`columns ×
    /// width`, as `DenseMatrix.transposed().storage`): the bits of `product(M).rowMajorFloats()`
    /// — the same sums in Double, each rounded once — without its three transposes. The
    /// streaming build projects every batch of episodes by the same V, so it lays V out once
    /// rather than per batch (at 10M episodes, 300 copies of a 200 MB matrix).
    public func floatProduct(rowMajor denseRows: [Double], width: Int) throws -> [Float] {
        guard denseRows.count == columns * width else {
            throw LinearAlgebraError(
                .dimensionMismatch,
                "sparse product: A is \(rows)×\(columns) but M has \(denseRows.count) values for width \(width)")
        }
        var output = [Float](repeating: 0, count: rows * width)
        denseRows.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in multiply(x, width: width, serialUpTo: Self.parallelProductThreshold, into: y) }
        }
        return output
    }

    /// A·M with M and the result row-major (`columns × width` in, `rows × width` out), in Double.
    /// `threads` ≤ 1 runs on the calling thread; the bits are the same either way.
    func rowMajorProduct(_ denseRows: [Double], width: Int, threads: Int) -> [Double] {
        rowMajorProduct(denseRows, width: width, serialUpTo: threads <= 1 ? .max : Self.parallelProductThreshold)
    }

    /// The Krylov iteration's passes, Aᵀ·(A·P), with P in Float: the dense operand is read once
    /// per non-zero (2q + 2 times 2.85 M rows of 138 values for the Debian catalogue), so
    /// halving its bytes halves the memory traffic that bounds these passes. Sums stay in
    /// Double; `output` (`rows × width`, row-major) gets them rounded to Float for the next
    /// pass, or in Double for the basis. The loss — P rounded to 2⁻²⁴ relative — only perturbs
    /// which directions the Krylov space holds; T is formed from the same products, and the
    /// singular values come from a Double pass (`RandomizedSVD`).
    func rowMajorProduct(
        _ denseRows: UnsafeBufferPointer<Float>, width: Int, threads: Int, into output: UnsafeMutableBufferPointer<Float>
    ) {
        multiply(denseRows, width: width, serialUpTo: threads <= 1 ? .max : Self.parallelProductThreshold, into: output)
    }

    /// See the Float-output overload.
    func rowMajorProduct(
        _ denseRows: UnsafeBufferPointer<Float>, width: Int, threads: Int, into output: UnsafeMutableBufferPointer<Double>
    ) {
        multiply(denseRows, width: width, serialUpTo: threads <= 1 ? .max : Self.parallelProductThreshold, into: output)
    }

    private func rowMajorProduct(_ denseRows: [Double], width: Int, serialUpTo threshold: Int) -> [Double] {
        var outputRows = [Double](repeating: 0, count: rows * width)
        denseRows.withUnsafeBufferPointer { x in
            outputRows.withUnsafeMutableBufferPointer { y in multiply(x, width: width, serialUpTo: threshold, into: y) }
        }
        return outputRows
    }

    /// Y = A·X, X row-major `columns × width`, Y row-major `rows × width`, over chunks of rows.
    @inline(__always)
    private func multiply<Input: BinaryFloatingPoint, Output: BinaryFloatingPoint>(
        _ x: UnsafeBufferPointer<Input>, width: Int, serialUpTo threshold: Int, into y: UnsafeMutableBufferPointer<Output>
    ) {
        precondition(x.count == columns * width && y.count >= rows * width, "M must be columns × width, Y rows × width")
        guard width > 0, rows > 0 else { return }
        let chunks =
            nonZeroCount * width <= threshold
            ? 1 : min(rows, Self.chunksPerCore * ProcessInfo.processInfo.activeProcessorCount)
        if chunks <= 1 {
            accumulate(rowsIn: 0..<rows, of: x.baseAddress!, width: width, into: y.baseAddress!)
        } else {
            // Safe to share: x is only read, and each chunk writes only its own rows of y.
            nonisolated(unsafe) let (input, output) = (x.baseAddress!, y.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let lower = rows * chunk / chunks, upper = rows * (chunk + 1) / chunks
                accumulate(rowsIn: lower..<upper, of: input, width: width, into: output)
            }
        }
    }

    /// y[i, ·] = Σ_p a_ip · x[p, ·] for rows `range`, summed in Double in a row buffer that stays
    /// in L1, four non-zeros per sweep of the row ((a₀x₀ + a₁x₁) + (a₂x₂ + a₃x₃), then the
    /// rest one by one): a quarter of the loads and stores of the sum. The order depends only
    /// on the row, so every thread count gives the same bits. Only rows in `range` are written.
    @inline(__always)
    private func accumulate<Input: BinaryFloatingPoint, Output: BinaryFloatingPoint>(
        rowsIn range: Range<Int>, of x: UnsafePointer<Input>, width: Int, into y: UnsafeMutablePointer<Output>
    ) {
        let sum = UnsafeMutablePointer<Double>.allocate(capacity: width)
        defer { sum.deallocate() }
        rowStart.withUnsafeBufferPointer { start in
            columnIndices.withUnsafeBufferPointer { column in
                values.withUnsafeBufferPointer { value in
                    for i in range {
                        sum.update(repeating: 0, count: width)
                        var p = start[i]
                        let end = start[i + 1]
                        while p + 4 <= end {
                            let (a0, a1, a2, a3) = (Double(value[p]), Double(value[p + 1]), Double(value[p + 2]), Double(value[p + 3]))
                            let x0 = x + Int(column[p]) * width, x1 = x + Int(column[p + 1]) * width
                            let x2 = x + Int(column[p + 2]) * width, x3 = x + Int(column[p + 3]) * width
                            for c in 0..<width {
                                sum[c] += (a0 * Double(x0[c]) + a1 * Double(x1[c])) + (a2 * Double(x2[c]) + a3 * Double(x3[c]))
                            }
                            p += 4
                        }
                        while p < end {
                            let a = Double(value[p]), xp = x + Int(column[p]) * width
                            for c in 0..<width { sum[c] += a * Double(xp[c]) }
                            p += 1
                        }
                        let row = y + i * width
                        for c in 0..<width { row[c] = Output(sum[c]) }
                    }
                }
            }
        }
    }
}
