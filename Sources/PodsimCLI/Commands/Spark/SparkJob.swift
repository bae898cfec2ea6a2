import Foundation
import PodsimCore
import PodsimEpisodes

/// One run of `spark/podsim_fit.py` with spark-submit: stages the corpus, runs the job, and
/// turns a failure into one line naming the stage. Spark's own log goes to `spark.log` in the
/// work directory, which is kept when the job fails.
struct SparkJob {
    let environment: SparkEnvironment
    /// The master URL (`local[2]`, `spark://host:7077`, `yarn`).
    let master: String
    /// `KEY=VALUE` Spark properties, passed as `--conf`.
    let properties: [String]
    let partitions: Int
    /// Where the corpus is staged and the job writes; every executor must read it at this path.
    let workDirectory: URL
    var testFailAtRow: Int?
    var testOutOfMemory = false

    /// `spark.driver.memory` for `local[N]` masters unless `--spark-conf` sets it. Default 4g.
    static let localDriverMemory = "4g"

    var corpus: URL { workDirectory.appendingPathComponent("corpus.tsv") }
    var output: URL { workDirectory.appendingPathComponent("fit") }
    var log: URL { workDirectory.appendingPathComponent("spark.log") }

    /// Writes one line per episode, `ROW<TAB>"json text"`, rows in model order.
    func stage(_ episodes: [Episode]) throws {
        guard FileManager.default.createFile(atPath: corpus.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: corpus.path) else {
            throw SparkFailure(stage: "stage", "cannot write the corpus to \(corpus.path)")
        }
        defer { try? handle.close() }
        var buffer = Data()
        for (row, episode) in episodes.enumerated() {
            let text = try JSONSerialization.data(withJSONObject: episode.indexedText, options: .fragmentsAllowed)
            buffer.append(contentsOf: "\(row)\t".utf8)
            buffer.append(text)
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }

    /// Runs the job to completion; `progress` gets the job's `podsim-spark:` lines. `options`
    /// gives the dimensions and the SVD's seed, oversampling and iterations.
    func run(podsim: String, analyzerJSON: String, options: BuildOptions, progress: ((String) -> Void)?) throws {
        var arguments = ["--master", master, "--name", "podsim-fit"]
        // numpy's OpenBLAS on one thread on the executors too: its sums change with the thread count.
        arguments += ["--conf", "spark.executorEnv.OPENBLAS_NUM_THREADS=1"]
        // In local mode the driver's JVM is also the executor: it caches the matrix and receives
        // the SVD's per-partition sums (terms × l doubles each, 220 MB at 200,000 terms), which
        // Spark's 1 GB default cannot hold past ~50,000 episodes. The user's own setting wins.
        if master.hasPrefix("local"), !properties.contains(where: { $0.hasPrefix("spark.driver.memory=") }) {
            arguments += ["--conf", "spark.driver.memory=\(Self.localDriverMemory)"]
        }
        // A JVM out of memory exits at once: otherwise a thread that dies of it (the driver's
        // task-result getter did, at 1M episodes in 6 GB) can leave the job waiting forever.
        for key in ["spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions"]
        where !properties.contains(where: { $0.hasPrefix(key + "=") }) {
            arguments += ["--conf", "\(key)=-XX:+ExitOnOutOfMemoryError"]
        }
        for property in properties { arguments += ["--conf", property] }
        arguments += [
            environment.job.path, "--corpus", corpus.path, "--output", output.path, "--podsim", podsim,
            "--analyzer", analyzerJSON, "--dimensions", String(options.dimensions), "--partitions", String(partitions),
            "--seed", String(options.seed), "--oversampling", String(options.oversampling),
            "--power-iterations", String(options.powerIterations),
        ]
        if let testFailAtRow { arguments += ["--test-fail-at-row", String(testFailAtRow)] }
        if testOutOfMemory { arguments += ["--test-out-of-memory"] }

        let process = Process()
        process.executableURL = environment.sparkSubmit
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        // The driver and the executors' Python workers run the venv's interpreter (pyspark, numpy).
        variables["PYSPARK_PYTHON"] = environment.python.path
        variables["PYSPARK_DRIVER_PYTHON"] = environment.python.path
        if let javaHome = environment.javaHome { variables["JAVA_HOME"] = javaHome }
        // The driver's numpy (the SVD's basis and small factorisations) on one BLAS thread, so a
        // seed gives the same bits on every run.
        variables["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = variables
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        guard let logHandle = FileHandle(forWritingAtPath: log.path) else {
            throw SparkFailure(stage: "submit", "cannot write \(log.path)")
        }
        defer { try? logHandle.close() }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = logHandle
        do { try process.run() } catch {
            throw SparkFailure(stage: "submit", "cannot start \(environment.sparkSubmit.path): \(error)")
        }
        var errorLine: String?
        // The stage the job last announced: what a failure without an error line is named after.
        var stage = "submit"
        var pending = Data()
        let reader = out.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                if line.hasPrefix("podsim-spark-error: ") { errorLine = String(line.dropFirst(20)) }
                else if line.hasPrefix("podsim-spark-stage: ") { stage = String(line.dropFirst(20)) }
                else if line.hasPrefix("podsim-spark: ") { progress?(String(line.dropFirst(14))) }
                logHandle.write(Data((line + "\n").utf8))
            }
        }
        process.waitUntilExit()
        guard errorLine != nil || process.terminationStatus != 0 else { return }
        // A failed job: the log says more than the exit. A JVM out of memory is named first (the
        // job's own error line then only says its JVM went away).
        let logText = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        if let memory = Self.outOfMemory(in: logText) {
            throw SparkFailure(
                stage: stage,
                "Spark ran out of memory (\(memory)); give it more with --spark-conf spark.driver.memory=8g in local mode, or spark.executor.memory on a cluster (Spark's log: \(log.path))")
        }
        if let errorLine {
            let parts = errorLine.split(separator: ":", maxSplits: 1)
            let stage = parts.count == 2 ? String(parts[0]) : "job"
            let message = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : errorLine
            throw SparkFailure(stage: stage, "\(message) (Spark's log: \(log.path))")
        }
        throw SparkFailure(
            stage: stage,
            "spark-submit exited with status \(process.terminationStatus): \(Self.lastError(in: logText)) (Spark's log: \(log.path))")
    }

    /// The JVM's out-of-memory message in Spark's log (`java.lang.OutOfMemoryError: Java heap
    /// space`), or nil when it has none.
    static func outOfMemory(in log: String) -> String? {
        guard let found = log.range(of: "java.lang.OutOfMemoryError") else { return nil }
        return String(log[found.lowerBound...].prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
    }

    /// The last line of the log that names an error, for a failure before the job ran.
    static func lastError(in log: String) -> String {
        let lines = log.split(separator: "\n").map(String.init)
        return lines.last { $0.contains("Error") || $0.contains("Exception") || $0.contains("ERROR") }
            ?? lines.last ?? "no output"
    }
}
