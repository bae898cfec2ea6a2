import Foundation
import PodsimTestSupport
import Testing

/// `podsim build --language`, a feed's `<language>` as the default, and a catalogue mixing
/// languages refused, as users see them.
@Suite struct LanguageCommandTests {
    let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-language-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// A small feed; `items` are (title, description).
    private func feed(_ name: String, language: String?, show: String, items: [(String, String)]) throws -> String {
        let body = items.enumerated().map { i, item in
            "<item><title>\(item.0)</title><guid>\(name)-\(i)</guid><description>\(item.1)</description></item>"
        }.joined(separator: "\n")
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>\(show)</title>\(language.map { "<language>\($0)</language>" } ?? "")
            \(body)
            </channel></rss>
            """
        let url = directory.appendingPathComponent(name)
        try xml.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private var german: [(String, String)] {
        [
            ("Das Haus am See", "Wir bauen ein Haus aus Holz und sprechen über Häuser, Dächer und Fenster."),
            ("Katzen im Garten", "Die Katze schläft im Garten, und die Katzen jagen Vögel."),
            ("Züge nach Berlin", "Mit dem Zug nach Berlin: Fahrpläne, Bahnhöfe und Verspätungen."),
            ("Holzhäuser bauen", "Ein Haus aus Holz hält lange, wenn das Dach dicht ist."),
        ]
    }

    private var english: [(String, String)] {
        [
            ("Feature flags", "Shipping dark with feature flags and deleting them afterwards."),
            ("Trunk-based development", "Small batches, short-lived branches and feature flags."),
        ]
    }

    @Test func aFeedsLanguageIsTheDefaultAndQueriesAreAnalysedTheSameWay() throws {
        let path = try feed("haus.xml", language: "de-DE", show: "Deutsche Welle Technik", items: german)
        let model = directory.appendingPathComponent("de.podsim").path
        let build = try PodsimProcess.run(["build", "--dimensions", "2", "-o", model, path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("language german (stemmer and stop words"), "\(build.stdout)")
        // `Häusern` meets `Haus` only through the German stemmer, at query time as at build time.
        let hits = try #require(try PodsimProcess.json(["search", "Häusern", "--k", "2", "--model", model]) as? [[String: Any]])
        let titles = hits.compactMap { $0["title"] as? String }
        #expect(Set(titles) == ["Das Haus am See", "Holzhäuser bauen"], "\(hits)")
    }

    @Test func languageGivenOnTheCommandLineWins() throws {
        let path = try feed("haus.xml", language: nil, show: "Deutsche Welle Technik", items: german)
        let model = directory.appendingPathComponent("de.podsim").path
        let english = try PodsimProcess.run(["build", "--dimensions", "2", "-o", model, path])
        #expect(english.status == 0 && english.stdout.contains("language english"), "\(english.stdout)")
        let build = try PodsimProcess.run(["build", "--language", "de", "--dimensions", "2", "-o", model, path])
        #expect(build.status == 0 && build.stdout.contains("language german"), "\(build.stderr)")
    }

    @Test func aCatalogueMixingLanguagesIsRefusedNamingTheSources() throws {
        let de = try feed("haus.xml", language: "de", show: "Deutsche Welle Technik", items: german)
        let en = try feed("flags.xml", language: "en-us", show: "Small Batch", items: english)
        let model = directory.appendingPathComponent("mixed.podsim").path
        let mixed = try PodsimProcess.run(["build", "--dimensions", "2", "-o", model, de, en])
        #expect(mixed.status == 1)
        #expect(mixed.stderr.contains("the catalogue mixes languages: english (\(en)); german (\(de))"), "\(mixed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: model))
        let chosen = try PodsimProcess.run(["build", "--language", "english", "--dimensions", "2", "-o", model, de, en])
        #expect(chosen.status == 0, "\(chosen.stderr)")
    }

    @Test func anUnknownLanguageIsRefusedWithTheChoices() throws {
        let path = try feed("flags.xml", language: "en", show: "Small Batch", items: english)
        let bad = try PodsimProcess.run(["build", "--language", "klingon", "-o", directory.appendingPathComponent("x.podsim").path, path])
        #expect(bad.status != 0 && bad.stderr.contains("--language klingon names no Snowball stemmer"))
        #expect(bad.stderr.contains("german") && bad.stderr.contains("portuguese"))
        let ja = try feed("ja.xml", language: "ja", show: "Nihongo", items: english)
        let refused = try PodsimProcess.run(["build", "-o", directory.appendingPathComponent("ja.podsim").path, ja])
        #expect(refused.status == 1 && refused.stderr.contains("declare language ja, which no Snowball stemmer handles"))
    }

    @Test func addRefusesSourcesInAnotherLanguage() throws {
        let de = try feed("haus.xml", language: "de", show: "Deutsche Welle Technik", items: german)
        let model = directory.appendingPathComponent("de.podsim").path
        #expect(try PodsimProcess.run(["build", "--dimensions", "2", "-o", model, de]).status == 0)
        let en = try feed("flags.xml", language: "en", show: "Small Batch", items: english)
        let add = try PodsimProcess.run(["add", "--model", model, en])
        #expect(add.status == 1 && add.stderr.contains("the new sources are in english but \(model) analyses german"))
    }
}
