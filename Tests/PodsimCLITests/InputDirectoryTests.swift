import Foundation
import PodsimTestSupport
import Testing

/// What `build` and `add` do with what operators keep beside their catalogues: a
/// subdirectory is skipped with a line in the report, not searched and not read; a
/// skipped file is never read, however large.
@Suite struct InputDirectoryTests {
    let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podsim-inputs-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// `directory/catalogue/` holding a two-episode JSON Lines file.
    func catalogueDirectory() throws -> URL {
        let catalogue = directory.appendingPathComponent("catalogue")
        try FileManager.default.createDirectory(at: catalogue, withIntermediateDirectories: true)
        let lines = [
            #"{"id":"kube-1","show":"Kube Talk","title":"Kubernetes operators","description":"Writing Kubernetes operators and controllers for stateful databases."}"#,
            #"{"id":"kube-2","show":"Kube Talk","title":"Operators in production","description":"Running database operators on Kubernetes in production, with backups."}"#,
        ]
        try lines.joined(separator: "\n").write(
            to: catalogue.appendingPathComponent("episodes.jsonl"), atomically: true, encoding: .utf8)
        return catalogue
    }

    /// A subdirectory (itself holding a catalogue, which must not be searched) beside a catalogue.
    func catalogueWithSubdirectory() throws -> URL {
        let catalogue = try catalogueDirectory()
        let sub = catalogue.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try #"{"id":"old-1","show":"Old","description":"Archived episode about DNS."}"#.write(
            to: sub.appendingPathComponent("old.jsonl"), atomically: true, encoding: .utf8)
        return catalogue
    }

    static func expectNoFoundationText(_ result: PodsimProcess.Result) {
        for foundation in ["NSCocoaErrorDomain", "The operation could not be completed", "Error Domain="] {
            #expect(!result.stdout.contains(foundation) && !result.stderr.contains(foundation), "\(result.stderr)")
        }
    }

    @Test func buildSkipsASubdirectoryWithAReportLine() throws {
        let catalogue = try catalogueWithSubdirectory()
        let output = directory.appendingPathComponent("m.podsim").path
        let build = try PodsimProcess.run(["build", "--dimensions", "2", "-o", output, catalogue.path])
        Self.expectNoFoundationText(build)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("archive [unsupported] 0 episodes"), "\(build.stdout)")
        #expect(build.stdout.contains("skipped whole file: subdirectory (directories are not searched recursively)"))
        #expect(build.stdout.contains("episodes 2,"), "the subdirectory's catalogue is not loaded: \(build.stdout)")
        // The digest counts the subdirectory by name: the same inputs are up to date.
        let again = try PodsimProcess.run(["build", "--if-stale", "--dimensions", "2", "-o", output, catalogue.path])
        #expect(again.status == 0 && again.stdout.contains("is up to date"), "\(again.stdout)\(again.stderr)")
    }

    @Test func addSkipsASubdirectoryTheSameWay() throws {
        let catalogue = try catalogueWithSubdirectory()
        let model = directory.appendingPathComponent("seed.podsim").path
        try FileManager.default.copyItem(
            atPath: PodsimProcess.repository.appendingPathComponent("Models/episodes.podsim").path, toPath: model)
        let add = try PodsimProcess.run(["add", "--model", model, catalogue.path])
        Self.expectNoFoundationText(add)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("skipped whole file: subdirectory (directories are not searched recursively)"))
        #expect(add.stdout.contains("added 2 episodes; the model now has 32 episodes"), "\(add.stdout)")
    }

    /// A 1 GiB sparse `.mp3` (no disk blocks, but 1 GiB to anything that reads it) beside a
    /// two-episode catalogue: the build's peak memory stays far below it.
    @Test func aSkippedLargeFileIsNeverRead() throws {
        let catalogue = try catalogueDirectory()
        let audio = catalogue.appendingPathComponent("episode-1.mp3")
        #expect(FileManager.default.createFile(atPath: audio.path, contents: nil))
        let handle = try FileHandle(forWritingTo: audio)
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let output = directory.appendingPathComponent("m.podsim").path
        let build = try PodsimProcess.run(["build", "--dimensions", "2", "-o", output, catalogue.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("skipped whole file: extension .mp3 is not a catalogue format"), "\(build.stdout)")
        let peak = try #require(build.stdout.firstMatch(of: /peak memory ([0-9.]+) MB/).flatMap { Double($0.1) })
        // 384 MB: a build of two episodes peaks near 260 MB on a busy machine (the binary, its
        // libraries and thread stacks); reading the file would take it past 1,024 MB.
        #expect(peak < 384, "a skipped 1 GiB file took the build to \(peak) MB")
    }
}
