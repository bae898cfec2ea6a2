import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Identifies a build's inputs: XXH64 over the pipeline version, the build options and, for each
/// source the loader considered (in load order), its file name and — when the loader took
/// episodes from it rather than skipping it whole — its bytes. Paths are reduced to file names so
/// `seeds`, `./seeds` and an absolute path give the same digest.
///
/// Only what was loaded is read, so a skipped subdirectory or a 2 GiB `.mp3` beside the
/// catalogues is neither opened nor held in memory; it counts by name only (so adding or
/// removing it still makes the model stale, as it changes the build's report). Loaded files
/// passed the loader's size check and are hashed streaming, `chunkBytes` at a time.
public enum SourceDigest {
    /// Bytes read per step while hashing a source: 1 MiB.
    static let chunkBytes = 1 << 20

    /// The digest of `sources` in load order; `skippedWhole` marks a source the loader passed
    /// over entirely (a subdirectory, an unsupported extension, XML that is no feed).
    public static func compute(_ sources: [(path: String, skippedWhole: Bool)], options: BuildOptions) throws -> String {
        var hash = XXH64(seed: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        hash.update(Array("pipeline \(PodsimVersion.pipeline)\n".utf8))
        hash.update(try encoder.encode(options))
        for source in sources {
            hash.update(Array("\n\(URL(fileURLWithPath: source.path).lastPathComponent)\n".utf8))
            if source.skippedWhole {
                hash.update(Array("skipped\n".utf8))
            } else {
                try hashFile(source.path, into: &hash)
            }
        }
        return String(hash.digest(), radix: 16)
    }

    /// The digest of sources that were all loaded.
    public static func compute(_ paths: [String], options: BuildOptions) throws -> String {
        try compute(paths.map { (path: $0, skippedWhole: false) }, options: options)
    }

    /// Feeds the file's bytes to `hash`, `chunkBytes` at a time.
    static func hashFile(_ path: String, into hash: inout XXH64) throws {
        func failure(_ code: Int32) -> PodsimError {
            PodsimError(.io, "cannot read \(path) again to record the build's inputs: \(String(cString: strerror(code)))")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            if got == 0 { return }
            chunk.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[..<got])) }
        }
    }
}
