import CPodsimGraph
import Foundation

/// The approximate nearest-neighbour graph (HNSW, from hnswlib through the C++ shim
/// `CPodsimGraph`, which only this file calls) over a `VectorIndex`'s unit vectors.
///
/// The graph holds links, not vectors: its distance, 1 − dot product, reads the index's rows
/// through the same scan kernel as every exact path, so its distances are the same bits on every
/// kernel level and it costs about 140 bytes per row (M = 16) beside the vectors. Built on every
/// core in deterministic batches (CPodsimGraph's BatchInsertion.cpp) with a seed, it is
/// reproducible: the same vectors and `GraphParameters` give the same bytes (`GraphSection`) for
/// any thread count. Answers go through `search` (GraphIndex+Search.swift), which
/// rescores the graph's candidates exactly.
public final class GraphIndex: @unchecked Sendable {
    // @unchecked: the graph is never written after init, and hnswlib's search is safe from many
    // threads at once (its visited-list pool takes a lock).

    /// The vectors the graph's rows name; also the exact rescorer.
    public let exact: VectorIndex
    public let parameters: GraphParameters
    public var count: Int { exact.count }
    private let handle: OpaquePointer
    /// What keeps the serialized bytes, which the loaded graph uses in place, alive.
    private let bytesOwner: AnyObject

    /// Loads the graph of `section` (a `GraphSection` payload) over `exact`'s vectors. Every
    /// count, offset and link is checked; a bad one is a `.modelFile` error naming `origin`.
    /// `owner` keeps `section`'s memory alive (the model file's reader).
    public init(section: UnsafeRawBufferPointer, owner: AnyObject, over exact: VectorIndex, origin: String) throws {
        let header = try GraphSection.Header(section, origin: origin)
        guard header.rows == exact.count, header.dimensions == exact.dimensions else {
            throw PodsimError(.modelFile, "\(origin): the graph is over \(header.rows) × \(header.dimensions) vectors, the model has \(exact.count) × \(exact.dimensions)")
        }
        let body = UnsafeRawBufferPointer(rebasing: section[GraphSection.headerBytes...])
        handle = try exact.withUnsafeVectors { vectors in
            try Self.call(origin) { error, capacity in
                podsim_graph_load(body.baseAddress, body.count, vectors.baseAddress, exact.count, exact.dimensions, error, capacity)
            }
        }
        self.exact = exact
        parameters = header.parameters
        bytesOwner = owner
    }

    /// Builds the graph over `exact` and loads it from its own serialized bytes (tests, benchmarks).
    public convenience init(
        building exact: VectorIndex, parameters: GraphParameters = GraphParameters(),
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, progress: ((String) -> Void)? = nil
    ) throws {
        let bytes = try exact.withUnsafeVectors {
            try Self.build(vectors: $0, dimensions: exact.dimensions, parameters: parameters, threads: threads, progress: progress)
        }
        let owned = AlignedBytes(bytes)
        try self.init(section: UnsafeRawBufferPointer(owned.buffer), owner: owned, over: exact, origin: "graph index")
    }

    deinit { podsim_graph_free(handle) }

    /// How rows are linked into the graph: `batches` is podsim's (every core, the same graph for
    /// any thread count); the others are for tests, which compare against hnswlib's own insertion.
    enum Linking: Sendable, Equatable {
        /// Deterministic batches of at most `largest` rows on `threads` threads.
        case batches(largest: Int, threads: Int)
        /// hnswlib's own sequential addPoint.
        case hnswlibSequential

        static func batches(threads: Int) -> Linking { .batches(largest: Int(PODSIM_GRAPH_LARGEST_BATCH), threads: threads) }
    }

    /// Builds the graph over `vectors` (row-major unit vectors, `dimensions` each; the rows a model
    /// stores) on `threads` threads and returns its `GraphSection` payload — the same bytes for any
    /// thread count.
    public static func build(
        vectors: UnsafeBufferPointer<Float>, dimensions: Int, parameters: GraphParameters,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, progress: ((String) -> Void)? = nil
    ) throws -> [UInt8] {
        try build(vectors: vectors, dimensions: dimensions, parameters: parameters, linking: .batches(threads: threads), progress: progress)
    }

