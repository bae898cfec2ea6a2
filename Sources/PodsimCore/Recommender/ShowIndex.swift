import Foundation

/// What "shows like this" needs of a model, derived once per model (`DerivedTables`), never per
/// query: each show's episode rows and its vector.
///
/// A show's vector is the mean of its episodes' unit vectors, scaled to unit length (the
/// centroid), so a show is as near another as their average episodes are, whatever their sizes.
/// Measured against the alternative — score every episode against the asked show's centroid and
/// give a show its best episode's score — on the labelled shows of `Tests/Labels/`
/// (docs/HOW-IT-WORKS.md has the numbers), the centroid ranked better; it is also a scan over
/// shows, not episodes.
struct ShowIndex: Sendable {
    let dimensions: Int
    /// `rows[offsets[s]..<offsets[s + 1]]` are show s's episode rows, ascending.
    let offsets: [Int]
    let rows: [Int32]
    /// Show s's unit centroid at `centroids[s * dimensions ..< (s + 1) * dimensions]` (all zero
    /// for a show whose episodes have no known terms).
    let centroids: [Float]
    /// Show name → show number (the index into `EpisodeTable.shows`).
    let numbers: [String: Int]

    var count: Int { offsets.count - 1 }

    init(_ model: PodsimModel) {
        let table = model.episodes
        let showCount = table.shows.count
        let d = model.dimensions
        var counts = [Int](repeating: 0, count: showCount)
        for row in 0..<table.count { counts[table.showNumber(row)] += 1 }
        var offsets = [0]
        offsets.reserveCapacity(showCount + 1)
        for count in counts { offsets.append(offsets.last! + count) }
        var next = Array(offsets.dropLast())
        var rows = [Int32](repeating: 0, count: table.count)
        for row in 0..<table.count {
            let show = table.showNumber(row)
            rows[next[show]] = Int32(row)
            next[show] += 1
        }
        self.dimensions = d
        self.offsets = offsets
        self.rows = rows
        centroids = Self.centroids(offsets: offsets, rows: rows, index: model.index)
        numbers = Dictionary(uniqueKeysWithValues: table.shows.enumerated().map { ($0.element, $0.offset) })
    }

    /// Each show's unit centroid. A show's sum adds its rows in ascending order, in Double (a show
    /// of 100k episodes would lose the small components in Float); shows are shared out among the
    /// cores in runs of about equal rows, so the additions, and the bits, are the same for any
    /// number of cores. At 1M episodes this was 0.46 s of a server's start on one thread.
    /// `parts`: how many runs of shows to share out (tests ask for several on small models).
    static func centroids(offsets: [Int], rows: [Int32], index: VectorIndex, parts: Int? = nil) -> [Float] {
        let showCount = offsets.count - 1
        let d = index.dimensions
        guard showCount > 0, d > 0 else { return [Float](repeating: 0, count: showCount * d) }
        let parts = max(1, min(showCount, parts ?? min(rows.count / 8_192, 4 * ProcessInfo.processInfo.activeProcessorCount)))
        // Part p takes the shows whose first row falls in its share of all rows; the parts'
        // centroids, joined in part order, are every show's in show order.
        var show = 0
        let firstShow = (0...parts).map { part in
            while show < showCount && offsets[show] < part * rows.count / parts { show += 1 }
            return part == parts ? showCount : show
        }
        return index.withUnsafeVectors { vectors in
            nonisolated(unsafe) let vectors = vectors  // read only, and only while `run` runs
            return Array(ParallelScan.run(0..<parts, parts: parts) { part in
                let shows = firstShow[part.lowerBound]..<firstShow[part.lowerBound + 1]
                var centroids = [Float](repeating: 0, count: shows.count * d)
                var sums = [Double](repeating: 0, count: d)
                sums.withUnsafeMutableBufferPointer { sums in
                    for (slot, show) in shows.enumerated() {
                        sums.update(repeating: 0)
                        for position in offsets[show]..<offsets[show + 1] {
                            let vector = vectors.baseAddress! + Int(rows[position]) * d
                            for j in 0..<d { sums[j] += Double(vector[j]) }
                        }
                        var squares = 0.0
                        for j in 0..<d { squares += sums[j] * sums[j] }
                        let norm = squares.squareRoot()
                        guard norm > 0 else { continue }
                        for j in 0..<d { centroids[slot * d + j] = Float(sums[j] / norm) }
                    }
                }
                return centroids
            }.joined())
        }
    }

    func rows(of show: Int) -> ArraySlice<Int32> { rows[offsets[show]..<offsets[show + 1]] }

    func centroid(_ show: Int) -> ArraySlice<Float> { centroids[(show * dimensions)..<((show + 1) * dimensions)] }
}
