import ArgumentParser
import Foundation
import PodsimCatalogue
import PodsimCore
import PodsimEpisodes

/// Whether `podsim build` streams (`StreamingModelBuilder`) and with what sample, decided before
/// anything is read from the catalogue's size: its bytes, and the episodes that suggests from
/// the first MiB of its first file. A build that would not fit in memory stops here, saying how
/// much it needs.
struct StreamingPlan {
    var files: [CatalogueLoader.StreamFile]
    var estimatedEpisodes: Int
    var fitSample: Int
    var memoryLimit: Int
    /// Why the build streams, for the first line it prints.
    var reason: String

    static func decide(_ command: BuildCommand) throws -> StreamingPlan? {
        let files = try CatalogueLoader.streamFiles(paths: command.inputs)
        let loaded = files.filter { $0.skipReason == nil }
        let catalogueBytes = loaded.reduce(0) { $0 + $1.bytes }
        let limit = command.large.memoryLimit.map { Int($0 * 1e9) } ?? MemoryEstimate.physicalMemory
        let wanted = command.large.stream || command.large.fitSample != nil
        let allJSONLines = !loaded.isEmpty && loaded.allSatisfy(\.isJSONLines)
        // Feeds and seed pages: ~1 KB an episode is the JSON Lines figure, and errs high for them.
        let perEpisode = max(1, (allJSONLines ? CatalogueLoader.bytesPerLine(ofJSONLines: loaded[0].path) : nil) ?? 1_000)
        let episodes = max(1, catalogueBytes / perEpisode)
        let options = command.buildOptions(episodes: episodes, language: "english")
        let inMemory = MemoryEstimate.inMemory(episodes: episodes, catalogueBytes: catalogueBytes, options: options)
        guard allJSONLines else {
            if wanted {
                throw ValidationError("--stream and --fit-sample read JSON Lines catalogues only; build feeds and seed pages without them")
            }
            try inMemory.check(limit: limit)
            return nil
        }
        let reason: String
        if wanted {
            reason = command.large.stream ? "--stream" : "--fit-sample"
        } else if episodes > StreamingModelBuilder.sampleAbove {
            reason = "about \(episodes) episodes (\(catalogueBytes) bytes), above \(StreamingModelBuilder.sampleAbove)"
        } else if inMemory.total > limit {
            reason = "an in-memory build would need \(inMemory.summary)"
        } else {
            return nil
        }
        let sample = command.large.fitSample ?? StreamingModelBuilder.defaultFitSample(episodes: episodes)
        try MemoryEstimate.streaming(episodes: episodes, bytesPerEpisode: perEpisode, sample: sample, options: options)
            .check(limit: limit)
        return StreamingPlan(
            files: files, estimatedEpisodes: episodes, fitSample: sample, memoryLimit: limit, reason: reason)
    }
}

/// The catalogue files read one at a time (`CatalogueLoader.stream`); the first pass prints what
/// each source gave, as an in-memory build does.
struct CatalogueFileBatches: EpisodeBatches {
    let paths: [String]
    /// Source reports of the first pass, printed as they come.
    final class Reports: @unchecked Sendable {
        // @unchecked: used by the build's one thread.
        var sources: [SourceReport] = []
        var passes = 0
    }
    let reports = Reports()

    func forEachBatch(_ body: ([Episode]) throws -> Void) throws {
        reports.passes += 1
        let first = reports.passes == 1
        try CatalogueLoader.stream(paths: paths) { report, episodes in
            if first {
                reports.sources.append(report)
                printSourceReports([report])
            }
            try body(episodes)
        }
    }
}

extension BuildCommand {
    func buildStreaming(_ plan: StreamingPlan) throws {
        let sample = plan.fitSample == .max ? "all episodes" : "a seeded sample of \(plan.fitSample) episodes"
        print("streaming build (\(plan.reason)): fitting on \(sample), then projecting every episode")
        try createOutputDirectory()
        let languageName = try CatalogueLanguage.choose(requested: language, sources: [])
        let loaded = plan.files.map { (path: $0.path, skippedWhole: $0.skipReason != nil) }
        // Long phases: progress always, on standard error, with the time since the start.
        let started = DispatchTime.now()
        let progress: (String) -> Void = { message in
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            printError(String(format: "  [%7.1f s] ", seconds) + message)
        }
        let source = CatalogueFileBatches(paths: inputs)
        var digest = ""
        let report: BuildReport
        do {
            report = try StreamingModelBuilder.build(
            source: source, hosts: [:], seed: seed, fitSample: plan.fitSample, to: output,
            memoryLimit: plan.memoryLimit, progress: progress
        ) { episodes in
            let options = buildOptions(episodes: episodes, language: languageName)
            try options.analyzer.validate()
            progress("hashing the inputs (for build --if-stale)")
            digest = try SourceDigest.compute(loaded, options: options)
            if ifStale, let existing = try? PodsimModel(contentsOf: output), existing.info.sourceDigest == digest,
               existing.info.pipelineVersion == PodsimVersion.pipeline {
                throw UpToDate(modelID: existing.info.modelID, episodes: existing.info.episodes)
            }
            return (options, digest)
            }
        } catch let current as UpToDate {
            print("\(output) is up to date (\(current.modelID), \(current.episodes) episodes)")
            return
        }
        printRemovedStale(report.removedStale)
        print("lexical rows (LX) left out: a streaming build ranks by the latent score alone")
        if let fitted = report.info.fitSample {
            print("fitted on a seeded sample of \(fitted) of \(report.info.episodes) episodes (idf and SVD from the sample)")
        }
        BuildSummary(report: report, loadSeconds: nil, path: output).print()
    }

    /// Thrown out of a streaming build when `--if-stale` finds the model current.
    struct UpToDate: Error {
        var modelID: String
        var episodes: Int
    }
}
