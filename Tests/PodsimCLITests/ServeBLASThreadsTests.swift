import Foundation
import PodsimLinearAlgebra
import PodsimTestSupport
import Testing

/// `podsim serve` runs BLAS on one thread per call (its workers are the parallelism), unless
/// `OPENBLAS_NUM_THREADS` is set: the start's log line says which, and why.
@Suite struct ServeBLASThreadsTests {
    @Test(arguments: [nil, "2"])
    func serveChoosesOneBLASThreadUnlessTheEnvironmentDoes(environment: String?) throws {
        var variables: [String: String] = [:]
        if let environment { variables["OPENBLAS_NUM_THREADS"] = environment }
        let serve = try BuildProcess(
            ["serve", "--model", "Models/episodes.podsim", "--host", "127.0.0.1", "--port", "0", "--model-check-interval", "0"],
            environment: variables)
        defer { serve.kill() }
        #expect(serve.waitForLine(containing: "podsim listening"), "\(serve.stderr)")
        let line = try #require(serve.stderr.split(separator: "\n").first { $0.contains("podsim BLAS threads") }, "\(serve.stderr)")
        // The test process loads the same BLAS the server does (Debian's alternatives).
        if BLASThreads.isAdjustable {
            #expect(line.contains("blas_threads=\(environment ?? "1")"), "\(line)")
        } else {
            #expect(line.contains("blas_threads=n/a"), "\(line)")
        }
        #expect(line.contains(environment == nil ? "chosen_by=serve" : "chosen_by=OPENBLAS_NUM_THREADS"), "\(line)")
    }
}
