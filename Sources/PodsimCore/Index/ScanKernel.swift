import CPodsimKernels

/// The instruction-set level of the scan kernels (the C target `CPodsimKernels`): the Float dot
/// product and the int8 code scan, each built for baseline x86-64 (SSE2), AVX2 and AVX-512 and
/// chosen at run time from CPUID — the build targets the baseline, so without this a binary built
/// for every x86-64 would scan at SSE2 speed on a CPU with AVX-512.
///
/// Every level returns the same bits: the Float kernels keep `DotProduct`'s canonical summation
/// order in any register width, and the int8 sums are exact integers (`ScanKernelTests` checks
/// each level this CPU runs against `DotProduct.plain`).
public enum ScanKernel: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Baseline x86-64 (SSE2), or the baseline of another architecture: runs everywhere.
    case baseline
    /// AVX2 (with FMA present, though the Float kernel never fuses).
    case avx2
    /// AVX-512 F, BW, DQ and VL, with the OS saving the ZMM state.
    case avx512

    /// The highest level this CPU and OS run: what `SearchOptions` uses by default.
    public static let best = ScanKernel(level: Int(podsim_kernels_best().pointee.level))

    /// The levels this CPU runs, lowest first.
    public static var available: [ScanKernel] { allCases.filter(\.isAvailable) }

    public var isAvailable: Bool { podsim_kernels_for_level(level) != nil }

    public var description: String { rawValue }

    private init(level: Int) {
        self = Self.allCases[level]
    }

    private var level: Int32 {
        switch self {
        case .baseline: Int32(PODSIM_KERNEL_BASELINE)
        case .avx2: Int32(PODSIM_KERNEL_AVX2)
        case .avx512: Int32(PODSIM_KERNEL_AVX512)
        }
    }

    private var table: podsim_kernels {
        guard let table = podsim_kernels_for_level(level) else {
            preconditionFailure("this CPU cannot run the \(rawValue) scan kernels (it runs: \(Self.available))")
        }
        return table.pointee
    }

    /// The Float kernel: scores[i] = the canonical dot product of the padded query with row rows[i].
    var floatRows: podsim_float_rows_fn { table.float_rows }

    /// The int8 kernel: scores[i] = Float(Σⱼ levels[j]·codes of row rows[i]) · scale.
    var int8Rows: podsim_int8_rows_fn { table.int8_rows }

    /// The block kernel: several padded queries against a run of rows, each row read once,
    /// every score `floatRows`' bits.
    var floatBlock: podsim_float_block_fn { table.float_block }
}
