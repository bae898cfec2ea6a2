import ArgumentParser
import PodsimCore

/// `podsim build`'s options for catalogues too large to hold in memory (`StreamingPlan`).
struct LargeCatalogueOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Fit the vocabulary, idf and SVD on a seeded sample of this many episodes, then project every episode (a streaming build; default: all up to \(StreamingModelBuilder.sampleAbove) episodes, \(StreamingModelBuilder.defaultSample) above).",
        valueName: "episodes"))
    var fitSample: Int?

    @Option(help: ArgumentHelp(
        "Stop early, saying how much memory is needed, when the build's estimate is above this many GB (default: this machine's physical memory).",
        valueName: "GB"))
    var memoryLimit: Double?

    @Flag(help: "Stream the build: read JSON Lines catalogues twice instead of holding them (default: above \(StreamingModelBuilder.sampleAbove) episodes, or when an in-memory build would not fit in memory).")
    var stream = false

    func validate() throws {
        if let fitSample, fitSample < 1 { throw ValidationError("--fit-sample must be at least 1, got \(fitSample)") }
        if let memoryLimit, !(memoryLimit > 0) { throw ValidationError("--memory-limit must be a positive number of GB") }
    }
}
