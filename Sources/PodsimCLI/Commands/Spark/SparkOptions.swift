import ArgumentParser

/// `build`'s options for fitting on Apache Spark (`--spark MASTER` and what goes with it).
struct SparkOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Fit the TF-IDF and SVD on Apache Spark at this master (local[N], spark://HOST:PORT, yarn); the model is written here as usual. Needs `make spark-setup` once.",
        valueName: "master"))
    var spark: String?

    @Option(help: ArgumentHelp("A Spark property for the fit, as for spark-submit --conf (repeatable).", valueName: "key=value"))
    var sparkConf: [String] = []

    @Option(help: "Partitions of the corpus on Spark (default: 2 per core of local[N], else 64).")
    var sparkPartitions: Int?

    @Option(help: ArgumentHelp(
        "Directory to stage the corpus in; every executor must read it at the same path (default: the temporary directory).",
        valueName: "directory"))
    var sparkStaging: String?

    /// Makes `podsim analyze` fail at this row on the executors, to test a failed job (hidden).
    @Option(help: .hidden)
    var testSparkFailAtRow: Int?

    /// Makes the job fill the driver's JVM heap, to test a Spark that runs out of memory (hidden).
    @Flag(help: .hidden)
    var testSparkOutOfMemory = false

    func validate() throws {
        guard let spark else {
            if !sparkConf.isEmpty || sparkPartitions != nil || sparkStaging != nil || testSparkFailAtRow != nil || testSparkOutOfMemory {
                throw ValidationError("--spark-conf, --spark-partitions and --spark-staging need --spark MASTER")
            }
            return
        }
        guard !spark.isEmpty, !spark.contains(where: \.isWhitespace) else {
            throw ValidationError("--spark needs a master URL such as local[2], spark://host:7077 or yarn")
        }
        for property in sparkConf where !property.contains("=") || property.hasPrefix("=") {
            throw ValidationError("--spark-conf '\(property)' is not KEY=VALUE")
        }
        if let sparkPartitions, sparkPartitions < 1 {
            throw ValidationError("--spark-partitions must be at least 1, got \(sparkPartitions)")
        }
    }

    /// The Spark build these options ask for, or nil for a local build.
    var build: SparkBuild? {
        spark.map {
            SparkBuild(
                master: SparkMaster(url: $0), properties: sparkConf, partitions: sparkPartitions,
                stagingDirectory: sparkStaging, testFailAtRow: testSparkFailAtRow,
                testOutOfMemory: testSparkOutOfMemory)
        }
    }
}
