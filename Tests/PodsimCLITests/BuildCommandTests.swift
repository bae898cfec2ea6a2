import Foundation
import PodsimTestSupport
import Testing

@Suite struct BuildCommandTests {
    let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-build-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    @Test func buildPrintsWhatItLoadedAndIsSkippedWhenCurrent() throws {
        let output = directory.appendingPathComponent("nested/m.podsim").path
        let build = try PodsimProcess.run(["build", "--seed", "42", "--dimensions", "24", "-o", output, "seeds"])
        #expect(build.status == 0, "\(build.stderr)")
        for expected in ["DevOps Paradox: 20 episodes", "Platform Engineering Podcast: 10 episodes",
                         "episodes 30, guests 18, terms", "dimensions 24 (asked 24)", "variance kept", "time load",
                         "wrote \(output)"] {
            #expect(build.stdout.contains(expected), "missing '\(expected)' in:\n\(build.stdout)")
        }
        let again = try PodsimProcess.run(["build", "--if-stale", "--seed", "42", "--dimensions", "24", "-o", output, "./seeds/"])
        #expect(again.status == 0 && again.stdout.contains("is up to date"))
        let otherSeed = try PodsimProcess.run(["build", "--if-stale", "--seed", "7", "--dimensions", "24", "-o", output, "seeds"])
        #expect(otherSeed.status == 0 && otherSeed.stdout.contains("wrote"))
    }

    @Test func characterGramsAreOnForASmallCatalogueUnlessTurnedOff() throws {
        func terms(_ stdout: String) -> Int? {
            stdout.split(separator: "\n").first { $0.hasPrefix("episodes ") }
                .flatMap { $0.components(separatedBy: "terms ").last.flatMap { Int($0) } }
        }
        let output = directory.appendingPathComponent("grams.podsim").path
        let auto = try PodsimProcess.run(["build", "--dimensions", "24", "-o", output, "seeds"])
        #expect(auto.status == 0 && auto.stdout.contains("character grams 4–6 of every word"), "\(auto.stdout)")
        let off = try PodsimProcess.run(["build", "--dimensions", "24", "--character-grams", "off", "-o", output, "seeds"])
        #expect(off.status == 0 && !off.stdout.contains("character grams"), "\(off.stdout)")
        let on = try PodsimProcess.run(["build", "--dimensions", "24", "--character-grams", "on", "-o", output, "seeds"])
        #expect(on.status == 0 && on.stdout.contains("character grams 4–6"))
        // The grams are extra terms: the words are the same either way.
        let (withGrams, without) = (try #require(terms(auto.stdout)), try #require(terms(off.stdout)))
        #expect(without == 3720 && withGrams > 2 * without && terms(on.stdout) == withGrams)
        let bad = try PodsimProcess.run(["build", "--character-grams", "maybe", "-o", output, "seeds"])
        #expect(bad.status == 64 && bad.stderr.contains("--character-grams"), "\(bad.stderr)")
    }

    @Test func dimensionsAreCappedWithAMessage() throws {
        let output = directory.appendingPathComponent("capped.podsim").path
        let build = try PodsimProcess.run(["build", "--dimensions", "500", "-o", output, "seeds"])
        #expect(build.status == 0)
        #expect(build.stdout.contains("dimensions 30 (asked 500): requested 500 dimensions but a 30×"))
    }

    @Test func unreadableAndBadInputsAreReportedAndNothingIsWritten() throws {
        let output = directory.appendingPathComponent("never.podsim").path
        let missing = try PodsimProcess.run(["build", "-o", output, "/nonexistent/seeds.txt"])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/seeds.txt"))
        let jsonl = directory.appendingPathComponent("bad.jsonl")
        try "{\"id\":\"a-1\",\"show\":\"A\",\"description\":\"fine\"}\n{\"id\":\"a-2\",\"show\":\"A\"}\n".write(to: jsonl, atomically: true, encoding: .utf8)
        let bad = try PodsimProcess.run(["build", "-o", output, jsonl.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(jsonl.path) && bad.stderr.contains("line 2"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func jsonLinesCatalogueBuildsAndAnswers() throws {
        let jsonl = directory.appendingPathComponent("mine.jsonl")
        let lines = [
            #"{"id":"kube-1","show":"Kube Talk","title":"Kubernetes operators","published":"2025-01-02","description":"Writing Kubernetes operators and controllers for stateful databases.","guests":["Ada Lovelace"]}"#,
            #"{"id":"kube-2","show":"Kube Talk","title":"Operators in production","description":"Running database operators on Kubernetes in production, with backups.","guests":["Ada Lovelace"],"unknown_field":1}"#,
            #"{"id":"dns-1","show":"Net Talk","title":"DNS at scale","description":"Anycast DNS resolvers and email deliverability.","guests":["Grace Hopper"]}"#,
        ]
        try lines.joined(separator: "\n").write(to: jsonl, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("mine.podsim").path
        let build = try PodsimProcess.run(["build", "-o", output, jsonl.path, "seeds"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("episodes 33, guests 20"))
        let similar = try #require(try PodsimProcess.json(["similar", "kube-1", "--k", "1", "--model", output]) as? [[String: Any]])
        #expect(similar.first?["id"] as? String == "kube-2")
    }

    @Test func aMixOfSeedPagesFeedsAndJSONLinesIsReportedPerSource() throws {
        let fixtures = PodsimProcess.repository.appendingPathComponent("Tests/PodsimCatalogueTests/Fixtures")
        let feeds = directory.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        for name in ["podcastindex-example.xml", "gpodder-episode-podcast-person.rss"] {
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: feeds.appendingPathComponent(name))
        }
        try "not a catalogue".write(to: feeds.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("mixed.podsim").path
        let build = try PodsimProcess.run(["build", "-o", output, "seeds", feeds.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("[RSS] Podcasting 2.0 Namespace Example: 3 episodes"), "\(build.stdout)")
        #expect(build.stdout.contains("gpodder-episode-podcast-person.rss [RSS]"))
        #expect(build.stdout.contains("skipped"), "notes.md is reported as skipped")
        #expect(build.stdout.contains("episodes 34, guests 20"))
        let guests = try #require(try PodsimProcess.json(["guests", "podcasting namespace", "--k", "1", "--model", output]) as? [[String: Any]])
        #expect(guests.first?["name"] as? String == "Dave Jones")
    }
}
