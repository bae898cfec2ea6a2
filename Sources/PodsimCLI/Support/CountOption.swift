import ArgumentParser
import Foundation
import PodsimClient
import PodsimCore
import PodsimProtocol

/// `--k`, validated before anything runs.
struct CountOption: ParsableArguments {
    @Option(name: .customLong("k"), help: "How many answers (1…\(ProtocolLimits().maxK)).")
    var k: Int = 10

    func validate() throws {
        guard (1...ProtocolLimits().maxK).contains(k) else {
            throw ValidationError("--k must be between 1 and \(ProtocolLimits().maxK), got \(k)")
        }
    }
}
