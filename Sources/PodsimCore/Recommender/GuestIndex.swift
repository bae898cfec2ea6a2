/// What guest queries need of a model that no query changes, derived once from the model value
/// (`PodsimModel.guestIndex`): a new model — a reload, an ADD, anything that replaces the model —
/// derives it anew, and no query ever builds any of it.
///
/// - Each guest's episode rows, grouped and contiguous: the model file's GSEO/GSER sections
///   (offsets by guest, then rows in row order), read in place with no copy.
/// - Each episode's guests, contiguous: EPGO/EPGI, also in place; guests of an episode ascend.
/// - Each show's guests, contiguous and ascending (built here: one pass over the episodes), so
///   `not_on_shows` costs the guests of the named shows, not a pass over the catalogue.
///
/// No per-guest profile vector is kept: guests are ranked by their best episode (CombMAX, see
/// `Recommender.guests`), not by a guest-level vector, and GUESTS_LIKE's centroid of one guest
/// is summed from that guest's contiguous rows per query (episodes × dimensions multiply-adds).
public struct GuestIndex: Sendable {
    /// `showGuests[showGuestOffsets[s]..<showGuestOffsets[s + 1]]`: the guests (indices into
    /// the guest table) with at least one episode of show number `s`, ascending.
    let showGuestOffsets: [Int32]
    let showGuests: [Int32]

    /// Rows with at least one guest: a guest ranking's candidates are these rows, tested by one
    /// bit instead of a look into the episode's guest list (which, done for every row a scan
    /// offered, cost GUESTS_LIKE at 1M a fifth as much as its int8 scan).
    let rowsWithGuests: BitSet

    private let guestOffsets: MappedArray<UInt32>
    private let guestRows: MappedArray<UInt32>
    private let episodeGuestOffsets: MappedArray<UInt32>
    private let episodeGuests: MappedArray<UInt32>

    public var guestCount: Int { guestOffsets.count - 1 }

    public init(guests: GuestTable, episodes: EpisodeTable) {
        guestOffsets = guests.episodeOffsets
        guestRows = guests.episodeRows
        episodeGuestOffsets = episodes.guestOffsets
        episodeGuests = episodes.guestIndices
        (showGuestOffsets, showGuests) = Self.guestsByShow(episodes, showCount: episodes.shows.count, guestCount: guests.count)
        var rows = BitSet(count: episodes.count)
        episodes.guestOffsets.withUnsafeBufferPointer { offsets in
            for row in 0..<episodes.count where offsets[row + 1] > offsets[row] { rows.insert(row) }
        }
        rowsWithGuests = rows
    }

    /// Episodes of `guest`.
    func episodeCount(of guest: Int) -> Int { Int(guestOffsets[guest + 1]) - Int(guestOffsets[guest]) }

    /// Calls `body` with each row of `guest`'s episodes, ascending.
    func forEachRow(of guest: Int, _ body: (Int) -> Void) {
        guestRows.withUnsafeBufferPointer { rows in
            for i in Int(guestOffsets[guest])..<Int(guestOffsets[guest + 1]) { body(Int(rows[i])) }
        }
    }

    /// Counting sort of (show, guest) pairs by show, then each show's guests sorted and made
    /// unique: O(appearances + guests per show × log of it), no dictionary.
    private static func guestsByShow(_ episodes: EpisodeTable, showCount: Int, guestCount: Int) -> ([Int32], [Int32]) {
        var counts = [Int32](repeating: 0, count: showCount + 1)
        let rows = episodes.count
        episodes.guestOffsets.withUnsafeBufferPointer { offsets in
            episodes.showIndex.withUnsafeBufferPointer { shows in
                for row in 0..<rows { counts[Int(shows[row]) + 1] += Int32(offsets[row + 1] - offsets[row]) }
            }
        }
        for show in 0..<showCount { counts[show + 1] += counts[show] }
        var next = counts
        var pairs = [Int32](repeating: 0, count: Int(counts[showCount]))
        episodes.guestOffsets.withUnsafeBufferPointer { offsets in
            episodes.showIndex.withUnsafeBufferPointer { shows in
                episodes.guestIndices.withUnsafeBufferPointer { guests in
                    for row in 0..<rows {
                        let show = Int(shows[row])
                        for i in Int(offsets[row])..<Int(offsets[row + 1]) {
                            pairs[Int(next[show])] = Int32(guests[i])
                            next[show] += 1
                        }
                    }
                }
            }
        }
        // Each show's distinct guests, found by stamping each guest with the last show it was
        // seen in, then sorted in place: no array per show, and no sort of the repeats.
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(showCount + 1)
        var unique: [Int32] = []
        unique.reserveCapacity(pairs.count)
        var lastShow = [Int32](repeating: -1, count: guestCount)
        for show in 0..<showCount {
            let start = unique.count
            for guest in pairs[Int(counts[show])..<Int(counts[show + 1])] where lastShow[Int(guest)] != Int32(show) {
                lastShow[Int(guest)] = Int32(show)
                unique.append(guest)
            }
            unique[start...].sort()
            offsets.append(Int32(unique.count))
        }
        return (offsets, unique)
    }

    /// Rows of `guest`'s episodes, ascending.
    public func rows(of guest: Int) -> [Int] {
        guestRows.withUnsafeBufferPointer { rows in
            (Int(guestOffsets[guest])..<Int(guestOffsets[guest + 1])).map { Int(rows[$0]) }
        }
    }

    /// Calls `body` with each guest of episode `row`, ascending; stops when it returns false.
    @inline(__always)
    func forEachGuest(ofRow row: Int, _ body: (Int) -> Bool) {
        let range = Int(episodeGuestOffsets[row])..<Int(episodeGuestOffsets[row + 1])
        for i in range where !body(Int(episodeGuests[i])) { return }
    }

    /// Whether episode `row` has a guest not in `excluded`.
    func hasGuest(ofRow row: Int, notIn excluded: BitSet) -> Bool {
        var found = false
        forEachGuest(ofRow: row) { guest in
            found = !excluded.contains(guest)
            return !found
        }
        return found
    }

    /// Guests with at least one episode of show number `show`, ascending.
    func guests(ofShow show: Int) -> ArraySlice<Int32> {
        showGuests[Int(showGuestOffsets[show])..<Int(showGuestOffsets[show + 1])]
    }
}
