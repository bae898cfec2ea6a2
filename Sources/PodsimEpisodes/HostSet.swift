/// The hosts of one show, used to keep hosts out of guest lists.
/// A host matches by full name (`Cory O’Daniel`) and by first name alone (`Darin` for `Darin Pope`).
public struct HostSet: Sendable, Equatable {
    /// Display names in detection order, deduplicated by `GuestName` key.
    public private(set) var names: [String] = []
    private var keys: Set<String> = []
    private var firstNameKeys: Set<String> = []

    public init(_ names: [String] = []) {
        for name in names { insert(name) }
    }

    /// Adds a host unless the same person (by key) is already present. A single first name that
    /// matches an existing host's first name is the same person (`Darin` after `Darin Pope`).
    public mutating func insert(_ name: String) {
        let host = GuestName(name)
        guard !host.key.isEmpty, !contains(name) else { return }
        // A full name arriving after its first name alone replaces it: `Darin` then `Darin Pope`.
        if host.wordCount > 1, let single = names.firstIndex(where: { GuestName($0).key == host.firstNameKey }) {
            names[single] = host.display
        } else {
            names.append(host.display)
        }
        keys = Set(names.map { GuestName($0).key })
        firstNameKeys = Set(names.map { GuestName($0).firstNameKey })
    }

    /// True when `name` is one of the hosts, by full name or by a host's first name alone.
    public func contains(_ name: String) -> Bool {
        let candidate = GuestName(name)
        if keys.contains(candidate.key) { return true }
        return candidate.wordCount == 1 && firstNameKeys.contains(candidate.key)
    }
}
