import Foundation

/// Identifies a build's inputs: XXH64 over the pipeline version, the build options and each
/// source's file name and bytes (in load order). Paths are reduced to file names so `seeds`,
/// `./seeds` and an absolute path give the same digest.
public enum SourceDigest {
    public static func compute(_ paths: [String], options: BuildOptions) throws -> String {
        var hash = XXH64(seed: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        hash.update(Array("pipeline \(PodsimVersion.pipeline)\n".utf8))
        hash.update(try encoder.encode(options))
        for path in paths {
            hash.update(Array("\n\(URL(fileURLWithPath: path).lastPathComponent)\n".utf8))
            do {
                hash.update(try Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw PodsimError(.io, "cannot read \(path): \(error.localizedDescription)")
            }
        }
        return String(hash.digest(), radix: 16)
    }
}
