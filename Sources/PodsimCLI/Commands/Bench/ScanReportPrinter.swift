import ArgumentParser
import PodsimCore
import PodsimLinearAlgebra
import PodsimWorkbench

/// Prints a `ScanReport` as a table of ratios.
struct ScanReportPrinter {
    let report: ScanReport
    var graphBuildSeconds: Double?

    func print() {
        let r = report
        Swift.print(String(format: "index %d × %d (%.1f MB of vectors), %d threads, %d repetitions (medians), batch %d",
                           r.rows, r.dimensions, Double(r.vectorBytes) / 1e6, r.threads, r.repetitions, r.batchSize))
        let probes = r.bandwidths.map { String(format: "%@ %.2f GB/s", $0.name, $0.bytesPerSecond / 1e9) }
        Swift.print("memory bandwidth, 1 thread: " + probes.joined(separator: ", "))
        Swift.print(String(format: "reading the vectors at the best of these takes %.2f ms", r.vectorReadSeconds * 1e3))
        Swift.print("scan kernels: \(ScanKernel.best) (this CPU runs \(ScanKernel.available.map(\.rawValue).joined(separator: ", ")))")
        let exact = r.seconds(.exact) ?? .nan
        Output.table(
            ["path", "ms/query", "× vector read", "speed-up vs exact", "recall@\(r.k)"],
            r.paths.map { result in
                [result.path.label(threads: r.threads), String(format: "%.3f", result.seconds * 1e3),
                 String(format: "%.2f", result.seconds / r.vectorReadSeconds), String(format: "%.2f", exact / result.seconds),
                 String(format: "%.4f", result.recall)]
            })
        Swift.print(String(format: "int8 codes: %.1f MB built in %.3f s; exact paths disagreed %d time(s)",
                           Double(r.codeBytes) / 1e6, r.quantizeSeconds, r.exactPathsDisagreed))
        if r.paths.contains(where: { $0.path == .ann }) {
            Swift.print("HNSW graph path: ef \(r.annEF)" + (graphBuildSeconds.map { String(format: ", graph linked in %.1f s", $0) } ?? ""))
        }
        for point in r.annSweep {
            Swift.print(String(format: "  ef %d: p50 %.3f ms/query, recall@%d %.4f", point.ef, point.medianSeconds * 1e3, r.k, point.recall))
        }
    }
}
