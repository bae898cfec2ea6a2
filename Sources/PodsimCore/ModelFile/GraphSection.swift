/// The `HNSW` section of a model file: the graph index (`GraphIndex`) over the `VECS` rows, when
/// the build made one. Optional: a model without it is searched by the exact scans, and a
/// reader that does not know the tag ignores it (docs/MODEL-FORMAT.md).
///
///     offset  size  field (little-endian)
///          0     4  u32 layout version (1)
///          4     4  u32 M
///          8     4  u32 ef_construction
///         12     4  u32 dimensions of the rows the graph is over
///         16     8  u64 rows (= episodes)
///         24     8  u64 seed of hnswlib's level generator
///         32     …  hnswlib 0.6's `saveIndex` layout with no vector bytes (data size 0): its
///                   96-byte header, then one block per row (bottom-layer link count and links,
///                   the label = the row), then per row a u32 byte count and its upper-layer links
///
/// The bottom layer starts at payload byte 128, a 64-byte boundary, and is used in place.
public enum GraphSection {
    public static let tag: SectionTag = "HNSW"
    /// Bytes of podsim's header before hnswlib's bytes.
    static let headerBytes = 32
    /// The layout this build writes and reads.
    static let version: UInt32 = 1

    struct Header: Equatable {
        var parameters: GraphParameters
        var rows: Int
        var dimensions: Int

        init(parameters: GraphParameters, rows: Int, dimensions: Int) {
            self.parameters = parameters
            self.rows = rows
            self.dimensions = dimensions
        }

        /// Decodes and checks the header of `payload`; `origin` names it in errors.
        init(_ payload: UnsafeRawBufferPointer, origin: String) throws {
            guard payload.count >= GraphSection.headerBytes else {
                throw PodsimError(.modelFile, "\(origin): the graph index section is truncated (\(payload.count) bytes, its header alone is \(GraphSection.headerBytes))")
            }
            let version = payload.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
            guard version == GraphSection.version else {
                throw PodsimError(.modelFile, "\(origin): graph index layout version \(version); this build reads version \(GraphSection.version) (rebuild the index with `podsim index`)")
            }
            let m = payload.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
            let efConstruction = payload.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
            dimensions = Int(payload.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            let rows = payload.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
            guard rows <= UInt64(Int32.max) else {
                throw PodsimError(.modelFile, "\(origin): the graph index claims \(rows) rows, more than hnswlib numbers")
            }
            self.rows = Int(rows)
            parameters = GraphParameters(
                m: Int(m), efConstruction: Int(efConstruction), seed: payload.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        }

        var encoded: [UInt8] {
            var writer = BinaryWriter(capacity: GraphSection.headerBytes)
            writer.append(GraphSection.version)
            writer.append(UInt32(parameters.m))
            writer.append(UInt32(parameters.efConstruction))
            writer.append(UInt32(dimensions))
            writer.append(UInt64(rows))
            writer.append(parameters.seed)
            return writer.bytes
        }
    }
}
