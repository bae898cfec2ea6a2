import PodsimEpisodes

/// Episode metadata of a loaded model, read in place from the model file's in-memory copy: nothing is
/// decoded until it is asked for, so a 1M-episode model opens without turning 1M ids, titles and
/// descriptions into Swift strings.
///
/// A class, not a struct: its tables each hold references to the file's image, and a struct was
/// copied — a dozen reference counts — every time a query read `model.episodes`, once per hit.
public final class EpisodeTable: Sendable {
    let ids: StringTable
    let titles: StringTable
    let published: StringTable
    let descriptions: StringTable
    let showIndex: MappedArray<UInt32>
    let numbers: MappedArray<Int64>
    let durations: MappedArray<UInt32>
    let guestOffsets: MappedArray<UInt32>
    let guestIndices: MappedArray<UInt32>
    /// Show names, indexed by `showIndex` (few, so decoded at load).
    public let shows: [String]

    /// Sentinel for "no episode number" in `EPNO`.
    static let noNumber = Int64.min
    /// Sentinel for "no duration" in `EPDU`.
    static let noDuration = UInt32.max

    public var count: Int { ids.count }

    init(reader: ModelFileReader, guestCount: Int) throws {
        ids = try reader.stringTable(ModelSections.episodeIDs)
        titles = try reader.stringTable(ModelSections.episodeTitles)
        published = try reader.stringTable(ModelSections.episodePublished)
        descriptions = try reader.stringTable(ModelSections.episodeDescriptions)
        showIndex = try reader.mappedArray(ModelSections.episodeShows)
        numbers = try reader.mappedArray(ModelSections.episodeNumbers)
        durations = try reader.mappedArray(ModelSections.episodeDurations)
        guestOffsets = try reader.mappedArray(ModelSections.episodeGuestOffsets)
        guestIndices = try reader.mappedArray(ModelSections.episodeGuests)
        shows = try reader.stringTable(ModelSections.shows).strings()

        let n = ids.count
        func check(_ ok: Bool, _ what: String) throws {
            guard ok else { throw PodsimError(.modelFile, "\(reader.path): \(what)") }
        }
        try check(
            [titles.count, published.count, descriptions.count, showIndex.count, numbers.count, durations.count]
                .allSatisfy { $0 == n },
            "episode sections disagree on the number of episodes (\(n) ids)")
        try check(guestOffsets.count == n + 1, "EPGO has \(guestOffsets.count) offsets for \(n) episodes")
        try check(guestOffsets.last.map { Int($0) == guestIndices.count } ?? false, "EPGO does not end at EPGI's size")
        try check(zip(guestOffsets, guestOffsets.dropFirst()).allSatisfy { $0 <= $1 }, "EPGO offsets decrease")
        try check(guestIndices.allSatisfy { Int($0) < guestCount }, "EPGI names a guest beyond the guest table")
        try check(showIndex.allSatisfy { Int($0) < shows.count }, "EPSH names a show beyond the show table")
        // Row order is id order (binary search relies on it): check once, comparing raw UTF-8.
        if let row = try ids.firstUnsortedIndex() { try check(false, "episode ids are not strictly sorted at row \(row)") }
    }

    /// The row of episode `id`, by binary search over the sorted ids (no id is decoded).
    public func row(of id: String) -> Int? { ids.index(of: id) }

    /// The rows whose ids are nearest to `id` in sort order (for "did you mean" hints on big models).
    func neighbourRows(of id: String, radius: Int) -> Range<Int> {
        let insertion = ids.insertionPoint(of: id) ?? 0
        return max(0, insertion - radius)..<min(count, insertion + radius)
    }

    public func id(_ row: Int) -> String { (try? ids.string(at: row)) ?? "" }
    public func title(_ row: Int) -> String { (try? titles.string(at: row)) ?? "" }
    public func show(_ row: Int) -> String { shows[Int(showIndex[row])] }
    /// The show's index in `shows` (cheap comparisons for "exclude the same show").
    public func showNumber(_ row: Int) -> Int { Int(showIndex[row]) }
    /// ISO date or "" when unknown.
    public func published(_ row: Int) -> String { (try? published.string(at: row)) ?? "" }
    public func description(_ row: Int) -> String { (try? descriptions.string(at: row)) ?? "" }
    public func guestIndices(_ row: Int) -> [Int] {
        (Int(guestOffsets[row])..<Int(guestOffsets[row + 1])).map { Int(guestIndices[$0]) }
    }

    /// The whole episode; `guestName` turns guest indices into display names.
    public func episode(_ row: Int, guestName: (Int) -> String) -> Episode {
        let number = numbers[row]
        let duration = durations[row]
        let date = published(row)
        return Episode(
            id: id(row), show: show(row), number: number == Self.noNumber ? nil : Int(number),
            title: title(row), published: date.isEmpty ? nil : date,
            durationSeconds: duration == Self.noDuration ? nil : Int(duration),
            description: description(row), guests: guestIndices(row).map(guestName))
    }
}

extension EpisodeTable {
    /// Writes the episode sections for `episodes`, which must already be in row (id) order;
    /// `guestIndices[i]` are episode i's guests as indices into the guest table.
    static func write(_ episodes: [Episode], guestIndices: [[Int]], to writer: inout ModelFileWriter) throws {
        let shows = Array(Set(episodes.map(\.show))).sorted(by: StringTable.precedes)
        let showNumber = Dictionary(uniqueKeysWithValues: shows.enumerated().map { ($0.element, UInt32($0.offset)) })
        try writer.addStringTable(ModelSections.episodeIDs, episodes.map(\.id))
        try writer.addStringTable(ModelSections.episodeTitles, episodes.map(\.title))
        try writer.addStringTable(ModelSections.episodePublished, episodes.map { $0.published ?? "" })
        try writer.addStringTable(ModelSections.episodeDescriptions, episodes.map(\.description))
        try writer.addArray(ModelSections.episodeShows, episodes.map { showNumber[$0.show]! })
        try writer.addArray(ModelSections.episodeNumbers, episodes.map { $0.number.map(Int64.init) ?? noNumber })
        try writer.addArray(
            ModelSections.episodeDurations,
            episodes.map { $0.durationSeconds.map { UInt32(clamping: $0) } ?? noDuration })
        var offsets: [UInt32] = [0]
        var flat: [UInt32] = []
        for guests in guestIndices {
            flat.append(contentsOf: guests.map(UInt32.init))
            offsets.append(UInt32(flat.count))
        }
        try writer.addArray(ModelSections.episodeGuestOffsets, offsets)
        try writer.addArray(ModelSections.episodeGuests, flat)
        try writer.addStringTable(ModelSections.shows, shows)
    }
}
