/// A dense matrix of Doubles in column-major order, the layout LAPACK expects.
///
/// Layout (stated once): element (i, j) lives at `storage[i + j * rows]`, so each column is a
/// contiguous run of `rows` values and the leading dimension is `rows`.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Column-major elements, `rows * columns` of them.
    public var storage: [Double]

    /// A `rows × columns` matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        self.init(rows: rows, columns: columns, storage: [Double](repeating: 0, count: rows * columns))
    }

    /// Wraps column-major `storage` of exactly `rows * columns` elements.
    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        precondition(storage.count == rows * columns, "storage needs rows × columns elements")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Element (i, j).
    public subscript(i: Int, j: Int) -> Double {
        get { storage[i + j * rows] }
        set { storage[i + j * rows] = newValue }
    }

    /// The transpose, `columns × rows`, copied in 32×32 tiles so that both the reads and the
    /// writes stay within a few cache lines per tile (a column-by-column copy of a 180,873 × 138
    /// matrix misses the cache on every write).
    public func transposed() -> DenseMatrix {
        var result = DenseMatrix(rows: columns, columns: rows)
        storage.withUnsafeBufferPointer { source in
            result.storage.withUnsafeMutableBufferPointer { target in
                Self.transpose(source.baseAddress!, rows: rows, columns: columns, into: target.baseAddress!)
            }
        }
        return result
    }

    /// Writes the transpose of the column-major `rows × columns` matrix at `source` into
    /// `target` (column-major `columns × rows`, which is `source` row-major), converted to
    /// `Element`, in 32×32 tiles.
    @inline(__always)
    static func transpose<Element: BinaryFloatingPoint>(
        _ source: UnsafePointer<Double>, rows: Int, columns: Int, into target: UnsafeMutablePointer<Element>
    ) {
        let tile = 32
        for j0 in stride(from: 0, to: columns, by: tile) {
            for i0 in stride(from: 0, to: rows, by: tile) {
                for j in j0..<min(columns, j0 + tile) {
                    for i in i0..<min(rows, i0 + tile) { target[j + i * columns] = Element(source[i + j * rows]) }
                }
            }
        }
    }

    /// The first `count` columns (a cheap contiguous prefix in column-major order).
    public func leadingColumns(_ count: Int) -> DenseMatrix {
        precondition(count >= 0 && count <= columns, "column count out of range")
        return DenseMatrix(rows: rows, columns: count, storage: Array(storage[0..<(rows * count)]))
    }

    /// A row-major Float copy: element (i, j) at `result[i * columns + j]`, each column `j`
    /// first multiplied by `columnScales[j]` when given (used for U·Σ).
    public func rowMajorFloats(columnScales: [Double]? = nil) -> [Float] {
        precondition(columnScales.map { $0.count == columns } ?? true, "one scale per column")
        guard let columnScales else {
            var result = [Float](repeating: 0, count: rows * columns)
            storage.withUnsafeBufferPointer { source in
                result.withUnsafeMutableBufferPointer { Self.transpose(source.baseAddress!, rows: rows, columns: columns, into: $0.baseAddress!) }
            }
            return result
        }
        var scaled = self
        for j in 0..<columns {
            for i in 0..<rows { scaled[i, j] *= columnScales[j] }
        }
        return scaled.rowMajorFloats()
    }

    /// Squared Frobenius norm (sum of squared entries).
    public var squaredFrobeniusNorm: Double {
        storage.reduce(0) { $0 + $1 * $1 }
    }
}
