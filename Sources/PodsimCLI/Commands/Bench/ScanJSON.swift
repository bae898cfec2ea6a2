import ArgumentParser
import PodsimCore
import PodsimLinearAlgebra
import PodsimWorkbench

/// `bench scan --json`: `{"paths": [{"path", "ms_per_query", "recall_at_10", …}], …}`.
struct ScanJSON: Encodable {
    let machine: MachineDescription
    let report: ScanReport
    /// Seconds to link the graph, when the benchmark built one.
    var graphBuildSeconds: Double?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        let r = report
        var top = encoder.container(keyedBy: Key.self)
        try top.encode(machine, forKey: Key("machine"))
        try top.encode(r.rows, forKey: Key("rows"))
        try top.encode(r.dimensions, forKey: Key("dimensions"))
        try top.encode(r.k, forKey: Key("k"))
        try top.encode(r.threads, forKey: Key("threads"))
        try top.encode(ScanKernel.best.rawValue, forKey: Key("kernel"))
        try top.encode(r.repetitions, forKey: Key("repetitions"))
        try top.encode(r.batchSize, forKey: Key("batch_size"))
        try top.encode(r.bandwidth / 1e9, forKey: Key("bandwidth_gb_per_s"))
        try top.encode(r.vectorReadSeconds * 1e3, forKey: Key("vector_read_ms"))
        try top.encode(Double(r.codeBytes) / 1e6, forKey: Key("int8_code_mb"))
        try top.encode(r.quantizeSeconds, forKey: Key("quantize_seconds"))
        try top.encode(r.exactPathsDisagreed, forKey: Key("exact_paths_disagreed"))
        if r.paths.contains(where: { $0.path == .ann }) { try top.encode(r.annEF, forKey: Key("ann_ef")) }
        if let graphBuildSeconds { try top.encode(graphBuildSeconds, forKey: Key("graph_build_seconds")) }
        if !r.annSweep.isEmpty {
            var sweep = top.nestedUnkeyedContainer(forKey: Key("ann_sweep"))
            for point in r.annSweep {
                var entry = sweep.nestedContainer(keyedBy: Key.self)
                try entry.encode(point.ef, forKey: Key("ef"))
                try entry.encode(point.medianSeconds * 1e3, forKey: Key("p50_ms"))
                try entry.encode(point.recall, forKey: Key("recall_at_\(r.k)"))
            }
        }
        var paths = top.nestedUnkeyedContainer(forKey: Key("paths"))
        for result in r.paths {
            var path = paths.nestedContainer(keyedBy: Key.self)
            try path.encode(result.path.rawValue, forKey: Key("path"))
            try path.encode(result.path.label(threads: r.threads), forKey: Key("label"))
            try path.encode(result.seconds * 1e3, forKey: Key("ms_per_query"))
            try path.encode(result.recall, forKey: Key("recall_at_\(r.k)"))
            try path.encode(result.seconds / r.vectorReadSeconds, forKey: Key("x_vector_read"))
        }
    }
}
