import Testing
import PodsimLinearAlgebra
@Test func sparse() { let m = SparseMatrix(columns: 3, rows: [[(2, 1), (0, 2), (2, 1)]]); #expect(m.row(0).map(\.column) == [0, 2]) }
