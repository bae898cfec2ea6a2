import Foundation
import PodsimLinearAlgebra

/// The machine a benchmark ran on, printed beside every figure: figures from different machines
/// (or the same one under other load) are not comparable.
struct MachineDescription: Encodable {
    var cpuModel: String
    var cores: Int
    /// OpenBLAS's thread count, or nil with a BLAS that has no threads.
    var blasThreads: Int?
    /// 1, 5 and 15 minute load averages.
    var load: String

    enum CodingKeys: String, CodingKey {
        case cpuModel = "cpu_model", cores, blasThreads = "blas_threads", load
    }

    static func current() -> MachineDescription {
        MachineDescription(
            cpuModel: cpuModelName() ?? "unknown", cores: ProcessInfo.processInfo.activeProcessorCount,
            blasThreads: BLASThreads.current, load: Memory.loadAverage())
    }

    var line: String {
        "machine: \(cpuModel), \(cores) cores, BLAS threads \(blasThreads.map(String.init) ?? "n/a"), load \(load)"
    }

    /// "model name" from /proc/cpuinfo (Linux), or nil.
    private static func cpuModelName() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line?.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
