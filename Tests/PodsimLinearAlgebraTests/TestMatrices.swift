import Foundation
import PodsimLinearAlgebra

/// Seeded test inputs and plain-loop references. Densifying is fine here: the test matrices are
/// small, and the dense copy is what the exact LAPACK reference factors.
enum TestMatrices {
    /// A rows×columns sparse matrix where each entry is non-zero with probability `density`,
    /// with values uniform in [−1, 1).
    static func randomSparse(rows: Int, columns: Int, density: Double, seed: UInt64) -> SparseMatrix {
        var generator = Xoshiro256StarStar(seed: seed)
        let sparseRows = (0..<rows).map { _ in
            (0..<columns).compactMap { j -> (column: Int, value: Float)? in
                let keep = generator.nextUniform() < density
                let value = Float(2 * generator.nextUniform() - 1)
                return keep ? (j, value) : nil
            }
        }
        return SparseMatrix(columns: columns, rows: sparseRows)
    }

    /// A rows×columns dense matrix of standard normal entries.
    static func gaussian(rows: Int, columns: Int, seed: UInt64) -> DenseMatrix {
        var generator = Xoshiro256StarStar(seed: seed)
        return DenseMatrix(
            rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in generator.nextGaussian() })
    }

    /// A rows×columns matrix of exact rank `rank` (as a product of two integer matrices with
    /// entries in −3...3, so every entry is a small integer and exact in Float).
    static func integerLowRank(rows: Int, columns: Int, rank: Int, seed: UInt64) -> SparseMatrix {
        var generator = Xoshiro256StarStar(seed: seed)
        func smallInteger() -> Double { Double(Int(generator.next() % 7) - 3) }
        let left = DenseMatrix(rows: rows, columns: rank, storage: (0..<(rows * rank)).map { _ in smallInteger() })
        let right = DenseMatrix(rows: rank, columns: columns, storage: (0..<(rank * columns)).map { _ in smallInteger() })
        return sparse(naiveProduct(left, right))
    }

    /// A rows×columns matrix with singular values decay^0, decay^1, … and random singular vectors.
    static func decayingSpectrum(rows: Int, columns: Int, decay: Double, seed: UInt64) throws -> SparseMatrix {
        let r = min(rows, columns)
        let left = try LAPACK.thinQR(gaussian(rows: rows, columns: r, seed: seed)).q
        let right = try LAPACK.thinQR(gaussian(rows: columns, columns: r, seed: seed &+ 1)).q
        var scaled = left
        for j in 0..<r {
            let sigma = pow(decay, Double(j))
            for i in 0..<rows { scaled[i, j] *= sigma }
        }
        return sparse(naiveProduct(scaled, right.transposed()))
    }

    /// The dense copy of a sparse matrix.
    static func dense(_ a: SparseMatrix) -> DenseMatrix {
        var result = DenseMatrix(rows: a.rows, columns: a.columns)
        for i in 0..<a.rows {
            for (j, value) in a.row(i) { result[i, j] = Double(value) }
        }
        return result
    }

    /// The sparse (Float) copy of a dense matrix; exact zeros are dropped.
    static func sparse(_ a: DenseMatrix) -> SparseMatrix {
        SparseMatrix(
            columns: a.columns,
            rows: (0..<a.rows).map { i in (0..<a.columns).map { j in (j, Float(a[i, j])) } })
    }

    /// A·B by the textbook triple loop.
    static func naiveProduct(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        precondition(a.columns == b.rows)
        var c = DenseMatrix(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var sum = 0.0
                for p in 0..<a.columns { sum += a[i, p] * b[p, j] }
                c[i, j] = sum
            }
        }
        return c
    }

    /// The largest absolute entry-wise difference.
    static func maxDifference(_ a: DenseMatrix, _ b: DenseMatrix) -> Double {
        precondition(a.rows == b.rows && a.columns == b.columns)
        return zip(a.storage, b.storage).map { abs($0 - $1) }.max() ?? 0
    }

    /// max |XᵀX − I| over all entries: 0 for exactly orthonormal columns.
    static func orthonormalityError(_ x: DenseMatrix) -> Double {
        var gram = naiveProduct(x.transposed(), x)
        for i in 0..<gram.rows { gram[i, i] -= 1 }
        return gram.storage.map(abs).max() ?? 0
    }
}
