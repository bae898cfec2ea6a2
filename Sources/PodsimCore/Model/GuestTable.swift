import PodsimEpisodes

/// The distinct guests of a model (hosts never among them), sorted by their normalised name key
/// (`GuestName.key`: case, diacritics and whitespace folded), each with the rows of their episodes.
public struct GuestTable: Sendable {
    /// Display names, by guest index.
    public let names: [String]
    /// Normalised keys, by guest index, ascending (`StringTable.precedes`), read in place.
    let keys: StringTable
    let episodeOffsets: MappedArray<UInt32>
    let episodeRows: MappedArray<UInt32>

    public var count: Int { names.count }

    init(reader: ModelFileReader, episodeCount: Int) throws {
        // Guests are few next to episodes (a person per many episodes): decoding them is cheap.
        names = try reader.stringTable(ModelSections.guestNames).strings()
        keys = try reader.stringTable(ModelSections.guestKeys)
        episodeOffsets = try reader.mappedArray(ModelSections.guestEpisodeOffsets)
        episodeRows = try reader.mappedArray(ModelSections.guestEpisodes)
        func check(_ ok: Bool, _ what: String) throws {
            guard ok else { throw PodsimError(.modelFile, "\(reader.path): \(what)") }
        }
        try check(keys.count == names.count, "GSTK and GSTN disagree on the number of guests")
        try check(episodeOffsets.count == names.count + 1, "GSEO has \(episodeOffsets.count) offsets for \(names.count) guests")
        try check(episodeOffsets.last.map { Int($0) == episodeRows.count } ?? false, "GSEO does not end at GSER's size")
        try check(zip(episodeOffsets, episodeOffsets.dropFirst()).allSatisfy { $0 <= $1 }, "GSEO offsets decrease")
        try check(episodeRows.allSatisfy { Int($0) < episodeCount }, "GSER names an episode beyond the episode table")
        try check(try keys.firstUnsortedIndex() == nil, "guest keys are not strictly sorted")
    }

    /// The guest whose name is `name` in any spelling (case, diacritics, spacing), or nil.
    public func index(of name: String) -> Int? { keys.index(of: GuestName.key(for: name)) }

    /// The folded key of guest `index` (read in place).
    func key(_ index: Int) -> String { (try? keys.string(at: index)) ?? "" }

    /// Rows of the guest's episodes, in row order.
    public func episodeRows(of guest: Int) -> [Int] {
        (Int(episodeOffsets[guest])..<Int(episodeOffsets[guest + 1])).map { Int(episodeRows[$0]) }
    }
}

extension GuestTable {
    /// Writes the guest sections. `directory.entries` are sorted by key; `rowOfID` maps an
    /// episode id to its row. Returns each episode row's guest indices, for the episode table.
    static func write(
        _ directory: GuestDirectory, episodeCount: Int, rowOfID: [String: Int], to writer: inout ModelFileWriter
    ) throws -> [[Int]] {
        var guestsOfRow = [[Int]](repeating: [], count: episodeCount)
        var offsets: [UInt32] = [0]
        var rows: [UInt32] = []
        // The file's order is the one every sorted table uses, whatever order the directory kept.
        let entries = directory.entries.sorted { StringTable.precedes($0.key, $1.key) }
        for (guest, entry) in entries.enumerated() {
            let entryRows = entry.episodeIDs.compactMap { rowOfID[$0] }.sorted()
            for row in entryRows { guestsOfRow[row].append(guest) }
            rows.append(contentsOf: entryRows.map(UInt32.init))
            offsets.append(UInt32(rows.count))
        }
        try writer.addStringTable(ModelSections.guestNames, entries.map(\.displayName))
        try writer.addStringTable(ModelSections.guestKeys, entries.map(\.key))
        try writer.addArray(ModelSections.guestEpisodeOffsets, offsets)
        try writer.addArray(ModelSections.guestEpisodes, rows)
        return guestsOfRow
    }
}
