/// Size limits applied to every catalogue source before it is parsed.
///
/// They exist so that a wrong path (a disk image, a log file) fails fast with a clear message
/// instead of exhausting memory. Tests pass smaller limits; everything else uses `.standard`.
public struct SourceLimits: Sendable, Equatable {
    /// Largest source file accepted, in bytes. Default 256 MiB: far above any real catalogue
    /// (the seed pages are ~30 KB, a 100k-episode JSONL ~200 MB) and still loadable in memory.
    public static let maxSourceBytes = 256 * 1024 * 1024
    /// Longest single line accepted, in bytes; for feeds, the longest text of one element (feeds
    /// are often written on one line, so lines say nothing there). Default 1 MiB: an episode
    /// description is a few KB.
    public static let maxLineBytes = 1024 * 1024

    /// The file-size limit in bytes.
    public var sourceBytes: Int
    /// The line-length limit in bytes (excluding the line terminator); for feeds, per element text.
    public var lineBytes: Int

    public init(sourceBytes: Int = SourceLimits.maxSourceBytes, lineBytes: Int = SourceLimits.maxLineBytes) {
        self.sourceBytes = sourceBytes
        self.lineBytes = lineBytes
    }

    /// The documented defaults.
    public static let standard = SourceLimits()
}
