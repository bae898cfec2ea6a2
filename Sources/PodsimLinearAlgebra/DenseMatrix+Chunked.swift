import Foundation

/// Products of a tall matrix P (d×s, d large) split into fixed blocks of rows that run on
/// `threads` threads, each block a one-thread BLAS call.
///
/// Why not OpenBLAS's own threads: its results depend on its thread count (it blocks a product
/// differently for 1 and 2 threads, and its level-2 routines split sums), so a model would change
/// with the machine's cores. Here the blocks depend only on d (`rowsPerBlock`), never on the
/// cores, and partial sums are added in block order, so the bits are the same for any thread
/// count — the rule `Index/DotProduct.swift` keeps for the scan. The caller runs them with the
/// BLAS on one thread (`BLASThreads.with(1)`).
extension DenseMatrix {
    /// Rows per block; a product over fewer rows runs as one call on the calling thread.
    /// Default 4,096 (at 690 columns a block of P is 23 MB, within the 32 MB L3).
    static let rowsPerBlock = 4_096

    /// self·M (d×w), self d×s and M s×w: each block of rows of the result is its own product.
    func blockedProduct(_ m: DenseMatrix, threads: Int) throws -> DenseMatrix {
        precondition(columns == m.rows, "inner dimensions differ")
        var result = DenseMatrix(rows: rows, columns: m.columns)
        let (rows, columns) = (self.rows, self.columns)
        try storage.withUnsafeBufferPointer { a in
            try m.storage.withUnsafeBufferPointer { b in
                try result.storage.withUnsafeMutableBufferPointer { c in
                    // Shared read-only (a, b); each block writes only its own rows of c.
                    nonisolated(unsafe) let (a, b, c) = (a.baseAddress!, b.baseAddress!, c.baseAddress!)
                    try Self.forEachBlock(of: rows, threads: threads) { lower, upper, _ in
                        try LAPACK.dgemm(
                            a + lower, lda: rows, b, ldb: m.rows, into: c + lower, ldc: rows,
                            m: upper - lower, n: m.columns, k: columns)
                    }
                }
            }
        }
        return result
    }

    /// selfᵀ·W (s×w), self d×s and W d×w: each block of rows gives a partial product, and the
    /// partials are added in block order.
    func blockedTransposedProduct(_ w: DenseMatrix, threads: Int) throws -> DenseMatrix {
        precondition(rows == w.rows, "inner dimensions differ")
        let (rows, columns) = (self.rows, self.columns)
        let size = columns * w.columns
        var partials = [Double](repeating: 0, count: Self.blockCount(rows) * size)
        try storage.withUnsafeBufferPointer { a in
            try w.storage.withUnsafeBufferPointer { b in
                try partials.withUnsafeMutableBufferPointer { c in
                    // Shared read-only (a, b); block i writes only its own slot of c.
                    nonisolated(unsafe) let (a, b, c) = (a.baseAddress!, b.baseAddress!, c.baseAddress!)
                    try Self.forEachBlock(of: rows, threads: threads) { lower, upper, block in
                        try LAPACK.dgemm(
                            a + lower, lda: rows, b + lower, ldb: rows, into: c + block * size, ldc: columns,
                            m: columns, n: w.columns, k: upper - lower, transposeA: true)
                    }
                }
            }
        }
        var result = DenseMatrix(rows: columns, columns: w.columns)
        for block in 0..<Self.blockCount(rows) {
            for index in 0..<size { result.storage[index] += partials[block * size + index] }
        }
        return result
    }

