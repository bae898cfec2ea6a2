/// A sparse matrix in compressed sparse row (CSR) form.
///
/// Layout: the non-zeros of row `i` are `columnIndices[rowStart[i] ..< rowStart[i+1]]` with the
/// matching `values`; column indices are strictly increasing within a row. The term-document
/// matrix (rows = episodes, columns = terms) is only ever held in this form — it is never
/// densified, because at 100k episodes × 100k terms a dense copy would need 40 GB.
public struct SparseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// `rows + 1` offsets into `columnIndices`/`values`; `rowStart[0] == 0`.
    public var rowStart: [Int]
    public var columnIndices: [Int32]
    public var values: [Float]

    public init(rows: Int, columns: Int, rowStart: [Int], columnIndices: [Int32], values: [Float]) {
        precondition(rowStart.count == rows + 1, "rowStart needs rows + 1 entries")
        precondition(columnIndices.count == values.count, "one value per column index")
        precondition(rowStart.last == values.count, "rowStart must end at the non-zero count")
        self.rows = rows
        self.columns = columns
        self.rowStart = rowStart
        self.columnIndices = columnIndices
        self.values = values
    }

    /// Builds a CSR matrix from rows given as (column, value) pairs in any order; duplicate
    /// columns within a row are summed and zeros are dropped.
    public init(columns: Int, rows sparseRows: [[(column: Int, value: Float)]]) {
        var rowStart = [0]
        rowStart.reserveCapacity(sparseRows.count + 1)
        var columnIndices: [Int32] = []
        var values: [Float] = []
        for row in sparseRows {
            let sorted = row.sorted { $0.column < $1.column }
            var index = 0
            while index < sorted.count {
                let column = sorted[index].column
                precondition(column >= 0 && column < columns, "column \(column) out of range")
                var sum: Float = 0
                while index < sorted.count && sorted[index].column == column {
                    sum += sorted[index].value
                    index += 1
                }
                if sum != 0 {
                    columnIndices.append(Int32(column))
                    values.append(sum)
                }
            }
            rowStart.append(values.count)
        }
        self.init(
            rows: sparseRows.count, columns: columns, rowStart: rowStart,
            columnIndices: columnIndices, values: values)
    }

    /// Number of stored non-zeros.
    public var nonZeroCount: Int { values.count }

    /// The non-zeros of one row as (column, value) pairs, in column order.
    public func row(_ i: Int) -> [(column: Int, value: Float)] {
        (rowStart[i]..<rowStart[i + 1]).map { (Int(columnIndices[$0]), values[$0]) }
    }

    /// Squared Frobenius norm (sum of squared entries), accumulated in Double.
    public var squaredFrobeniusNorm: Double {
        values.reduce(0) { $0 + Double($1) * Double($1) }
    }
}
