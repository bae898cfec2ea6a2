import ArgumentParser
import Foundation
import PodsimCatalogue
import PodsimCore
import PodsimText

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a model file from seed pages, JSON Lines catalogues, RSS feeds, or directories of them.",
        discussion: """
            Prints what each source contributed, the model's size, the share of variance kept and the \
            time per phase. The file is written atomically: an interrupted build leaves the previous \
            model in place.
            """)

    @Argument(help: "Seed pages (.txt), JSON Lines catalogues (.jsonl), RSS feeds (.xml, .rss), or directories of them.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Where to write the model.")
    var output: String = ModelOptions.defaultModel

    @Option(help: "Seed of the randomized SVD (same inputs + seed → same model).")
    var seed: UInt64 = 42

    @Option(help: "Latent dimensions k (capped at the rank of the TF-IDF matrix).")
    var dimensions: Int = 128

    @Option(help: "Extra random directions in each block of the Krylov SVD (k + this many columns).")
    var oversampling: Int = 10

    @Option(help: "Krylov iterations of the SVD (each keeps a block of k + oversampling directions).")
    var powerIterations: Int = 4

    @Option(help: "Drop terms found in fewer documents than this (default: 1 below \(BuildOptions.smallCatalogueEpisodes) episodes, else 2).")
    var minDf: Int?

    @Option(help: "Drop terms found in more than this share of documents (0…1].")
    var maxDf: Double = AnalyzerConfiguration().maxDocumentFrequency

    @Option(help: "Keep at most this many terms, those found in the most episodes (0 = no cap).")
    var maxTerms: Int = BuildOptions.defaultMaxTerms

    @Flag(help: "Unigrams only (no bigrams).")
    var noBigrams = false

    @Option(help: ArgumentHelp(
        "Character 4–6-grams of the words as extra terms, so related names meet (postgres, postgresql): on, off, or auto — on below \(BuildOptions.smallCatalogueEpisodes) episodes.",
        valueName: "auto|on|off"))
    var characterGrams: Switch = .auto

    @Option(help: ArgumentHelp(
        "Language of the catalogue: its Snowball stemmer and stop words (a name or ISO 639 code: german, de). Default: the language the feeds declare, else English.",
        valueName: "name"))
    var language: String?

    @Option(help: "hnsw: add the HNSW graph index; none: never (default: from \(GraphParameters.automaticFrom) episodes).")
    var index: GraphChoice?

    @Flag(help: "Do nothing when the output was built from the same inputs and options.")
    var ifStale = false

    @Flag(name: .shortAndLong, help: "Print progress of long phases to standard error.")
    var verbose = false

    @OptionGroup(title: "Large catalogues")
    var large: LargeCatalogueOptions

    @OptionGroup(title: "Fitting on Apache Spark")
    var spark: SparkOptions

    func validate() throws {
        if let language { _ = try CatalogueLanguage.requested(language) }
        guard dimensions >= 1 else { throw ValidationError("--dimensions must be at least 1, got \(dimensions)") }
        guard maxTerms >= 0 else { throw ValidationError("--max-terms must not be negative") }
        guard oversampling >= 0, powerIterations >= 0 else {
            throw ValidationError("--oversampling and --power-iterations must not be negative")
        }
        try spark.validate()
        if spark.spark != nil, large.stream || large.fitSample != nil {
            throw ValidationError("--stream and --fit-sample shape a local build; --spark fits every episode on Spark")
        }
    }

    func buildOptions(episodes: Int, language: String) -> BuildOptions {
        var options = BuildOptions.defaults(episodes: episodes, seed: seed, dimensions: dimensions)
        options.analyzer.language = language
        options.oversampling = oversampling
        options.powerIterations = powerIterations
        if let minDf { options.analyzer.minDocumentFrequency = minDf }
        options.analyzer.maxDocumentFrequency = maxDf
        options.analyzer.maxFeatures = maxTerms > 0 ? maxTerms : nil
        options.analyzer.bigrams = !noBigrams
        switch characterGrams {
        case .auto: break
        case .on: options.analyzer.characterGrams = CharacterGrams()
        case .off: options.analyzer.characterGrams = nil
        }
        options.graphIndex = index
        options.fitSample = large.fitSample
        return options
    }

    @Option(help: .hidden)
    var testPauseAt: TestPause?

    func run() throws {
        try WriteHooks.$current.withValue(TestPause.hooks(testPauseAt)) { try build() }
    }

    private func build() throws {
        if spark.build == nil, let plan = try StreamingPlan.decide(self) {
            return try buildStreaming(plan)
        }
        let started = DispatchTime.now()
        let catalogue = try CatalogueLoader.load(paths: inputs)
        let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let language = try CatalogueLanguage.choose(requested: language, sources: catalogue.sources)
        let options = buildOptions(episodes: catalogue.episodes.count, language: language)
        try options.analyzer.validate()
        let digest = try SourceDigest.compute(catalogue.sources.map { ($0.path, $0.isSkippedWhole) }, options: options)

        if ifStale, let existing = try? PodsimModel(contentsOf: output),
           existing.info.sourceDigest == digest, existing.info.pipelineVersion == PodsimVersion.pipeline {
            print("\(output) is up to date (\(existing.info.modelID), \(existing.info.episodes) episodes)")
            return
        }

        printSourceReports(catalogue.sources)
        try createOutputDirectory()
        let progress: ((String) -> Void)? = verbose ? { printError("  \($0)") } : nil
        let report = try spark.build.map {
            try $0.run(catalogue: catalogue, options: options, sourceDigest: digest, output: output, progress: progress)
        } ?? ModelBuilder.build(
            episodes: catalogue.episodes, hosts: catalogue.hosts, options: options, sourceDigest: digest, to: output,
            progress: progress)
        printRemovedStale(report.removedStale)
        BuildSummary(report: report, loadSeconds: loadSeconds, path: output).print()
    }
}

