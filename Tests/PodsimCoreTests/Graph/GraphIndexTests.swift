import Foundation
import PodsimTestSupport
import PodsimWorkbench
import Testing

import CPodsimGraph
@testable import PodsimCore

/// The HNSW graph index (hnswlib through CPodsimGraph) against its brute-force twin, the exact
/// scan, on seeded clustered vectors.
@Suite struct GraphIndexTests {
    static let index = VectorIndex(
        normalizing: SyntheticVectors.clustered(count: 4_000, dimensions: 32, seed: 5), dimensions: 32)
    static let graph = try! GraphIndex(building: index, parameters: GraphParameters(m: 16, efConstruction: 100, seed: 7))
    /// Queries: perturbed stored rows (not the rows themselves, which the graph finds trivially).
    static let queries: [[Float]] = (0..<60).map { i in
        var random = SplitMix64(seed: UInt64(i))
        let base = index.vector(i * 61 % index.count)
        let moved = base.map { $0 + 0.2 * (Float(random.next() >> 40) / Float(1 << 24) * 2 - 1) }
        let norm = moved.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return moved.map { $0 / norm }
    }

    @Test func recallAtTenAgainstTheExactScan() {
        var found = 0
        for query in Self.queries {
            let truth = Set(Self.index.search(query, k: 10).map(\.row))
            found += Self.graph.search(query, k: 10).filter { truth.contains($0.row) }.count
        }
        let recall = Double(found) / Double(10 * Self.queries.count)
        #expect(recall >= 0.98, "recall@10 \(recall)")
    }

    /// The shim's search (neighbours scored in one kernel call after a prefetch) visits what
    /// hnswlib's `searchKnn` visits: the same candidates with the same distances, bit for bit.
    @Test(arguments: [1, 10, 64, 200])
    func theShimsSearchReturnsHnswlibsCandidates(ef: Int) {
        for query in Self.queries {
            let padded = ScanQuery(query)
            let ours = Self.graph.candidatesWithDistances(padded, ef: ef, search: podsim_graph_search)
            let theirs = Self.graph.candidatesWithDistances(padded, ef: ef, search: podsim_graph_search_hnswlib)
            #expect(ours.rows.count == min(ef, Self.index.count))
            // Candidates at exactly equal distances (duplicate vectors) leave the two heaps in
            // different orders; `GraphIndex.search` ranks ties by row afterwards, so compare the
            // candidates as (distance, row) pairs in that order.
            func ranked(_ c: (rows: [Int], distances: [Float])) -> [[UInt64]] {
                zip(c.distances, c.rows).map { [UInt64($0.0.bitPattern), UInt64($0.1)] }
                    .sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
            }
            #expect(ranked(ours) == ranked(theirs))
        }
    }

    /// Recall at a fixed ef falls as the graph grows: the default ef doubles for large graphs, and
    /// a chosen ef is kept whatever the size.
    @Test func theDefaultEFGrowsWithTheGraph() {
        #expect(GraphSearchOptions().ef(rows: 200_000) == 128)
        #expect(GraphSearchOptions().ef(rows: GraphSearchOptions.largeGraphFrom - 1) == 128)
        #expect(GraphSearchOptions().ef(rows: GraphSearchOptions.largeGraphFrom) == 256)
        #expect(GraphSearchOptions(ef: 40).ef(rows: 10_000_000) == 40)
        #expect(GraphSearchOptions(ef: 0).ef(rows: 10) == 1)
    }

