import Foundation
import PodsimCatalogue
import PodsimCore

/// `podsim build --spark MASTER`: the catalogue is read here as for a local build, the TF-IDF and
/// SVD are fitted by the Spark job, and the model file is assembled and written here — same
/// format, checksums and atomic write; a failed job leaves the previous model untouched.
struct SparkBuild {
    let master: SparkMaster
    let properties: [String]
    let partitions: Int?
    /// Where to stage the corpus (must be readable by every executor at the same path);
    /// default a fresh directory under the system's temporary directory.
    let stagingDirectory: String?
    let testFailAtRow: Int?
    let testOutOfMemory: Bool

    func run(
        catalogue: LoadedCatalogue, options: BuildOptions, sourceDigest: String, output: String,
        progress: ((String) -> Void)?
    ) throws -> BuildReport {
        let started = DispatchTime.now()
        let environment = try SparkEnvironment.locate()
        try master.checkReachable()
        let episodes = try ModelBuilder.rowOrder(catalogue.episodes)
        let base = URL(fileURLWithPath: stagingDirectory ?? NSTemporaryDirectory())
        let work = base.appendingPathComponent("podsim-spark-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw SparkFailure(stage: "stage", "cannot create the work directory \(work.path)")
        }
        var job = SparkJob(
            environment: environment, master: master.url, properties: properties,
            partitions: partitions ?? master.defaultPartitions, workDirectory: work)
        job.testFailAtRow = testFailAtRow
        job.testOutOfMemory = testOutOfMemory
        try job.stage(episodes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let analyzerJSON = String(decoding: try encoder.encode(options.analyzer), as: UTF8.self)
        let podsim = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        progress?("submitting to \(master.url) with \(job.partitions) partitions (work directory \(work.path))")
        try job.run(podsim: podsim, analyzerJSON: analyzerJSON, options: options, progress: progress)
        let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9

        let fitOutput = SparkFitOutput(directory: job.output)
        let fitted = try fitOutput.read(analyzer: options.analyzer, episodes: episodes.count, requestedDimensions: options.dimensions)
        let lexical = try fitOutput.lexicalRows(episodes: episodes.count, terms: fitted.features.termCount)
        var report = try ModelBuilder.assemble(
            fitted, lexical: lexical, episodes: episodes, hosts: catalogue.hosts, options: options, sourceDigest: sourceDigest,
            to: output, progress: progress)
        report.phases.insert(("Spark fit", fitSeconds), at: 0)
        // The work directory is kept when the job fails (its spark.log says why), removed after success.
        try? FileManager.default.removeItem(at: work)
        return report
    }
}