extension BuildCommand {
    /// Creates the directory the model goes to.
    func createOutputDirectory() throws {
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            // Foundation's own text ("The operation could not be completed…") tells a user nothing.
            throw PodsimError(
                .io, "cannot create the directory \(directory.path) for \(output): a file is in the way, or it may not be written to")
        }
    }
}

/// One line per temporary file of a killed writer that a model write removed first; `build`
/// and `add` print the same lines.
func printRemovedStale(_ removed: [StaleTemporaryFiles.Removed]) {
    for file in removed {
        print("removed stale temporary file \(displayPath(file.path)) (\(file.bytes) bytes), left by process \(file.pid), which is gone")
    }
}

/// What each source gave: `loaded <path> [<format>] <show>: N episodes`, then what was repaired
/// to read it, what was skipped and why.
/// `build` and `add` print the same lines.
func printSourceReports(_ sources: [SourceReport]) {
    for source in sources {
        var line = "loaded \(displayPath(source.path)) [\(source.format)]"
        if let show = source.show { line += " \(show):" }
        line += " \(source.episodesLoaded) episodes"
        print(line)
        for repair in source.repairs.lines { print("  repaired \(repair)") }
        for skipped in source.skipped { print("  skipped \(skipped)") }
        for note in source.notes { print("  note \(note)") }
    }
}

/// `path` relative to the working directory when it lies below it (shorter, and the same on every machine).
func displayPath(_ path: String) -> String {
    let base = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
}

/// The build's closing lines.
struct BuildSummary {
    let report: BuildReport
    /// Seconds loading the catalogue before the build; nil when the build's own phases include it.
    let loadSeconds: Double?
    let path: String

    func print() {
        let info = report.info
        Swift.print("episodes \(info.episodes), guests \(info.guests), terms \(info.terms)")
        Swift.print("language \(info.analyzer.language) (stemmer and stop words; queries are analysed the same way)")
        if let grams = info.analyzer.characterGrams {
            Swift.print("character grams \(grams.shortest)–\(grams.longest) of every word (--character-grams off to leave them out)")
        }
        Swift.print("dimensions \(info.dimensions) (asked \(info.requestedDimensions))"
            + (info.dimensionNote.map { ": \($0)" } ?? ""))
        Swift.print("variance kept \(String(format: "%.1f%%", info.explainedVarianceRatio * 100))")
        let sigma = info.singularValues.prefix(5).map { String(format: "%.3f", $0) }.joined(separator: " ")
        Swift.print("singular values \(sigma)\(info.singularValues.count > 5 ? " …" : "")")
        let phases = (loadSeconds.map { [("load", $0)] } ?? []) + report.phases.map { ($0.name, $0.seconds) }
        Swift.print("time " + phases.map { "\($0.0) \(String(format: "%.3f", $0.1)) s" }.joined(separator: ", "))
        Swift.print("peak memory \(Memory.describe(Memory.peakResidentBytes())) (resident high-water mark)")
        Swift.print("wrote \(path) (\(info.modelID), \(report.fileBytes) bytes)")
    }
}

/// A feature the user may force on or off, or leave to the size-dependent default.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case auto, on, off
}
