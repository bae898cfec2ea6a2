import Foundation
import PodsimEpisodes

extension CatalogueLoader {
    /// One file a streaming build would read: its path, its format (nil: decided by content),
    /// its size, and why it is passed over when it is.
    public struct StreamFile: Sendable, Equatable {
        public var path: String
        public var isJSONLines: Bool
        public var bytes: Int
        /// Set for a file the loader skips whole (a directory entry of another format).
        public var skipReason: String?
    }

    /// The files `paths` name, in load order, with their sizes: what `stream` will read.
    public static func streamFiles(paths: [String]) throws(CatalogueError) -> [StreamFile] {
        try SourceFiles.expand(paths).map { file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            let jsonLines = file.format == .jsonLines || (file.format == nil && file.path.lowercased().hasSuffix(".jsonl"))
            return StreamFile(path: file.path, isJSONLines: jsonLines, bytes: size, skipReason: file.skipReason)
        }
    }

    /// Episodes per byte of a JSON Lines file, from its first MiB: lines counted there. For the
    /// memory estimate made before a large catalogue is read.
    public static func bytesPerLine(ofJSONLines path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 20), !head.isEmpty else { return nil }
        let lines = head.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return lines > 0 ? head.count / lines : head.count
    }

    /// Reads the JSON Lines catalogues `paths` one file at a time and hands each file's episodes
    /// to `body` with its report, so a catalogue of any size never sits in memory whole (a
    /// streaming build, `podsim build --stream`). Episodes are as `load` gives them for JSON Lines
    /// (guests deduplicated by name key); JSON Lines has no hosts, so none are excluded, and
    /// guest spellings are unified by whoever groups the guests (the streaming build does).
    /// Duplicate ids across files are left to the caller, which sees every id. Files of other
    /// formats are an error (feeds and seed pages are small: build them in memory); entries a
    /// directory passes over are reported as skipped.
    public static func stream(
        paths: [String], limits: SourceLimits = .standard, _ body: (SourceReport, [Episode]) throws -> Void
    ) throws {
        let files = try SourceFiles.expand(paths)
        // JSON decoding is most of a pass: files are parsed `parallelFiles` at a time, one per
        // core, and handed over in order — at most that many files' episodes in memory.
        let parallelFiles = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for start in stride(from: 0, to: files.count, by: parallelFiles) {
            let group = Array(files[start..<min(files.count, start + parallelFiles)])
            for (file, result) in zip(group, parseAll(group, limits: limits)) {
                let parsed = try result.get()
                guard parsed.report.format == .jsonLines || file.format == .unsupported else {
                    throw CatalogueError(
                        .unreadable,
                        "\(file.path): a streaming build reads JSON Lines catalogues only, and this is \(parsed.report.format); build feeds and seed pages without --stream and --fit-sample",
                        source: file.path)
                }
                try body(parsed.report, parsed.episodes)
            }
        }
    }
}
