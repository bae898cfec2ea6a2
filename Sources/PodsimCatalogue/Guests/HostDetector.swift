import Foundation
import PodsimEpisodes

/// Detects a show's hosts from the page header and from its episodes, so that they are never
/// reported as guests. Nothing is hard-coded; the evidence is:
///
/// - header labels: `Author: Darin Pope`, `Host: …`, `Hosts: A and B`;
/// - a header phrase `hosted by <Name>`;
/// - a short header line `<Name>, <role>` whose role is a job title (`Cory O'Daniel, CEO of Massdriver`);
/// - a pair of first names joined by `and` that recurs across the show's episodes
///   (`Darin and Viktor explore …`).
enum HostDetector {
    /// Header labels whose value names the hosts (compared case-insensitively, without the colon).
    static let hostLabels: Set<String> = ["author", "authors", "host", "hosts", "hosted by", "presenter", "presenters"]
    /// Job-title words that mark `<Name>, <role>` header lines as describing a person.
    static let roleWords: Set<String> = [
        "ceo", "cto", "cpo", "coo", "founder", "co-founder", "cofounder", "host", "co-host", "author",
        "engineer", "producer", "editor", "president", "director", "vp", "head", "principal",
    ]
    /// A first-name pair must appear in at least this many episodes to count as hosts. Default 3.
    static let minPairEpisodes = 3
    /// …and in at least this share of the show's episodes when no header host corroborates it
    /// (no side of the pair is a header host's first name). Default 0.5.
    static let uncorroboratedPairShare = 0.5
    /// …and in at least this share when one side is a header host's first name. Default 0.25.
    static let corroboratedPairShare = 0.25

    /// Hosts named in the header lines (before the first episode), in order of appearance.
    static func headerHosts(_ lines: [Substring]) -> [String] {
        var hosts: [String] = []
        for line in lines {
            let tokens = WordToken.tokens(in: line)
            if let colon = line.firstIndex(of: ":"),
                hostLabels.contains(line[..<colon].trimmingSpaces.lowercased())
            {
                hosts += names(inList: line[line.index(after: colon)...])
            }
            for i in tokens.indices.dropLast()
            where tokens[i].core.lowercased() == "hosted"
                && tokens[i + 1].raw.lowercased() == "by"
            {
                if let name = PersonNameShape.run(forwardFrom: i + 2, in: tokens) { hosts.append(name) }
            }
            if let name = personWithRole(line, tokens: tokens) { hosts.append(name) }
        }
        return hosts
    }

    /// First names that recur as `<A> and <B>` across episode texts, in first-seen order.
    /// `headerHosts` corroborates a pair that shares a first name with a header host.
    static func recurringPairs(in texts: [String], headerHosts: HostSet) -> [String] {
        var episodesWithPair: [String: Int] = [:]
        var firstSeen: [String] = []
        for text in texts {
            let tokens = WordToken.tokens(in: Substring(text))
            var pairsHere: Set<String> = []
            for i in tokens.indices.dropFirst().dropLast() where tokens[i].raw == "and" {
                let left = tokens[i - 1]
                let right = tokens[i + 1]
                guard !left.endsPhrase, !right.startsPhrase, !left.isPossessive, !right.isPossessive,
                    PersonNameShape.isNameWord(left.core), PersonNameShape.isNameWord(right.core),
                    i < 2 || !PersonNameShape.isNameWord(tokens[i - 2].core) || tokens[i - 2].endsPhrase
                else { continue }
                pairsHere.insert(left.core + " and " + right.core)
            }
            for pair in pairsHere.sorted() {
                if episodesWithPair[pair] == nil { firstSeen.append(pair) }
                episodesWithPair[pair, default: 0] += 1
            }
        }
        var hosts: [String] = []
        for pair in firstSeen {
            let count = episodesWithPair[pair] ?? 0
            let names = pair.components(separatedBy: " and ")
            let corroborated = names.contains { headerHosts.contains($0) }
            let share = corroborated ? corroboratedPairShare : uncorroboratedPairShare
            if count >= minPairEpisodes, Double(count) >= share * Double(texts.count) {
                hosts += names
            }
        }
        return hosts
    }

    /// Names in a label value such as `Darin Pope` or `Darin Pope and Viktor Farcic, …`.
    private static func names(inList value: Substring) -> [String] {
        let parts = value.split(whereSeparator: { $0 == "," || $0 == "&" || $0 == ";" })
            .flatMap { $0.components(separatedBy: " and ") }
        return parts.compactMap { part in
            PersonNameShape.run(forwardFrom: 0, in: WordToken.tokens(in: Substring(part)), minWords: 1)
        }
    }

    /// `Cory O'Daniel, CEO of Massdriver`: a short line, a name before the first comma and a
    /// job-title word after it.
    private static func personWithRole(_ line: Substring, tokens: [WordToken]) -> String? {
        guard tokens.count <= 12, let comma = line.firstIndex(of: ",") else { return nil }
        let nameTokens = WordToken.tokens(in: line[..<comma])
        guard PersonNameShape.isFullName(nameTokens.map(\.core)), nameTokens.allSatisfy({ $0.leading.isEmpty }) else {
            return nil
        }
        let role = WordToken.tokens(in: line[line.index(after: comma)...]).map { $0.core.lowercased() }
        guard role.contains(where: roleWords.contains) else { return nil }
        return nameTokens.map(\.core).joined(separator: " ")
    }
}
