import PodsimEpisodes

/// Guests of a catalogue gathered one episode at a time, as integers: what `GuestDirectory`
/// computes from every episode at once (one entry per `GuestName` key, spelling counts in
/// first-seen order for the display name), without keeping an id string per appearance.
struct GuestAccumulator {
    private var indexOfKey: [String: UInt32] = [:]
    /// By first appearance.
    private(set) var keys: [String] = []
    private(set) var spellings: [[(spelling: String, count: Int)]] = []
    /// Episode e's guests (first-appearance indices) are `flat[ends[e-1]..<ends[e]]`, distinct.
    private(set) var ends: [UInt64] = []
    private(set) var flat: [UInt32] = []

    var episodeCount: Int { ends.count }

    /// Adds the next episode's guests (display names, as the episode lists them).
    mutating func add(_ guests: [String]) {
        let start = flat.count
        for guest in guests.map(GuestName.init) where !guest.key.isEmpty {
            let index: UInt32
            if let known = indexOfKey[guest.key] {
                index = known
            } else {
                index = UInt32(keys.count)
                indexOfKey[guest.key] = index
                keys.append(guest.key)
                spellings.append([])
            }
            if let i = spellings[Int(index)].firstIndex(where: { $0.spelling == guest.display }) {
                spellings[Int(index)][i].count += 1
            } else {
                spellings[Int(index)].append((guest.display, 1))
            }
            if !flat[start...].contains(index) { flat.append(index) }
        }
        ends.append(UInt64(flat.count))
    }

    /// Guests of episode `episode` (first-appearance indices).
    func guests(of episode: Int) -> ArraySlice<UInt32> {
        flat[(episode == 0 ? 0 : Int(ends[episode - 1]))..<Int(ends[episode])]
    }

    /// The guest sections' contents for episodes in row order (`inputOfRow[row]` is the row's
    /// episode in arrival order): guests sorted by key (`StringTable.precedes`, the model file's
    /// order), each with its display name and rows, and each row's guest indices, ascending —
    /// what `GuestTable.write` makes of a `GuestDirectory`.
    func table(inputOfRow: [UInt32]) -> GuestSections {
        let order = keys.indices.sorted { StringTable.precedes(keys[$0], keys[$1]) }
        var finalIndex = [UInt32](repeating: 0, count: keys.count)
        for (position, guest) in order.enumerated() { finalIndex[guest] = UInt32(position) }

        // Guest → rows, CSR, by counting: rows of each guest come out sorted because rows are
        // visited in order.
        var counts = [UInt32](repeating: 0, count: keys.count + 1)
        for guest in flat { counts[Int(finalIndex[Int(guest)]) + 1] += 1 }
        var guestOffsets = [UInt32](repeating: 0, count: keys.count + 1)
        for g in 0..<keys.count { guestOffsets[g + 1] = guestOffsets[g] + counts[g + 1] }
        var fill = Array(guestOffsets.dropLast())
        var guestRows = [UInt32](repeating: 0, count: flat.count)
        var rowOffsets: [UInt32] = [0]
        rowOffsets.reserveCapacity(inputOfRow.count + 1)
        var rowGuests: [UInt32] = []
        rowGuests.reserveCapacity(flat.count)
        for (row, input) in inputOfRow.enumerated() {
            let mine = guests(of: Int(input)).map { finalIndex[Int($0)] }.sorted()
            for guest in mine {
                guestRows[Int(fill[Int(guest)])] = UInt32(row)
                fill[Int(guest)] += 1
            }
            rowGuests.append(contentsOf: mine)
            rowOffsets.append(UInt32(rowGuests.count))
        }
        return GuestSections(
            names: order.map { GuestDirectory.preferred(spellings[$0]) }, keys: order.map { keys[$0] },
            episodeOffsets: guestOffsets, episodeRows: guestRows, rowOffsets: rowOffsets, rowGuests: rowGuests)
    }
}

/// The guest and episode-guest sections of a model file (`ModelSections`: GSTN, GSTK, GSEO,
/// GSER, EPGO, EPGI).
struct GuestSections {
    var names: [String]
    var keys: [String]
    var episodeOffsets: [UInt32]
    var episodeRows: [UInt32]
    var rowOffsets: [UInt32]
    var rowGuests: [UInt32]
}
