import Foundation

/// How much memory a build will need, roughly, and the check that stops it early — with a
/// message saying how much — rather than let the kernel's out-of-memory killer end it half way.
///
/// The figures per episode are calibrated on this project's builds of synthetic catalogues
/// (docs/PERFORMANCE.md, "Ten million episodes"); they are upper-side estimates, not promises.
public struct MemoryEstimate: Sendable, Equatable {
    /// Bytes, by what needs them, largest first when printed.
    public var parts: [(what: String, bytes: Int)]

    public static func == (a: MemoryEstimate, b: MemoryEstimate) -> Bool {
        a.parts.map(\.what) == b.parts.map(\.what) && a.parts.map(\.bytes) == b.parts.map(\.bytes)
    }

    public var total: Int { parts.reduce(0) { $0 + $1.bytes } }

    /// Non-zeros of a TF-IDF row, on average (synthetic catalogues: ~100; real descriptions fewer).
    static let nonZerosPerEpisode = 110
    /// Bytes a non-zero costs while fitting: the corpus counts (term + count, 8), the matrix
    /// (column + value, 8) and its transposed copy in the SVD (12 with the row index).
    static let bytesPerFitNonZero = 28
    /// Packed metadata of the first pass per episode, besides the strings (offsets, show, number,
    /// duration, description length, guests): `CatalogueScan`.
    static let scanBytesPerEpisode = 80
    /// Working memory of the projection pass: one catalogue file decoded (≤ 256 MiB of JSON)
    /// and a batch's matrix and product.
    static let projectionWorkingBytes = 1 << 30

    /// The fit of `sample` episodes with `textBytes` of text in total: the texts, the sparse
    /// matrices, and the SVD's two dense blocks of k + p doubles per episode (B and a product).
    static func fitBytes(sample: Int, textBytes: Int, options: BuildOptions) -> Int {
        let width = options.dimensions + options.oversampling
        return 2 * textBytes + sample * (nonZerosPerEpisode * bytesPerFitNonZero + 2 * width * 8)
    }

    /// A streaming build (`StreamingModelBuilder`) once its first pass has counted: the packed
    /// scan (measured), the fit of the sample, then the vectors and the projection's working
    /// memory — the fit's memory is given back before the vectors are allocated, so the larger
    /// of the two phases counts.
    public static func streaming(
        episodes: Int, sample: Int, sampleTextBytes: Int, scanBytes: Int, options: BuildOptions
    ) -> MemoryEstimate {
        let fit = fitBytes(sample: sample, textBytes: sampleTextBytes, options: options)
        let vectors = episodes * options.dimensions * MemoryLayout<Float>.size
        let project = vectors + projectionWorkingBytes
        return MemoryEstimate(parts: [
            ("packed catalogue (ids, titles, shows, guests)", scanBytes),
            fit >= project
                ? ("fit of \(sample) episodes (texts, TF-IDF, SVD)", fit)
                : ("vectors \(episodes) × \(options.dimensions) and projection", project),
        ])
    }

    /// A streaming build before anything is read, from the catalogue's size: `episodes` estimated,
    /// `bytesPerEpisode` of JSON each (the sample's text is most of that).
    public static func streaming(episodes: Int, bytesPerEpisode: Int, sample: Int, options: BuildOptions) -> MemoryEstimate {
        let strings = min(bytesPerEpisode, 160)
        return streaming(
            episodes: episodes, sample: min(sample, episodes), sampleTextBytes: min(sample, episodes) * bytesPerEpisode,
            scanBytes: episodes * (scanBytesPerEpisode + strings), options: options)
    }

    /// An in-memory build (`ModelBuilder.build`): the loaded catalogue, about three copies of its
    /// text while the loader and the builder order it, plus the fit of every episode and its
    /// lexical rows.
    public static func inMemory(episodes: Int, catalogueBytes: Int, options: BuildOptions) -> MemoryEstimate {
        MemoryEstimate(parts: [
            ("catalogue in memory", 3 * catalogueBytes),
            ("fit of \(episodes) episodes (TF-IDF, SVD, lexical rows)",
             fitBytes(sample: episodes, textBytes: catalogueBytes, options: options)
                + episodes * options.dimensions * MemoryLayout<Float>.size),
        ])
    }

    /// "about 9.8 GB: …" for messages.
    public var summary: String {
        "about \(Self.gigabytes(total)) (" + parts.map { "\($0.what) \(Self.gigabytes($0.bytes))" }.joined(separator: ", ") + ")"
    }

    /// Throws `.insufficientMemory` when the estimate exceeds `limit` bytes.
    public func check(limit: Int) throws {
        guard total > limit else { return }
        throw PodsimError(
            .insufficientMemory,
            "this build needs \(summary), more than the \(Self.gigabytes(limit)) this machine allows "
                + "(physical memory, or --memory-limit); fit on a smaller sample (--fit-sample), fewer --dimensions, "
                + "or a machine with more memory")
    }

    /// This machine's physical memory in bytes.
    public static var physicalMemory: Int {
        Int(ProcessInfo.processInfo.physicalMemory)
    }

    /// "9.8 GB", or "350 MB" below a gigabyte.
    static func gigabytes(_ bytes: Int) -> String {
        bytes >= 1_000_000_000 ? String(format: "%.1f GB", Double(bytes) / 1e9) : String(format: "%.0f MB", Double(bytes) / 1e6)
    }
}
