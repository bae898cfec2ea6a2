import Testing
import PodsimLinearAlgebra

/// Every kind of bad input to the randomized SVD gets its own clear error.
@Suite struct RandomizedSVDInputTests {
    private let matrix = SparseMatrix(columns: 3, rows: [[(0, 1), (2, 2)], [(1, 3)]])

    private func failure(_ svd: RandomizedSVD, _ a: SparseMatrix) throws -> LinearAlgebraError {
        try #require(throws: LinearAlgebraError.self) { try svd.decompose(a) }
    }

    @Test func zeroRankIsRejected() throws {
        let error = try failure(RandomizedSVD(rank: 0), matrix)
        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("at least 1"))
    }

    @Test func negativeOversamplingOrIterationsAreRejected() throws {
        #expect(try failure(RandomizedSVD(rank: 1, oversampling: -1), matrix).code == .invalidArgument)
        let error = try failure(RandomizedSVD(rank: 1, powerIterations: -2), matrix)
        #expect(error.code == .invalidArgument && error.message.contains("-2"))
    }

    @Test func emptyMatricesAreRejected() throws {
        let noRows = SparseMatrix(columns: 4, rows: [])
        let error = try failure(RandomizedSVD(rank: 2), noRows)
        #expect(error.code == .emptyMatrix && error.message.contains("0×4"))
        let noColumns = SparseMatrix(columns: 0, rows: [[], []])
        #expect(try failure(RandomizedSVD(rank: 2), noColumns).code == .emptyMatrix)
    }

    @Test func allZeroMatrixIsRejected() throws {
        let zeros = SparseMatrix(rows: 3, columns: 2, rowStart: [0, 0, 0, 0], columnIndices: [], values: [])
        let error = try failure(RandomizedSVD(rank: 1), zeros)
        #expect(error.code == .emptyMatrix && error.message.contains("all zero"))
    }

    @Test func nonFiniteEntryIsRejectedWithItsPosition() throws {
        let bad = SparseMatrix(columns: 3, rows: [[(0, 1)], [], [(0, 2), (2, .nan)]])
        let error = try failure(RandomizedSVD(rank: 1), bad)
        #expect(error.code == .nonFiniteValue)
        #expect(error.message.contains("row 2, column 2"))
        let infinite = SparseMatrix(columns: 2, rows: [[(1, .infinity)]])
        #expect(try failure(RandomizedSVD(rank: 1), infinite).message.contains("row 0, column 1"))
    }
}