    @Test func scoresAreTheExactScoresRankedWithTiesByRow() {
        for query in Self.queries.prefix(10) {
            let all = Self.index.scores(query)
            let answer = Self.graph.search(query, k: 10)
            #expect(answer.count == 10)
            for hit in answer { #expect(hit.score == all[hit.row]) }
            for (a, b) in zip(answer, answer.dropFirst()) { #expect(a.ranksAbove(b)) }
        }
    }

    @Test func aFilteredQueryStillReturnsKAllowedHits() {
        // About a quarter of the rows: through the graph with a larger candidate list.
        let quarter: RowFilter = { $0 % 4 == 1 }
        // Six rows: far under the share the graph takes, so the exact scan answers.
        let few: Set<Int> = [3, 500, 1_001, 2_002, 3_003, 3_999]
        let rare: RowFilter = { few.contains($0) }
        for query in Self.queries.prefix(10) {
            let filtered = Self.graph.search(query, k: 10, where: quarter)
            #expect(filtered.count == 10)
            #expect(filtered.allSatisfy { $0.row % 4 == 1 })
            let truth = Set(Self.index.search(query, k: 10, where: quarter).map(\.row))
            #expect(filtered.filter { truth.contains($0.row) }.count >= 9)
            let sparse = Self.graph.search(query, k: 10, where: rare)
            #expect(Set(sparse.map(\.row)) == few)
            #expect(sparse == Self.index.search(query, k: 10, where: rare))
        }
    }

    @Test func aFilterTheSampleMissesFallsBackToTheScan() {
        // Rows the evenly spaced sample never looks at (odd rows past 3,000): share estimated 0.
        let hidden: RowFilter = { $0 > 3_000 && $0 % 2 == 1 }
        var options = SearchOptions.standard
        options.graph.filterSample = 8
        let query = Self.queries[0]
        let answer = Self.graph.search(query, k: 10, where: hidden, options: options)
        #expect(answer == Self.index.search(query, k: 10, where: hidden))
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        let small = VectorIndex(normalizing: SyntheticVectors.clustered(count: 1_500, dimensions: 24, seed: 9), dimensions: 24)
        func bytes(seed: UInt64) throws -> [UInt8] {
            try small.withUnsafeVectors {
                try GraphIndex.build(vectors: $0, dimensions: 24, parameters: GraphParameters(m: 8, efConstruction: 40, seed: seed))
            }
        }
        let first = try bytes(seed: 1)
        #expect(try bytes(seed: 1) == first)
        #expect(try bytes(seed: 2) != first)
    }

    /// The batch insertion reimplements hnswlib's addPoint from its parts: with batches of one row
    /// it must link exactly as hnswlib's own sequential addPoint does, byte for byte.
    @Test func batchesOfOneRowAreHnswlibsOwnInsertion() throws {
        let small = VectorIndex(normalizing: SyntheticVectors.clustered(count: 3_000, dimensions: 20, seed: 11), dimensions: 20)
        let parameters = GraphParameters(m: 6, efConstruction: 50, seed: 3)
        func bytes(_ linking: GraphIndex.Linking) throws -> [UInt8] {
            try small.withUnsafeVectors { try GraphIndex.build(vectors: $0, dimensions: 20, parameters: parameters, linking: linking) }
        }
        let hnswlib = try bytes(.hnswlibSequential)
        #expect(try bytes(.batches(largest: 1, threads: 1)) == hnswlib)
        #expect(try bytes(.batches(largest: 1, threads: 4)) == hnswlib)
        // Real batches link differently (a batch's rows do not see each other), or the test above
        // would not tell the two paths apart.
        #expect(try bytes(.batches(threads: 1)) != hnswlib)
    }

    /// Batches are shared out among threads, and the graph must not depend on how many.
    @Test func theGraphIsTheSameBytesForAnyThreadCount() throws {
        let vectors = VectorIndex(normalizing: SyntheticVectors.clustered(count: 6_000, dimensions: 24, seed: 12), dimensions: 24)
        func bytes(threads: Int) throws -> [UInt8] {
            try vectors.withUnsafeVectors {
                try GraphIndex.build(vectors: $0, dimensions: 24, parameters: GraphParameters(m: 8, efConstruction: 64, seed: 4), threads: threads)
            }
        }
        let one = try bytes(threads: 1)
        for threads in [2, 3, 8] { #expect(try bytes(threads: threads) == one, "\(threads) threads") }
    }

    /// Batched linking keeps the graph as good as hnswlib's sequential one: recall@10 of the same
    /// queries within a point of it (both are held to 0.98 by `recallAtTenAgainstTheExactScan`).
    @Test func batchedLinkingFindsWhatSequentialLinkingFinds() throws {
        let parameters = GraphParameters(m: 16, efConstruction: 100, seed: 7)
        let sequential = try Self.index.withUnsafeVectors {
            try GraphIndex.build(vectors: $0, dimensions: 32, parameters: parameters, linking: .hnswlibSequential)
        }
        let owned = AlignedBytes(sequential)
        let reference = try GraphIndex(section: UnsafeRawBufferPointer(owned.buffer), owner: owned, over: Self.index, origin: "test")
        func recall(_ graph: GraphIndex) -> Double {
            var found = 0
            for query in Self.queries {
                let scan = ScanQuery(query)
                let truth = Set(Self.index.search(query, k: 10).map(\.row))
                found += graph.candidates(scan, ef: 12).prefix(10).filter(truth.contains).count
            }
            return Double(found) / Double(10 * Self.queries.count)
        }
        let batched = recall(Self.graph)
        let hnswlib = recall(reference)
        #expect(batched >= hnswlib - 0.01, "batched \(batched), sequential \(hnswlib)")
    }

    @Test func badGraphBytesAreClearErrors() throws {
        let small = VectorIndex(normalizing: SyntheticVectors.clustered(count: 500, dimensions: 16, seed: 3), dimensions: 16)
        let good = try small.withUnsafeVectors {
            try GraphIndex.build(vectors: $0, dimensions: 16, parameters: GraphParameters(m: 8, efConstruction: 32, seed: 1))
        }
        func load(_ bytes: [UInt8], over index: VectorIndex = small) throws {
            let owned = AlignedBytes(bytes)
            _ = try GraphIndex(section: UnsafeRawBufferPointer(owned.buffer), owner: owned, over: index, origin: "test.podsim: section 'HNSW'")
        }
        try load(good)
        func message(_ bytes: [UInt8], over index: VectorIndex = small) -> String {
            do {
                try load(bytes, over: index)
                return "loaded"
            } catch let error as PodsimError {
                #expect(error.code == .modelFile)
                #expect(error.message.hasPrefix("test.podsim: section 'HNSW'"), "\(error.message)")
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(message(Array(good.prefix(20))).contains("truncated"))
        #expect(message(Array(good.prefix(100))).contains("truncated inside hnswlib's header"))
        #expect(message(Array(good.dropLast(5))).contains("truncated") || message(Array(good.dropLast(5))).contains("bad"))
        #expect(message(good + [0, 0, 0, 0]).contains("bytes follow"))
        var version = good
        version[0] = 9
        #expect(message(version).contains("layout version 9"))
        // A link of the first bottom-layer list pointing past the last row.
        var link = good
        let firstLink = GraphSection.headerBytes + 96 + 4
        link.replaceSubrange(firstLink..<(firstLink + 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(message(link).contains("point 0 of the bottom layer"))
        let other = VectorIndex(normalizing: SyntheticVectors.clustered(count: 400, dimensions: 16, seed: 3), dimensions: 16)
        #expect(message(good, over: other).contains("500 × 16 vectors, the model has 400 × 16"))
    }
}
