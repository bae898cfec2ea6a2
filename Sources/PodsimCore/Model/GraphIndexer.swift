import Dispatch

/// Adds the HNSW graph index to an existing model file, or takes it out (`podsim index`), without
/// a refit: every other section is copied byte for byte, so the model id and every exact score
/// stay as they were.
public enum GraphIndexer {
    public struct Result: Sendable {
        /// Rows the graph links (0 when it was removed).
        public var rows: Int
        /// Size of the graph section in bytes (0 when it was removed).
        public var sectionBytes: Int
        /// Seconds spent linking the graph (0 when it was removed), without the file's read and write.
        public var linkSeconds: Double
        /// Temporary files of killed writers removed before writing.
        public var removedStale: [StaleTemporaryFiles.Removed]
    }

    /// Rewrites `path` (atomically) with a graph built with `parameters`, or with none when
    /// `parameters` is nil.
    public static func rewrite(
        _ path: String, parameters: GraphParameters?, progress: ((String) -> Void)? = nil
    ) throws -> Result {
        let model = try PodsimModel(contentsOf: path)
        let reader = try ModelFileReader(path: path)
        var writer = ModelFileWriter()
        for section in reader.sections where section.tag != GraphSection.tag {
            let bytes = try reader.section(section.tag)
            // The reader's memory lives as long as `reader`, which the closure keeps.
            nonisolated(unsafe) let payload = bytes
            try writer.addSection(section.tag, kind: section.kind, streaming: { stream in
                try withExtendedLifetime(reader) { try stream.write(payload) }
            })
        }
        var sectionBytes = 0
        var linkSeconds = 0.0
        if let parameters {
            let started = DispatchTime.now().uptimeNanoseconds
            let graph = try model.index.withUnsafeVectors {
                try GraphIndex.build(vectors: $0, dimensions: model.dimensions, parameters: parameters, progress: progress)
            }
            linkSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            sectionBytes = graph.count
            try writer.addSection(GraphSection.tag, kind: .raw, bytes: graph)
        }
        let removed = try writer.write(to: path)
        return Result(rows: parameters == nil ? 0 : model.index.count, sectionBytes: sectionBytes, linkSeconds: linkSeconds, removedStale: removed)
    }
}