    /// selfᵀ·self (w×w, symmetric), self d×w: each block of rows gives the upper triangle of a
    /// partial Gram matrix (`dsyrk`), the partials are added in block order and mirrored.
    func blockedGram(threads: Int) throws -> DenseMatrix {
        let (rows, columns) = (self.rows, self.columns)
        let size = columns * columns
        var partials = [Double](repeating: 0, count: Self.blockCount(rows) * size)
        try storage.withUnsafeBufferPointer { a in
            try partials.withUnsafeMutableBufferPointer { c in
                // Shared read-only (a); block i writes only its own slot of c.
                nonisolated(unsafe) let (a, c) = (a.baseAddress!, c.baseAddress!)
                try Self.forEachBlock(of: rows, threads: threads) { lower, upper, block in
                    try LAPACK.dsyrkUpperTransposed(a + lower, lda: rows, into: c + block * size, ldc: columns, n: columns, k: upper - lower)
                }
            }
        }
        var result = DenseMatrix(rows: columns, columns: columns)
        for block in 0..<Self.blockCount(rows) {
            for j in 0..<columns {
                for i in 0...j { result.storage[i + j * columns] += partials[block * size + i + j * columns] }
            }
        }
        for j in 0..<columns {
            for i in 0..<j { result[j, i] = result[i, j] }
        }
        return result
    }

    /// self −= P·M in place (self d×w, P d×s, M s×w), block by block of rows: one BLAS call
    /// per block with alpha −1 and beta 1, so no d×w temporary is allocated.
    mutating func subtractBlockedProduct(_ p: DenseMatrix, _ m: DenseMatrix, threads: Int) throws {
        precondition(p.rows == rows && p.columns == m.rows && m.columns == columns, "shapes differ")
        let rows = self.rows
        try p.storage.withUnsafeBufferPointer { a in
            try m.storage.withUnsafeBufferPointer { b in
                try storage.withUnsafeMutableBufferPointer { c in
                    // Shared read-only (a, b); each block updates only its own rows of c.
                    nonisolated(unsafe) let (a, b, c) = (a.baseAddress!, b.baseAddress!, c.baseAddress!)
                    try Self.forEachBlock(of: rows, threads: threads) { lower, upper, _ in
                        try LAPACK.dgemm(
                            a + lower, lda: rows, b, ldb: m.rows, into: c + lower, ldc: rows,
                            m: upper - lower, n: m.columns, k: p.columns, alpha: -1, beta: 1)
                    }
                }
            }
        }
    }

    /// self = self·R⁻¹ in place for an upper triangular R (w×w), block by block of rows.
    mutating func solveUpperFromTheRight(_ r: DenseMatrix, threads: Int) throws {
        precondition(r.rows == columns && r.columns == columns, "R must be columns × columns")
        let (rows, columns) = (self.rows, self.columns)
        try r.storage.withUnsafeBufferPointer { a in
            try storage.withUnsafeMutableBufferPointer { b in
                // Shared read-only (a); each block solves only its own rows of b.
                nonisolated(unsafe) let (a, b) = (a.baseAddress!, b.baseAddress!)
                try Self.forEachBlock(of: rows, threads: threads) { lower, upper, _ in
                    try LAPACK.dtrsmRightUpper(a, ldr: columns, b + lower, ldb: rows, m: upper - lower, n: columns)
                }
            }
        }
    }

    private static func blockCount(_ rows: Int) -> Int { max(1, (rows + rowsPerBlock - 1) / rowsPerBlock) }

    /// Calls `body(lower, upper, block)` for each block of `rows`, in parallel when there is
    /// more than one and `threads` > 1; rethrows the first error.
    private static func forEachBlock(of rows: Int, threads: Int, _ body: @Sendable (Int, Int, Int) throws -> Void) throws {
        let blocks = blockCount(rows)
        guard blocks > 1, threads > 1 else {
            for block in 0..<blocks { try body(block * rowsPerBlock, min(rows, (block + 1) * rowsPerBlock), block) }
            return
        }
        let failures = FirstError()
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            let lower = block * rowsPerBlock, upper = min(rows, lower + rowsPerBlock)
            do { try body(lower, upper, block) } catch { failures.record(error) }
        }
        if let error = failures.error { throw error }
    }
}

/// The first error thrown by any of several parallel blocks.
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var first: (any Error)?

    func record(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if first == nil { first = error }
    }

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return first
    }
}
