import Testing
@testable import PodsimLinearAlgebra

@Suite struct SparseMatrixTests {
    @Test func rowsAreSortedWithDuplicatesSummedAndZerosDropped() {
        let m = SparseMatrix(columns: 4, rows: [[(2, 1), (0, 2), (2, 1), (3, 0)], []])
        #expect(m.row(0).map(\.column) == [0, 2])
        #expect(m.row(0).map(\.value) == [2, 2])
        #expect(m.row(1).isEmpty)
        #expect(m.rowStart == [0, 2, 2])
    }

    @Test func transposeSwapsRowsAndColumns() {
        let a = TestMatrices.randomSparse(rows: 13, columns: 8, density: 0.3, seed: 21)
        let t = a.transposed()
        #expect(t.rows == 8 && t.columns == 13 && t.nonZeroCount == a.nonZeroCount)
        #expect(TestMatrices.dense(t) == TestMatrices.dense(a).transposed())
        for i in 0..<t.rows {
            let columns = t.row(i).map(\.column)
            #expect(columns == columns.sorted() && Set(columns).count == columns.count)
        }
        #expect(t.transposed() == a)
    }

    @Test(arguments: [(37, 23, 6), (1, 5, 3), (9, 4, 0)])
    func productMatchesDenseReference(rows: Int, columns: Int, width: Int) throws {
        let a = TestMatrices.randomSparse(rows: rows, columns: columns, density: 0.25, seed: 31)
        let m = TestMatrices.gaussian(rows: columns, columns: width, seed: 32)
        let expected = TestMatrices.naiveProduct(TestMatrices.dense(a), m)
        #expect(TestMatrices.maxDifference(try a.product(m), expected) < 1e-12)
        let n = TestMatrices.gaussian(rows: rows, columns: width, seed: 33)
        let expectedTransposed = TestMatrices.naiveProduct(TestMatrices.dense(a).transposed(), n)
        #expect(TestMatrices.maxDifference(try a.transposed().product(n), expectedTransposed) < 1e-12)
    }

    @Test func parallelProductGivesTheSameBitsAsSerial() throws {
        let a = TestMatrices.randomSparse(rows: 301, columns: 97, density: 0.1, seed: 41)
        let m = TestMatrices.gaussian(rows: 97, columns: 12, seed: 42)
        let serial = try a.product(m, serialUpTo: .max)
        let parallel = try a.product(m, serialUpTo: 0)
        #expect(serial.storage.map(\.bitPattern) == parallel.storage.map(\.bitPattern))
        let expected = TestMatrices.naiveProduct(TestMatrices.dense(a), m)
        #expect(TestMatrices.maxDifference(parallel, expected) < 1e-12)
        let t = a.transposed()
        let n = TestMatrices.gaussian(rows: 301, columns: 12, seed: 43)
        #expect(
            try t.product(n, serialUpTo: 0).storage.map(\.bitPattern)
                == t.product(n, serialUpTo: .max).storage.map(\.bitPattern))
    }

    /// The builders' projection: A·V straight to row-major Float must be the bits of the
    /// product and its Float copy, large enough to run in chunks, and refuse a V of the wrong size.
    @Test func floatProductIsTheProductRoundedRowByRow() throws {
        let a = TestMatrices.randomSparse(rows: 2_000, columns: 300, density: 0.1, seed: 44)
        let v = TestMatrices.gaussian(rows: 300, columns: 24, seed: 45)
        #expect(a.nonZeroCount * v.columns > SparseMatrix.parallelProductThreshold)
        let projected = try a.floatProduct(rowMajor: v.transposed().storage, width: v.columns)
        #expect(projected.map(\.bitPattern) == (try a.product(v).rowMajorFloats()).map(\.bitPattern))
        let error = try #require(throws: LinearAlgebraError.self) {
            try a.floatProduct(rowMajor: v.storage.dropLast().map { $0 }, width: v.columns)
        }
        #expect(error.code == .dimensionMismatch && error.message.contains("2000×300"))
    }

    @Test func productRejectsMismatchedShapes() throws {
        let a = TestMatrices.randomSparse(rows: 4, columns: 6, density: 0.5, seed: 51)
        let error = try #require(throws: LinearAlgebraError.self) {
            try a.product(DenseMatrix(rows: 4, columns: 2))
        }
        #expect(error.code == .dimensionMismatch)
        #expect(error.message.contains("4×6") && error.message.contains("4×2"))
    }
}

/// The Krylov passes' product with a Float operand: Double sums of the Float values, rounded
/// once, the same bits serial and parallel.
@Suite struct FloatOperandProductTests {
    @Test func floatOperandMatchesTheDoubleProductOfTheRoundedValues() throws {
        // Large enough (non-zeros × width above `parallelProductThreshold`) to run in chunks.
        let a = TestMatrices.randomSparse(rows: 3_000, columns: 400, density: 0.08, seed: 61)
        let width = 12
        #expect(a.nonZeroCount * width > SparseMatrix.parallelProductThreshold)
        let m = TestMatrices.gaussian(rows: 400, columns: width, seed: 62)
        let rounded = DenseMatrix(rows: m.rows, columns: m.columns, storage: m.storage.map { Double(Float($0)) })
        let expected = TestMatrices.naiveProduct(TestMatrices.dense(a), rounded)  // column-major
        let operand = m.rowMajorFloats()
        var doubles = [[Double]](), floats = [[Float]]()
        for threads in [1, 2] {
            var y = [Double](repeating: 0, count: a.rows * width)
            var z = [Float](repeating: 0, count: a.rows * width)
            operand.withUnsafeBufferPointer { x in
                y.withUnsafeMutableBufferPointer { a.rowMajorProduct(x, width: width, threads: threads, into: $0) }
                z.withUnsafeMutableBufferPointer { a.rowMajorProduct(x, width: width, threads: threads, into: $0) }
            }
            doubles.append(y)
            floats.append(z)
        }
        #expect(doubles[0].map(\.bitPattern) == doubles[1].map(\.bitPattern))
        #expect(floats[0].map(\.bitPattern) == floats[1].map(\.bitPattern))
        let rows = (0..<a.rows).flatMap { i in (0..<width).map { c in expected[i, c] } }  // row-major
        #expect(zip(doubles[0], rows).map { abs($0 - $1) }.max()! < 1e-12)
        #expect(floats[0] == doubles[0].map { Float($0) })
    }
}
