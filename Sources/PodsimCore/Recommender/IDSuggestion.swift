/// "Did you mean …?" for an unknown episode id: the known id with the smallest edit distance.
enum IDSuggestion {
    /// Up to this many episodes every id is compared; above it only the ids that sort near the
    /// asked one (a typo usually keeps the show prefix), so the hint stays O(log n).
    static let exhaustiveLimit = 20_000
    static let neighbourRadius = 64

    static func closest(to id: String, in table: EpisodeTable) -> String? {
        guard table.count > 0 else { return nil }
        let rows = table.count <= exhaustiveLimit
            ? 0..<table.count : table.neighbourRows(of: id, radius: neighbourRadius)
        let wanted = Array(id.lowercased().unicodeScalars)
        var best: (distance: Int, id: String)?
        for row in rows {
            let candidate = table.id(row)
            let distance = editDistance(wanted, Array(candidate.lowercased().unicodeScalars))
            if best == nil || distance < best!.distance { best = (distance, candidate) }
        }
        // A suggestion that shares almost nothing with the input is noise, not help.
        guard let best, best.distance <= max(3, wanted.count / 2) else { return nil }
        return best.id
    }

    /// Levenshtein distance (insert, delete, substitute each cost 1), two-row dynamic programme.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
