import PodsimEpisodes

/// Finds guests in one episode's title and text. Three kinds of evidence are used:
///
/// 1. a label: `Guest: Pete Hunt, CEO of Dagster` (the name runs up to the comma);
/// 2. a contact line: `Trevor's contact information` / `Mathias' contact information`, widened
///    to the full name the text uses (`Trevor Stuart`), or kept as given (`Whitney`);
/// 3. a source title: `… with Lukas Gentele: …` or `Gene Kim on …`, accepted only when the run
///    looks like a person's name and the name (or its last word) also appears in the text —
///    title case capitalizes every word, so the title alone is weak evidence.
///
/// Hosts are removed, names are deduplicated by `GuestName` key, and a lone first name is
/// dropped when a full name with that first name was also found. The result is ordered by
/// first appearance in `title + text`.
public struct GuestExtractor: Sendable {
    /// The show's hosts; never reported as guests.
    public var hosts: HostSet

    public init(hosts: HostSet = HostSet()) {
        self.hosts = hosts
    }

    /// Guests of one episode. `title` is a title given by the source (nil for a derived title:
    /// a derived title is the text's first sentence, not an editorial headline).
    public func guests(title: String?, text: String) -> [String] {
        var candidates = labelledGuests(in: text) + contactGuests(in: text)
        if let title { candidates += titleGuests(in: title, text: text) }
        return finish(candidates, searchText: (title ?? "") + "\n" + text)
    }

    /// `Guest: <name>, <role>` (the label may be glued to the previous sentence). A clause of
    /// names joined by `and`/`&` (`Guest: Ann Lee and Bo Chen, founders`) gives each name; after a
    /// part that is not wholly a name (`Pete Hunt is the CEO and …`) the rest is prose, not names.
    func labelledGuests(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let label = rest.firstRange(of: "Guest:") {
            let after = rest[label.upperBound...]
            let clause = after.prefix(while: { $0 != "," && !$0.isNewline }).prefix(80)
            let parts = WordToken.tokens(in: clause).split(whereSeparator: { $0.raw == "and" || $0.raw == "&" })
            for part in parts.map(Array.init) {
                guard let name = PersonNameShape.run(forwardFrom: 0, in: part, minWords: 1) else { break }
                found.append(name)
                if name.split(separator: " ").count != part.count { break }
            }
            rest = after
        }
        return found
    }

    /// `<Name>'s contact information`, widened to the full name used in the text.
    func contactGuests(in text: String) -> [String] {
        var found: [String] = []
        let tokens = WordToken.tokens(in: Substring(text))
        for i in tokens.indices.dropFirst()
        where tokens[i].core.lowercased() == "contact"
            && i + 1 < tokens.count && tokens[i + 1].core.lowercased().hasPrefix("information")
        {
            guard let stem = WordToken.possessiveStem(tokens[i - 1].raw) else { continue }
            var owner = tokens
            owner[i - 1] = WordToken(stem)
            guard let given = PersonNameShape.run(backwardFrom: i - 1, in: owner, minWords: 1) else { continue }
            found.append(given.contains(" ") ? given : fullName(startingWith: given, in: tokens) ?? given)
        }
        return found
    }

    /// `… with <Name>` and `<Name> on …` in a source title, confirmed by the text.
    func titleGuests(in title: String, text: String) -> [String] {
        let tokens = WordToken.tokens(in: Substring(title))
        var found: [String] = []
        for (i, token) in tokens.enumerated() {
            switch token.raw.lowercased() {
            case "with" where i + 1 < tokens.count && !token.endsPhrase:
                if let name = PersonNameShape.run(forwardFrom: i + 1, in: tokens) { found.append(name) }
            case "on" where i > 0 && !token.startsPhrase:
                if let name = PersonNameShape.run(backwardFrom: i - 1, in: tokens) { found.append(name) }
            default:
                continue
            }
        }
        let textWords = Set(WordToken.tokens(in: Substring(text)).map { String($0.core) })
        return found.filter { name in
            text.contains(name) || name.split(separator: " ").last.map { textWords.contains(String($0)) } == true
        }
    }

    /// The first `<given> <Family…>` run in the text, e.g. `Mathias Buus Madsen` for `Mathias`.
    private func fullName(startingWith given: String, in tokens: [WordToken]) -> String? {
        for (i, token) in tokens.enumerated() where token.core == given && !token.endsPhrase {
            if let name = PersonNameShape.run(forwardFrom: i, in: tokens) { return name }
        }
        return nil
    }

    /// Removes hosts and duplicates, folds lone first names into full names, orders by appearance.
    private func finish(_ candidates: [String], searchText: String) -> [String] {
        var seen: Set<String> = []
        var names: [GuestName] = []
        for candidate in candidates.map(GuestName.init) where !hosts.contains(candidate.display) {
            if seen.insert(candidate.key).inserted { names.append(candidate) }
        }
        let fullFirstNames = Set(names.filter { $0.wordCount > 1 }.map(\.firstNameKey))
        names.removeAll { $0.wordCount == 1 && fullFirstNames.contains($0.key) }
        func position(_ name: GuestName) -> Int {
            guard let range = searchText.firstRange(of: name.display) else { return Int.max }
            return searchText.distance(from: searchText.startIndex, to: range.lowerBound)
        }
        let positions = names.map(position)
        return zip(names, positions).enumerated()
            .sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }
            .map(\.element.0.display)
    }
}
