import ArgumentParser

/// `podsim bench`: measurements for developers and operators, one subcommand per kind.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure query latency and throughput, or compare the search paths.",
        discussion: """
            Each subcommand prints the machine it ran on and its figures; with --json, one JSON \
            object instead (for scripts that compare runs). The machines are shared and noisy: \
            compare ratios measured in one run, not figures from different runs.
            """,
        subcommands: [BenchServerCommand.self, BenchLocalCommand.self, BenchScanCommand.self])
}
