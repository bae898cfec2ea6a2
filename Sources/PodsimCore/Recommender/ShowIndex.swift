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
        var sums = [Double](repeating: 0, count: showCount * d)
        model.index.withUnsafeVectors { vectors in
            for row in 0..<table.count {
                let show = table.showNumber(row)
                rows[next[show]] = Int32(row)
                next[show] += 1
                // Double sums: a show of 100k episodes would lose the small components in Float.
                for j in 0..<d { sums[show * d + j] += Double(vectors[row * d + j]) }
            }
        }
        var centroids = [Float](repeating: 0, count: showCount * d)
        for show in 0..<showCount {
            let base = show * d
            let norm = (0..<d).reduce(0.0) { $0 + sums[base + $1] * sums[base + $1] }.squareRoot()
            guard norm > 0 else { continue }
            for j in 0..<d { centroids[base + j] = Float(sums[base + j] / norm) }
        }
        self.dimensions = d
        self.offsets = offsets
        self.rows = rows
        self.centroids = centroids
        numbers = Dictionary(uniqueKeysWithValues: table.shows.enumerated().map { ($0.element, $0.offset) })
    }

    func rows(of show: Int) -> ArraySlice<Int32> { rows[offsets[show]..<offsets[show + 1]] }

    func centroid(_ show: Int) -> ArraySlice<Float> { centroids[(show * dimensions)..<((show + 1) * dimensions)] }
}
