import Foundation
import PodsimEpisodes

/// The first pass of a streaming build: everything of the catalogue but the descriptions, packed
/// (ids, titles, dates, shows, numbers, durations, guests), each description's length, and the
/// fit sample's texts. At 10M synthetic episodes this is about 2 GB, where the episodes
/// themselves are 12 GB of JSON. Indices are arrival order; `rowOrder()` gives the model's.
struct CatalogueScan {
    private(set) var ids = PackedStrings()
    private(set) var titles = PackedStrings()
    private(set) var published = PackedStrings()
    private(set) var showOfEpisode: [UInt32] = []
    private var showIndex: [String: UInt32] = [:]
    /// Show names by first appearance.
    private(set) var showNames: [String] = []
    private(set) var numbers: [Int64] = []
    private(set) var durations: [UInt32] = []
    private(set) var descriptionLengths: [UInt64] = []
    private(set) var guests = GuestAccumulator()
    var sample: FitSample

    init(sampleSize: Int, seed: UInt64) {
        sample = FitSample(size: sampleSize, seed: seed)
    }

    var count: Int { ids.count }

    mutating func add(_ episode: Episode) {
        sample.offer(id: episode.id, index: ids.count, text: episode.indexedText)
        ids.append(episode.id)
        titles.append(episode.title)
        published.append(episode.published ?? "")
        if let index = showIndex[episode.show] {
            showOfEpisode.append(index)
        } else {
            let index = UInt32(showNames.count)
            showIndex[episode.show] = index
            showNames.append(episode.show)
            showOfEpisode.append(index)
        }
        numbers.append(episode.number.map(Int64.init) ?? EpisodeTable.noNumber)
        durations.append(episode.durationSeconds.map { UInt32(clamping: $0) } ?? EpisodeTable.noDuration)
        descriptionLengths.append(UInt64(episode.description.utf8.count))
        guests.add(episode.guests)
    }

    /// Heap bytes held, roughly (capacities of the large arrays).
    var heapBytes: Int {
        ids.heapBytes + titles.heapBytes + published.heapBytes
            + showOfEpisode.capacity * 4 + numbers.capacity * 8 + durations.capacity * 4
            + descriptionLengths.capacity * 8 + guests.flat.capacity * 4 + guests.ends.capacity * 8
    }

    /// Arrival indices in row order — ascending id bytes, as `ModelBuilder.rowOrder` — checked
    /// for duplicate ids.
    func rowOrder() throws -> [UInt32] {
        var order = (0..<UInt32(count)).map { $0 }
        ids.bytes.withUnsafeBufferPointer { bytes in
            ids.ends.withUnsafeBufferPointer { ends in
                func slice(_ i: UInt32) -> UnsafeBufferPointer<UInt8> {
                    let start = i == 0 ? 0 : Int(ends[Int(i) - 1])
                    return UnsafeBufferPointer(rebasing: bytes[start..<Int(ends[Int(i)])])
                }
                func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int32 {
                    let common = min(a.count, b.count)
                    let c = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                    return c != 0 ? c : Int32(a.count) - Int32(b.count)
                }
                order.sort { compare(slice($0), slice($1)) < 0 }
            }
        }
        for (previous, next) in zip(order, order.dropFirst()) where ids.sameBytes(Int(previous), Int(next)) {
            throw PodsimError(.invalidInput, "episode id '\(ids.string(Int(next)))' appears twice")
        }
        return order
    }
}
