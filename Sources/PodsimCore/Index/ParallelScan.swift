import Dispatch

/// Splits a row range into contiguous parts scanned on separate threads.
///
/// A top-k answer of the whole range is the top k of the parts' top-k answers (`TopKSelector`'s
/// order is total), so splitting changes no answer, only the time. On a memory-bound scan the
/// gain is what a second core adds to memory bandwidth, not a factor of the core count.
public enum ParallelScan {
    /// Runs `scan` on `parts` contiguous pieces of `rows` concurrently; results in range order.
    public static func run<Part: Sendable>(
        _ rows: Range<Int>, parts: Int, _ scan: @Sendable (Range<Int>) -> Part
    ) -> [Part] {
        let parts = max(1, min(parts, rows.count))
        let slots = PartSlots<Part>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let lower = rows.lowerBound + rows.count * part / parts
            let upper = rows.lowerBound + rows.count * (part + 1) / parts
            slots.store(scan(lower..<upper), at: part)
        }
        return slots.results()
    }
}

/// One slot per part. Each concurrent job writes only its own slot and `results` is read after
/// `concurrentPerform` has returned, which is why the unchecked Sendable is sound.
private final class PartSlots<Part>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Part?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    func store(_ part: Part, at index: Int) { slots[index] = part }

    func results() -> [Part] { slots.map { $0! } }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
}