    static func build(
        vectors: UnsafeBufferPointer<Float>, dimensions: Int, parameters: GraphParameters, linking: Linking,
        progress: ((String) -> Void)? = nil
    ) throws -> [UInt8] {
        let rows = vectors.count / dimensions
        guard rows > 0 else { throw PodsimError(.invalidInput, "a graph index needs at least one vector") }
        guard parameters.efConstruction >= 1 else { throw PodsimError(.invalidArgument, "ef_construction must be at least 1") }
        let graph = try call("graph index") { error, capacity in
            podsim_graph_create(vectors.baseAddress, rows, dimensions, parameters.m, parameters.efConstruction, parameters.seed, error, capacity)
        }
        defer { podsim_graph_free(graph) }
        // Progress every 5% (at least every 10,000 rows), so a long build shows it is moving. The
        // steps depend on `rows` alone: a batch ends at a step's end, so they shape the graph too.
        let step = max(10_000, rows / 20)
        var first = 0
        while first < rows {
            let next = min(rows, first + step)
            _ = try call("graph index") { error, capacity -> OpaquePointer? in
                let status: Int32
                switch linking {
                case .batches(let largest, let threads):
                    status = podsim_graph_add_in_batches(graph, first, next - first, max(1, threads), max(1, largest), error, capacity)
                case .hnswlibSequential:
                    status = podsim_graph_add_hnswlib(graph, first, next - first, error, capacity)
                }
                return status == 0 ? graph : nil
            }
            first = next
            progress?("graph index: \(first) of \(rows) rows linked")
        }
        let header = GraphSection.Header(parameters: parameters, rows: rows, dimensions: dimensions)
        let size = podsim_graph_serialized_size(graph)
        var bytes = header.encoded
        bytes.append(contentsOf: [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            podsim_graph_serialize(graph, buffer.baseAddress)
            initialized = size
        })
        return bytes
    }

    /// The graph's `ef` nearest rows for `query` (padded), nearest first, by its own distances.
    func candidates(_ query: ScanQuery, ef: Int) -> [Int] {
        candidatesWithDistances(query, ef: ef, search: podsim_graph_search).rows
    }

    /// `candidates` with the graph's distances, through the shim's search (`podsim_graph_search`)
    /// or, for tests, hnswlib's own `searchKnn` (`podsim_graph_search_hnswlib`).
    func candidatesWithDistances(
        _ query: ScanQuery, ef: Int,
        search: (OpaquePointer?, UnsafePointer<Float>?, Int, UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Float>?) -> Int
    ) -> (rows: [Int], distances: [Float]) {
        let ef = min(ef, count)
        var labels = [Int64](repeating: 0, count: ef)
        var distances = [Float](repeating: 0, count: ef)
        let found = withExtendedLifetime((exact, bytesOwner)) {
            query.padded.withUnsafeBufferPointer { q in search(handle, q.baseAddress, ef, &labels, &distances) }
        }
        return (labels.prefix(found).map { Int($0) }, Array(distances.prefix(found)))
    }

    /// Runs a shim call that returns NULL with a message on failure.
    private static func call(_ origin: String, _ body: (UnsafeMutablePointer<CChar>, Int) -> OpaquePointer?) throws -> OpaquePointer {
        var message = [CChar](repeating: 0, count: 256)
        let result = message.withUnsafeMutableBufferPointer { body($0.baseAddress!, $0.count) }
        guard let result else {
            let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw PodsimError(.modelFile, "\(origin): \(text)")
        }
        return result
    }
}

/// Serialized graph bytes kept on a 64-byte boundary (the shim reads the layers in place).
final class AlignedBytes: @unchecked Sendable {
    // @unchecked: written once in init.
    let buffer: UnsafeMutableRawBufferPointer

    init(_ bytes: [UInt8]) {
        buffer = .allocate(byteCount: max(bytes.count, 1), alignment: 64)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
    }

    deinit { buffer.deallocate() }
}
