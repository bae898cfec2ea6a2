import ArgumentParser
import Foundation
import PodsimCatalogue
import PodsimCore
import PodsimWorkbench

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic catalogue (JSON Lines) to measure fit and query at scale, offline.",
        discussion: """
            Episodes mix latent topics with Zipfian vocabularies, shows lean to topics and guests \
            recur, so a model built from the output has topics to recover. The same options give \
            the same bytes. Output is streamed in chunks, progress goes to standard error. Above \
            --episodes-per-file episodes the output is split into numbered files next to -o \
            (catalogue-001.jsonl, …): build from their directory.
            """)

    @Option(help: "Episodes to generate.")
    var episodes: Int

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Where to write the catalogue (.jsonl).")
    var output: String

    @Option(help: "Latent topics.")
    var topics: Int = 64

    @Option(help: "Also write each episode's id and topic shares (tab-separated) here, to check a model recovers them.")
    var truth: String?

    @Option(help: "Most episodes per file (a catalogue file may hold at most \(SourceLimits.maxSourceBytes >> 20) MiB).")
    var episodesPerFile: Int = 150_000

    /// Episodes generated (in parallel) and written per chunk.
    static let chunkEpisodes = 20_000

    func validate() throws {
        guard episodes >= 1 else { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
        guard episodesPerFile >= 1 else { throw ValidationError("--episodes-per-file must be at least 1") }
        guard output.hasSuffix(".jsonl") else { throw ValidationError("-o must name a .jsonl file, got '\(output)'") }
    }

    func run() throws {
        let catalogue = try SyntheticCatalogue(SyntheticConfiguration(episodes: episodes, seed: seed, topics: topics))
        let files = Self.fileRanges(episodes: episodes, perFile: episodesPerFile, output: output)
        let started = DispatchTime.now()
        var bytes = 0
        let truthHandle = try truth.map(Self.create)
        defer { try? truthHandle?.close() }
        for (path, range) in files {
            let handle = try Self.create(path)
            defer { try? handle.close() }
            for start in stride(from: range.lowerBound, to: range.upperBound, by: Self.chunkEpisodes) {
                let chunkRange = start..<min(range.upperBound, start + Self.chunkEpisodes)
                let chunk = catalogue.episodes(chunkRange)
                let data = Data(JSONLCatalogue.encode(chunk).utf8)
                try Self.write(data, to: handle, path: path)
                if let truthHandle, let truth {
                    let lines = chunkRange.map(catalogue.episode).map { generated in
                        generated.episode.id + "\t" + generated.topics.map { "\($0.topic):\(String(format: "%.3f", $0.weight))" }
                            .joined(separator: " ") + "\n"
                    }
                    try Self.write(Data(lines.joined().utf8), to: truthHandle, path: truth)
                }
                bytes += data.count
                let done = start + chunk.count
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                printError(String(
                    format: "synth: %d of %d episodes (%.0f%%), %.0f MB, %.1f s", done, episodes,
                    Double(done) * 100 / Double(episodes), Double(bytes) / 1e6, seconds))
            }
            print("wrote \(path) (\(range.count) episodes)")
        }
    }

    /// The files to write and the episodes of each: `output` itself, or numbered siblings.
    static func fileRanges(episodes: Int, perFile: Int, output: String) -> [(String, Range<Int>)] {
        guard episodes > perFile else { return [(output, 0..<episodes)] }
        let stem = String(output.dropLast(".jsonl".count))
        return stride(from: 0, to: episodes, by: perFile).enumerated().map { number, start in
            (String(format: "%@-%03d.jsonl", stem, number + 1), start..<min(episodes, start + perFile))
        }
    }

    private static func write(_ data: Data, to handle: FileHandle, path: String) throws {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw PodsimError(.io, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    private static func create(_ path: String) throws -> FileHandle {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw PodsimError(.io, "cannot create \(path)") }
        return handle
    }
}
