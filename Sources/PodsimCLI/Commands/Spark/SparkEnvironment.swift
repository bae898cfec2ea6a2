import Foundation

/// Where `build --spark` finds what it runs: the virtual environment `scripts/setup-spark.sh`
/// (`make spark-setup`) made, Java, and the job script. Found without activation or variables.
struct SparkEnvironment {
    /// `${XDG_DATA_HOME:-~/.local/share}/podsim/spark`: the setup's home (same rule as the script).
    static var home: URL {
        let environment = ProcessInfo.processInfo.environment
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.local/share")
        return URL(fileURLWithPath: data).appendingPathComponent("podsim/spark")
    }

    /// The job script: the checkout's `spark/podsim_fit.py` this binary was built from when it is
    /// there (so an edited job runs at once), else the copy the setup installed beside the venv.
    static var jobCandidates: [URL] {
        let checkout = URL(fileURLWithPath: #filePath)  // Sources/PodsimCLI/Commands/Spark/…
        let root = (0..<5).reduce(checkout) { url, _ in url.deletingLastPathComponent() }
        return [root.appendingPathComponent("spark/podsim_fit.py"), home.appendingPathComponent("podsim_fit.py")]
    }

    let sparkSubmit: URL
    let python: URL
    let job: URL
    /// JAVA_HOME to hand to spark-submit (it finds `java` there, else on PATH).
    let javaHome: String?

    /// Finds everything or says what is missing and the one command that fixes it.
    static func locate() throws -> SparkEnvironment {
        let files = FileManager.default
        let venv = home.appendingPathComponent("venv")
        let python = venv.appendingPathComponent("bin/python")
        let sparkSubmit = venv.appendingPathComponent("bin/spark-submit")
        guard files.isExecutableFile(atPath: python.path), files.isExecutableFile(atPath: sparkSubmit.path) else {
            throw SparkFailure(
                stage: "setup",
                "pyspark is not installed in \(venv.path); run `make spark-setup` (scripts/setup-spark.sh) once")
        }
        guard let job = jobCandidates.first(where: { files.fileExists(atPath: $0.path) }) else {
            throw SparkFailure(
                stage: "setup",
                "the Spark job podsim_fit.py is in neither \(jobCandidates.map(\.path).joined(separator: " nor ")); run `make spark-setup`")
        }
        let javaHome = try locateJava()
        return SparkEnvironment(sparkSubmit: sparkSubmit, python: python, job: job, javaHome: javaHome)
    }

    /// JAVA_HOME when it names a Java, else nil when `java` is on PATH; throws when neither.
    private static func locateJava() throws -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let home = environment["JAVA_HOME"], !home.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: home + "/bin/java") else {
                throw SparkFailure(stage: "setup", "JAVA_HOME is \(home) but \(home)/bin/java is not there; Spark needs Java 17 or 21")
            }
            return home
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/java") {
            return nil
        }
        throw SparkFailure(
            stage: "setup",
            "no Java found (java is not on PATH and JAVA_HOME is unset); Spark needs Java 17 or 21: apt-get install openjdk-17-jre-headless")
    }
}

/// A failed `build --spark`, in one line naming the stage: `Spark job failed in stage 'analyse': …`.
struct SparkFailure: Error, CustomStringConvertible {
    let stage: String
    let message: String

    init(stage: String, _ message: String) {
        self.stage = stage
        self.message = message
    }

    var description: String { "Spark fit failed in stage '\(stage)': \(message)" }
}
